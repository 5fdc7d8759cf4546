"""Small words on the screens: consents read as words, a card's wait and its reason give one
figure however old the plan, and a name ending in a full stop gets no second one."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead


def test_consents_are_shown_as_words_not_codes(client, alice, make_lead):
    lead = make_lead(alice, consents=["mailing_list", "sms"])
    client.force_login(alice)
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    facts = html.split("<dt>Consents</dt>", 1)[1].split("</dd>", 1)[0]
    assert "mailing list, text messages" in facts
    assert "mailing_list" not in facts and "sms" not in facts
    none = make_lead(alice, consents=[])
    html = client.get(f"/leads/{none.pk}/").content.decode()
    assert "<dt>Consents</dt><dd>none</dd>" in html


def test_a_cards_wait_and_its_reason_give_one_figure_when_the_plan_is_older_than_the_page(
    client, alice, make_lead
):
    lead = make_lead(alice, name="Wes Waiting", created_at=timezone.now() - timedelta(seconds=70))
    assert " waiting 1 min" in lead.plan_reason  # the plan's words, when it was made
    # Two minutes later, with no replan since: the page says one wait, as of now.
    Lead.objects.filter(pk=lead.pk).update(created_at=lead.created_at - timedelta(minutes=2))
    client.force_login(alice)
    new = client.get("/").content.decode().split('id="section-new"')[1].split("</section>")[0]
    row = new.split(f'id="row-{lead.pk}"')[1].split("</li>")[0]
    badge = re.search(r'class="waited"[^>]*>([^<]*)<', row).group(1)
    reason = re.search(r'<p class="reason">([^<]*)<', row).group(1)
    assert badge == "waiting 3 min"
    assert "waiting 3 min" in reason and "waiting 1 min" not in reason
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "waiting 1 min" not in page
    # The terminal's Today says the same.
    out = io.StringIO()
    call_command("agenda", user="alice", stdout=out)
    assert "waiting 3 min" in out.getvalue() and "waiting 1 min" not in out.getvalue()


def test_a_name_ending_in_a_full_stop_gets_no_second_one(client, alice, make_lead):
    lead = make_lead(alice, name="Quinn F.", email="quinn@example.com")
    client.force_login(alice)
    saved = client.post(
        f"/leads/{lead.pk}/edit/",
        {"name": "Quinn F.", "email": "quinn@example.com", "source": "referral", "value": "100"},
        follow=True,
    ).content.decode()
    assert "Saved Quinn F." in saved and "Quinn F.." not in saved
    actions.mark_lost(lead, "No budget", user=alice)
    reopened = client.post(f"/leads/{lead.pk}/reopen/", follow=True).content.decode()
    assert "Reopened Quinn F." in reopened and "Quinn F.." not in reopened
    other = make_lead(alice, name="Rita Ray")
    saved = client.post(
        f"/leads/{other.pk}/edit/",
        {"name": "Rita Ray", "email": other.email, "source": "referral", "value": "100"},
        follow=True,
    ).content.decode()
    assert "Saved Rita Ray." in saved
