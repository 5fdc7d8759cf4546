"""Rows queued before a message kept who signed it: the migration fills those still to go
(queued, failed, unknown) from their lead's owner, or, when the lead changed hands since the
row was written, from the former owner the timeline names if that name is one person's; an
owner's alert and a row whose former owner's name two people share stay unknown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.migrating import migrate, migrate_to_latest

# the lead book as it stood then too: rows are written with the models of that day
BEFORE = [("outreach", "0014_reply_template"), ("leads", "0013_business_settings_within_bounds")]
AFTER = [("outreach", "0015_outboundmessage_signed_by")]
WRITTEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_who_signed_each_message_still_to_go(alice, bob, boss):
    apps = migrate(BEFORE)
    Lead, Change = apps.get_model("leads", "Lead"), apps.get_model("leads", "StatusChange")
    Message = apps.get_model("outreach", "OutboundMessage")

    def message(lead, n, **fields):
        return Message.objects.create(
            lead=lead,
            channel="email",
            to="x@example.com",
            body="Hello",
            created_at=WRITTEN,
            message_id=f"<{n}@test>",
            **fields,
        ).pk

    kept = Lead.objects.create(name="Kay Kept", email="kay@example.com", owner_id=alice.pk)
    moved = Lead.objects.create(name="Mo Moved", email="mo@example.com", owner_id=bob.pk)
    Change.objects.create(
        lead=moved,
        old="open",
        new="open",
        at=WRITTEN + timedelta(hours=1),
        reason="Reassigned from Alice to Bob",
    )
    made = {
        "queued": message(kept, 1),
        "alert": message(kept, 2, kind="alert"),
        "sent": message(kept, 3, state="sent"),
        "failed, moved since": message(moved, 4, state="failed"),
    }
    try:
        apps = migrate(AFTER)
        got = dict(
            apps.get_model("outreach", "OutboundMessage").objects.values_list("pk", "signed_by_id")
        )
        assert {what: got[pk] for what, pk in made.items()} == {
            "queued": alice.pk,
            "alert": None,
            "sent": None,
            "failed, moved since": alice.pk,
        }
    finally:  # the latest schema again, for the tests that follow
        migrate_to_latest()
