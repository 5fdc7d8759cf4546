"""A site that ran 0015 keeps no signer on a message queued before its lead was reassigned by
the code of before, whose timeline row names the username ("Reassigned from alice to bob"):
0016 finds the former owner by username too, and cancels such a message still queued (or
failed) as a reassignment now does, also when nobody by that name can be found; a message
whose lead came back to who wrote it stays, and its signer is filled in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.migrating import migrate, migrate_to_latest

# the lead book as it stood then too: rows are written with the models of that day
BEFORE = [
    ("outreach", "0015_outboundmessage_signed_by"),
    ("leads", "0013_business_settings_within_bounds"),
]
AFTER = [
    ("outreach", "0016_signers_by_username_or_cancelled"),
    ("leads", "0014_lead_typed_addresses"),
]
WRITTEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _old_rows(apps, alice, bob):
    """Rows as the code of before left them after 0015: no signer, usernames on the timeline."""
    Lead, Change = apps.get_model("leads", "Lead"), apps.get_model("leads", "StatusChange")
    Message = apps.get_model("outreach", "OutboundMessage")

    def lead(name, owner, *moves):
        made = Lead.objects.create(name=name, email=f"{name[:3]}@example.com", owner_id=owner.pk)
        for hours, reason in enumerate(moves, start=1):
            Change.objects.create(
                lead=made,
                old="open",
                new="open",
                at=WRITTEN + timedelta(hours=hours),
                reason=reason,
            )
        return made

    def message(lead, n, state="queued"):
        return Message.objects.create(
            lead=lead,
            channel="email",
            to="x@example.com",
            body="Hello, Alice",
            created_at=WRITTEN,
            message_id=f"<{n}@test>",
            state=state,
        ).pk

    handed = lead("Hal Handed", bob, "Reassigned from alice to bob")
    gone = lead("Gus Gone", bob, "Reassigned from maria to bob")
    back = lead("Bea Back", alice, "Reassigned from alice to bob", "Reassigned from bob to alice")
    return {
        "queued, handed over": message(handed, 1),
        "failed, handed over": message(handed, 2, "failed"),
        "unknown, handed over": message(handed, 3, "unknown"),
        "queued, former owner not found": message(gone, 4),
        "queued, came back": message(back, 5),
        "unknown, former owner not found": message(gone, 6, "unknown"),
        "sending, former owner not found": message(gone, 7, "sending"),
    }, handed.pk


@pytest.mark.django_db(transaction=True)
def test_a_message_queued_before_a_reassignment_by_username_is_cancelled(alice, bob):
    from fairchase.leads.models import StatusChange
    from fairchase.outreach.models import MessageChange, OutboundMessage
    from fairchase.outreach.refusals import refusal_to_send

    made, handed = _old_rows(migrate(BEFORE), alice, bob)
    try:
        migrate(AFTER)
        migrate_to_latest()  # today's code reads today's schema (the settings' home region)
        rows = OutboundMessage.objects.in_bulk(made.values())
        got = {what: (rows[pk].state, rows[pk].signed_by_id) for what, pk in made.items()}
        assert got == {
            "queued, handed over": ("cancelled", alice.pk),
            "failed, handed over": ("cancelled", alice.pk),
            "unknown, handed over": ("unknown", alice.pk),
            "queued, former owner not found": ("cancelled", None),
            "queued, came back": ("queued", alice.pk),
            "unknown, former owner not found": ("unknown", None),
            "sending, former owner not found": ("unknown", None),
        }
        why = "Written by Alice, the lead now belongs to Bob: write it again."
        assert rows[made["queued, handed over"]].error == why
        assert refusal_to_send(rows[made["unknown, handed over"]]) == why
        assert (
            rows[made["queued, former owner not found"]].error
            == "Written by maria, the lead now belongs to Bob: write it again."
        )
        _may_arrive_but_never_go_again(rows, made, alice)
        change = MessageChange.objects.get(message_id=made["queued, handed over"])
        assert (change.old, change.new, change.reason) == ("queued", "cancelled", why)
        assert StatusChange.objects.filter(
            lead_id=handed, reason=f"2 queued messages cancelled. {why}"
        ).exists()
    finally:  # the latest schema again, for the tests that follow
        migrate_to_latest()


def _may_arrive_but_never_go_again(rows, made, person):
    """Review 21 #10: a row that may have arrived, whose signer nobody can tell, stays for a
    person to settle ("It arrived" works) but "Send again" is refused: it would go out From
    the new owner in the former one's words."""
    from fairchase.outreach import actions
    from fairchase.outreach.refusals import UNKNOWN_SIGNER, refusal_to_send

    for what in ("unknown, former owner not found", "sending, former owner not found"):
        assert refusal_to_send(rows[made[what]]) == UNKNOWN_SIGNER, what
    assert actions.confirm_arrived(rows[made["unknown, former owner not found"]], person)
