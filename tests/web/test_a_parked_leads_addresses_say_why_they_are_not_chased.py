"""The lead page says "(not to be contacted)" after an address only when nobody may use it
(suppressed: an opt-out there, a bounce) or the lead opted out. A mailing-list or revisit
lead's addresses say why they are not chased, and stay links: nothing was suppressed.
Before, every lead not open or engaged read "(not to be contacted)", the opt-out's words."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Suppression

NOT_TO = "(not to be contacted)"


def _page(client, user, lead) -> str:
    client.force_login(user)
    r = client.get(f"/leads/{lead.pk}/")
    assert r.status_code == 200
    return r.content.decode()


def test_a_mailing_list_lead_is_not_chased_not_opted_out(client, alice, make_lead):
    lead = make_lead(alice, consents=["mailing_list"], phone="+12125550142")
    actions.stop_chasing(lead, "nurture")
    html = _page(client, alice, lead)
    assert html.count("(on the mailing list: not chased)") == 2 and NOT_TO not in html
    assert 'href="tel:+12125550142"' in html and f'href="mailto:{lead.email}"' in html


def test_a_revisit_lead_says_when(client, alice, make_lead):
    lead = make_lead(alice)
    year = timezone.now().year + 1
    actions.stop_chasing(lead, "revisit", revisit_at=datetime(year, 3, 6, 12, tzinfo=UTC))
    html = _page(client, alice, lead)
    assert html.count(f"(revisit on 6 Mar {year})") == 2 and NOT_TO not in html


def test_an_opted_out_lead_and_a_bounced_address_are_not_to_be_contacted(client, alice, make_lead):
    gone = actions.opt_out(make_lead(alice))
    html = _page(client, alice, gone)
    assert html.count(NOT_TO) == 2 and 'href="tel:' not in html
    bounced = make_lead(alice, phone="+12125550143")
    actions.suppress(bounced.email, Suppression.Kind.EMAIL, "bounce")
    html = _page(client, alice, bounced)
    assert html.count(NOT_TO) == 1 and f'href="mailto:{bounced.email}"' not in html
    assert 'href="tel:+12125550143"' in html
