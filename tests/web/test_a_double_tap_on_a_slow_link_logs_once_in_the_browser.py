"""On a slow phone link, a second tap on the lead page's "No answer" sends nothing (eval34):
once a plain POST form is sent, app.js drops a second submit and disables its buttons, so
the call is logged once. (The server's one-time key is the guarantee for any client:
test_a_form_sent_twice_acts_once.) The link is slowed by holding the POST in a
Playwright route until the test lets it go, after the second tap."""

from __future__ import annotations

import pytest

from fairchase.leads.models import Attempt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_answer_tapped_twice_while_the_first_is_on_its_way_logs_one_attempt(
    page_for, alice, make_lead
):
    lead = make_lead(alice, name="Bob Ito")
    page = page_for(alice, phone=True)
    page.goto(f"/leads/{lead.pk}/")
    held, posts = [], []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.route("**/outcome/", lambda route: held.append(route))  # on its way till let go
    button = page.locator("#quick-outcomes button.outcome-no_answer")
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with page.expect_request(lambda r: r.method == "POST"):
        page.touchscreen.tap(x, y)
    page.touchscreen.tap(x, y)  # again, as a thumb does while nothing seems to happen
    page.wait_for_timeout(500)  # time for a second POST to leave, if it would
    assert len(posts) == 1, posts
    for route in held:
        route.continue_()
    page.get_by_text("No answer from Bob Ito (call): logged.").wait_for()
    assert Attempt.objects.filter(lead=lead).count() == 1
