"""A time zone name nobody can read (review24 F25): refused by the model (so by /admin/ too)
and read by the actions as the doors read it; one stored before the check (or by a script)
falls back to the business's zone in a message, and a lead whose message cannot be drafted
is skipped by the worker's automatic step, never the end of the batch behind it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.admin import LeadAdminForm
from fairchase.leads.models import BusinessSettings, Lead, Profile
from fairchase.leads.normalize import InvalidContact
from fairchase.outreach import drafts
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from fairchase.outreach.rendering import render
from tests.conftest import open_all_day_now

pytestmark = pytest.mark.django_db

NOWHERE = "Mars/Olympus"


def _admin_data(lead: Lead, **fields) -> dict:
    data = {f.name: getattr(lead, f.attname) for f in Lead._meta.fields if f.editable}
    return {**data, **fields}


def test_the_admins_lead_form_refuses_a_zone_nobody_can_read(alice, make_lead):
    lead = make_lead(alice)
    form = LeadAdminForm(_admin_data(lead, timezone=NOWHERE), instance=lead)
    assert not form.is_valid()
    assert "Unknown time zone" in str(form.errors["timezone"])


def test_the_business_zone_is_checked_by_the_model():
    settings = BusinessSettings.current()
    settings.business_timezone = NOWHERE
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "business_timezone" in refused.value.message_dict


def test_the_actions_read_a_zone_as_the_doors_do(alice, make_lead):
    lead = make_lead(alice, timezone="PST")
    assert lead.timezone == "America/Los_Angeles"
    actions.update_lead(lead, timezone="EST", via="admin")
    assert Lead.objects.get(pk=lead.pk).timezone == "America/New_York"
    with pytest.raises(InvalidContact):
        actions.update_lead(lead, timezone=NOWHERE, via="admin")
    assert Lead.objects.get(pk=lead.pk).timezone == "America/New_York"


def test_a_message_to_a_lead_stored_with_a_bad_zone_is_still_written(alice, make_lead):
    lead = make_lead(alice, name="Zed Zone")
    Lead.objects.filter(pk=lead.pk).update(timezone=NOWHERE)  # stored before the check
    BusinessSettings.objects.update(business_timezone="Not/AZone")
    lead = Lead.objects.get(pk=lead.pk)
    template = MessageTemplate.objects.filter(channel="email").first()
    rendered = render(template.subject, template.body, lead)
    assert "Zed" in rendered.body


def test_a_lead_whose_message_fails_is_skipped_and_the_next_gets_its_own(
    alice, make_lead, monkeypatch, caplog
):
    open_all_day_now()
    Profile.objects.filter(user=alice).update(outreach_mode=Profile.Mode.AUTOMATIC)
    bad = make_lead(alice, name="Zed Zone", phone="")
    good = make_lead(alice, name="Good Lead", phone="")
    past = timezone.now() - timedelta(minutes=1)
    due = {"next_action": "contact", "next_channel": "email", "next_due": past}
    Lead.objects.filter(pk=bad.pk).update(**due, priority=9.0)  # first in the batch
    Lead.objects.filter(pk=good.pk).update(**due, priority=1.0)
    real = drafts.draft_for

    def failing_for_the_first(lead, *args, **kwargs):
        if lead.pk == bad.pk:  # any fault of one lead's stored details
            raise LookupError("a detail its message cannot be drafted from")
        return real(lead, *args, **kwargs)

    monkeypatch.setattr(drafts, "draft_for", failing_for_the_first)
    assert drafts.queue_plan_steps() == 1
    assert OutboundMessage.objects.filter(lead=good).count() == 1
    assert not OutboundMessage.objects.filter(lead=bad).exists()
    assert f"lead {bad.pk}" in caplog.text
