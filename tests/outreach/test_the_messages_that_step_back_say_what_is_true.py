"""The messages that step back say what is true for who reads them. The door-open message
promises "the last you'll hear from me" only to a lead let go for good: one put off until a
revisit in March hears "I'll stop writing for now and check back in March". "About your
enquiry" goes only to someone who enquired, never to a cold-outreach or purchased-list
contact. The revisit check-in says "We spoke" only to someone who answered us once. The
shipped templates say so through a migration that keeps a person's edits."""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.outreach.drafts import draft_for
from fairchase.outreach.models import MessageTemplate

pytestmark = pytest.mark.usefixtures("open_all_day")
MARCH = datetime(2027, 3, 8, 10, 0, tzinfo=ZoneInfo("UTC"))


def _tried_twice(make_lead, alice, **fields) -> Lead:
    lead = make_lead(alice, created_at=timezone.now() - timedelta(days=20), **fields)
    for days in (12, 6):
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=days))
    return lead


def _let_go(lead, next_state: str, revisit=None) -> Lead:
    Lead.objects.filter(pk=lead.pk).update(
        next_action="stop", next_state=next_state, plan_revisit_at=revisit
    )
    return Lead.objects.get(pk=lead.pk)


def test_a_lead_put_off_until_march_hears_when_we_check_back_not_goodbye(alice, make_lead):
    lead = _let_go(_tried_twice(make_lead, alice, name="Rae Kim"), "revisit", MARCH)
    draft = draft_for(lead)
    assert draft.template.purpose == "breakup", draft.why
    assert "so I'll stop writing for now and check back in March." in draft.rendered.body
    assert "last you'll hear from me" not in draft.rendered.body


def test_a_lead_let_go_for_good_hears_it_is_the_last_message(alice, make_lead):
    lead = _let_go(_tried_twice(make_lead, alice, name="Rae Kim"), "closed")
    body = draft_for(lead).rendered.body
    assert "so this is the last you'll hear from me about your enquiry." in body


@pytest.mark.parametrize("source", ["cold_outreach", "purchased_list"])
def test_a_contact_who_never_enquired_hears_nothing_of_an_enquiry(alice, make_lead, source):
    lead = _let_go(_tried_twice(make_lead, alice, name="Cy Dunn", source=source), "closed")
    body = draft_for(lead).rendered.body
    assert "so this is the last you'll hear from me." in body and "enquiry" not in body


def _back_from_revisit(lead) -> Lead:
    actions.stop_chasing(lead, "revisit", revisit_at=timezone.now() + timedelta(days=1))
    Lead.objects.filter(pk=lead.pk).update(revisit_at=timezone.now() - timedelta(minutes=5))
    assert actions.wake_revisit(lead)
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    return Lead.objects.get(pk=lead.pk)


def test_the_revisit_check_in_says_we_spoke_only_to_someone_who_answered(alice, make_lead):
    silent = _back_from_revisit(_tried_twice(make_lead, alice, name="Nia Silent"))
    draft = draft_for(silent)
    assert draft.template.purpose == "revisit", draft.why
    assert draft.rendered.body.startswith(
        "Hello Nia,\n\nI got in touch a while ago about your enquiry, but we didn't manage "
        "to speak. I'm checking in"
    )
    assert "We spoke" not in draft.rendered.body and "you mentioned" not in draft.rendered.body
    talked = _tried_twice(make_lead, alice, name="Tom Talked")
    actions.log_attempt(talked, "call", "talked", at=timezone.now() - timedelta(days=3))
    body = draft_for(_back_from_revisit(talked)).rendered.body
    assert "We spoke a while ago about your enquiry, and it may not have been the right" in body


def test_the_migration_replaces_only_the_shipped_sentences_and_keeps_edits(db):
    migration = importlib.import_module(
        "fairchase.outreach.migrations.0010_stopping_words_true_for_the_reader"
    )
    shipped_breakup, _, _ = migration.SENTENCES[0]
    shipped = (
        "Hi {{first_name}}. I understand this might not be the right time for you, so this is "
        "the last you'll hear from me about your enquiry. PS: mine."
    )
    edited = MessageTemplate.objects.create(name="Our goodbye", purpose="breakup", body=shipped)
    rewritten = MessageTemplate.objects.create(
        name="Their check-in", purpose="revisit", body="We spoke in the spring! {{opt_out_link}}"
    )
    migration.say_what_is_true(django_apps, None)
    edited.refresh_from_db()
    rewritten.refresh_from_db()
    assert edited.body == (
        "Hi {{first_name}}. I understand this might not be the right time for you, so "
        "{{last_word}}. PS: mine."
    )
    assert rewritten.body == "We spoke in the spring! {{opt_out_link}}"
    migration.say_as_before(django_apps, None)
    edited.refresh_from_db()
    assert edited.body == shipped
    assert shipped_breakup == "breakup"
