"""Promises pinned before `Commitment.channel` existed keep the channel the plan read from
their first word until then: the migration fills it ("Call back, as they asked" is a call,
"Email the quote" an email), leaves a promise whose first word names none blank (any channel),
and leaves the lead's own promises blank (the channel is how a promise of ours is kept)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("leads", "0006_commitment_channel")]
AFTER = [("leads", "0007_commitment_channel_from_words")]
DUE = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_the_migration_names_the_channel_the_first_word_named(alice):
    apps = migrate(BEFORE)
    Lead, Commitment = apps.get_model("leads", "Lead"), apps.get_model("leads", "Commitment")
    lead = Lead.objects.create(name="Otto Khan", email="otto@example.com", owner_id=alice.pk)
    made = {
        what: Commitment.objects.create(lead=lead, by=by, what=what, due_at=DUE).pk
        for by, what in [
            ("us", "Call back, as they asked"),
            ("us", "Phone: the quote"),
            ("us", "email the quote"),
            ("us", "Text the address"),
            ("us", "Send the quote"),
            ("us", ""),
            ("lead", "Call us with the floor plan"),
        ]
    }
    try:
        apps = migrate(AFTER)
        Commitment = apps.get_model("leads", "Commitment")
        got = dict(Commitment.objects.values_list("pk", "channel"))
        assert {what: got[pk] for what, pk in made.items()} == {
            "Call back, as they asked": "call",
            "Phone: the quote": "call",
            "email the quote": "email",
            "Text the address": "text",
            "Send the quote": "",
            "": "",
            "Call us with the floor plan": "",
        }
    finally:  # the latest schema again, for the tests that follow
        migrate_to_latest()
