"""An id or a day in the URL that no database holds (99999999999999999999, "²", 9999-12-31)
is ignored, as a typo is: the page shows as without it, never a server error. One reader
(`fairchase.params`) serves every page."""

from __future__ import annotations

from datetime import date

import pytest

from fairchase.outreach.models import MessageTemplate
from fairchase.params import a_day, an_id

HUGE = "99999999999999999999"
PAGES = [
    f"/?owner={HUGE}",
    "/?owner=%C2%B2",  # "²": a digit to str.isdigit, no number to int()
    f"/leads/?owner={HUGE}",
    "/leads/?owner=%C2%B2",
    f"/insights/?owner={HUGE}",
    "/insights/?to=9999-12-31",
    "/insights/?from=0001-01-01&to=9999-12-31",
    "/insights/whatif/?to=9999-12-31",
]


@pytest.mark.parametrize("url", PAGES)
def test_an_admin_gets_the_page_without_the_parameter(client, boss, make_lead, url):
    make_lead(boss)
    client.force_login(boss)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/insights/?to=9999-12-31", "/insights/whatif/?to=9999-12-31"])
def test_a_salesperson_too(client, alice, make_lead, url):
    make_lead(alice)
    client.force_login(alice)
    assert client.get(url).status_code == 200


def test_compose_and_a_template_preview_ignore_ids_no_database_holds(client, boss, make_lead):
    lead = make_lead(boss)
    template = MessageTemplate.objects.first()
    client.force_login(boss)
    for raw in (HUGE, "%C2%B2"):
        assert client.get(f"/o/leads/{lead.pk}/compose/?template={raw}").status_code == 200
        assert client.get(f"/o/templates/{template.pk}/preview/?lead={raw}").status_code == 200


def test_what_counts_as_an_id_and_a_day():
    assert [an_id(x) for x in ("12", " 7 ", "0", "-3", "²", "1e3", HUGE, str(2**62))] == [
        12,
        7,
        None,
        None,
        None,
        None,
        None,
        2**62,
    ]
    assert [a_day(x) for x in ("2026-03-01", "9999-12-31", "0001-01-01", "soon", None)] == [
        date(2026, 3, 1),
        None,
        None,
        None,
        None,
    ]
