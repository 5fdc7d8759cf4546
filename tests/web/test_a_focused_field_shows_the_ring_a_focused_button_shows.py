"""With the keyboard, a focused text box, list or notes box shows the same clear 3 px ring as
a focused button or link: it showed a faint 2 px halo (a pale green at 35% against white),
because app.css's `input:focus` outranked the general `:focus-visible` ring."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RING = """() => { const s = getComputedStyle(document.activeElement);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""


def _tab_to(page, selector: str) -> list:
    """Tab (the keyboard, as a person does) until `selector` has the focus; its ring."""
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.evaluate(RING)
    raise AssertionError(f"Tab never reached {selector}")


def test_fields_get_the_buttons_ring_from_the_keyboard(page_for, boss, make_lead):
    lead = make_lead(boss, name="Pat Page")
    page = page_for(boss, phone=True)
    page.goto("/settings/")
    button = _tab_to(page, "form button[type=submit].btn")
    assert button == ["solid", "3px", "rgb(37, 99, 235)"]
    fields = {
        "margin": _tab_to(page, "#id_margin"),
        "time zone": _tab_to(page, "#id_business_timezone"),
    }
    page.goto(f"/leads/{lead.pk}/")
    fields["notes"] = _tab_to(page, "#log-attempt textarea")
    assert fields == {name: button for name in fields}
