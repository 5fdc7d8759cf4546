"""On a phone, "Asked not to be contacted" on a Today card asks first (eval34 #2): no Undo
brings back a person who said no, so a mis-tap must cost nothing. Dismissed, nothing is
recorded; confirmed, the card says what Record opt-out says, offers no Undo, and the lead
is gone from Today."""

from __future__ import annotations

import pytest

from fairchase.leads.models import Lead, Status
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cards_opt_out_asks_first_then_records_it_and_the_lead_leaves_today(
    browser, live_server, alice, make_lead
):
    make_lead(alice, name="Gina Park")
    ann = make_lead(alice, name="Ann Hill")
    ctx = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
    )
    log_in(ctx, alice, live_server.url)
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    asked = []
    try:
        page.goto("/")
        button = page.locator(f"#row-{ann.pk} button[value=opted_out]")
        assert button.inner_text() == "Asked not to be contacted"
        assert button.bounding_box()["height"] >= 44

        def dismiss(dialog):
            asked.append(dialog.message)
            dialog.dismiss()

        page.once("dialog", dismiss)
        button.tap()
        assert asked and asked[0].startswith("They asked not to be contacted?")
        assert page.locator(f"#row-{ann.pk}[data-done]").count() == 0
        assert Lead.objects.get(pk=ann.pk).status != Status.OPTED_OUT  # a mis-tap costs nothing

        page.once("dialog", lambda dialog: dialog.accept())
        button.tap()
        card = page.locator(f"#row-{ann.pk}[data-done]")
        card.wait_for()
        assert "Ann Hill opted out: they will not be contacted again." in card.inner_text()
        assert card.locator("button.undo").count() == 0
        assert Lead.objects.get(pk=ann.pk).status == Status.OPTED_OUT
        page.goto("/")
        page.locator("li.agenda-row").first.wait_for()
        assert page.locator(f"#row-{ann.pk}").count() == 0
    finally:
        ctx.close()
