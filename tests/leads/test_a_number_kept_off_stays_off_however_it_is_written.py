"""A won or lost record of someone who said no never uses an address another person's lead
holds, given to it since (`reach.kept_off`, review30 #4): it was read from the wording of
its timeline row, which writes the number as people read it at the time ("(312) 555-0199"
for a business at home in the US). A business whose phone region changed since reads it as
"+1 312-555-0199": the row no longer matched, and the record could be called on a number
its person's no covers. Now the record keeps the address itself (`Lead.kept_off`, E.164),
and rows written before it are carried over by a migration."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions, home, reach
from fairchase.leads.models import BusinessSettings, Lead, Status
from fairchase.leads.normalize import display_phone
from tests.migrating import migrate, migrate_to_latest

KIM_PHONE = "+13125550199"


def _region(region: str) -> None:
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(phone_region=region)
    home.forget()


def _lost_who_said_no(make_lead, owner) -> Lead:
    """Yuri Gray, lost; another record of his opted out, so the lost one keeps its status."""
    lost = make_lead(owner, name="Yuri Gray", email="yuri@example.com", phone="+13125550161")
    actions.mark_lost(lost, "went elsewhere", user=owner)
    actions.opt_out(make_lead(owner, name="Yuri Gray", email="yuri@example.com"), user=owner)
    lost.refresh_from_db()
    assert lost.status == Status.LOST
    return lost


@pytest.mark.django_db
def test_a_number_kept_off_stays_off_when_the_business_writes_numbers_otherwise(alice, make_lead):
    _region("US")
    lost = _lost_who_said_no(make_lead, alice)
    make_lead(alice, name="Kim Vale", phone=KIM_PHONE)
    actions.update_lead(lost, user=alice, via="import line 2", phone=KIM_PHONE)
    lost.refresh_from_db()
    assert lost.status_changes.filter(reason__startswith="(312) 555-0199 not blocked").exists()
    assert reach.address_refusal(lost, "call") == reach.SUPPRESSED
    _region("GB")  # the same number, now written internationally
    assert display_phone(KIM_PHONE) == "+1 312-555-0199"
    lost = Lead.objects.get(pk=lost.pk)
    assert reach.address_refusal(lost, "call") == reach.SUPPRESSED
    assert reach.kept_off(lost, KIM_PHONE) and not reach.kept_off(lost, "+13125550161")


BEFORE = [("leads", "0020_imported_leads_found_by_name")]
AFTER = [("leads", "0021_lead_kept_off")]
ROW = (
    "{} not blocked: it is Kim Vale's (#7), another person's lead, not this person's; it is "
    "still not used for this lead, who asked not to be contacted (import line 2)."
)


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_the_addresses_old_rows_kept_off(alice):
    apps = migrate(BEFORE)
    Lead, Change = apps.get_model("leads", "Lead"), apps.get_model("leads", "StatusChange")

    def lead(name: str, email: str, phone: str, *rows: str) -> int:
        made = Lead.objects.create(
            name=name,
            email=email,
            phone=phone,
            status="won",
            owner_id=alice.pk,
            created_at=timezone.now() - timedelta(days=2),
        )
        for row in rows:
            Change.objects.create(lead=made, old="won", new="won", reason=row)
        return made.pk

    made = {
        "national": lead("Ann", "", KIM_PHONE, ROW.format("(312) 555-0199")),
        "abroad": lead("Bea", "", "+442079460958", ROW.format("+44 20 7946 0958")),
        "email": lead("Cy", "ben@example.com", "", ROW.format("ben@example.com")),
        "other row": lead("Dee", "dee@example.com", "", "ben@example.com suppressed: x."),
    }
    try:
        apps = migrate(AFTER)
        Lead = apps.get_model("leads", "Lead")
        assert {k: Lead.objects.get(pk=pk).kept_off for k, pk in made.items()} == {
            "national": [KIM_PHONE],
            "abroad": ["+442079460958"],
            "email": ["ben@example.com"],
            "other row": [],
        }
    finally:
        migrate_to_latest()
