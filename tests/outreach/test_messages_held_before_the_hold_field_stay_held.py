"""Messages read before `InboundMessage.hold` existed were held by the first words of their
evidence: the migration stores what those words said (a request to stop not known to be
theirs, an unsubscribe link to a former address, a bounce naming no message of ours, one of
ours with a code we could not classify, a refusal of email alone), so every one of them holds
(or refuses) as before, and a plain reply holds nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.migrating import migrate, migrate_to_latest

# the leads as they are now (their rows have today's columns), the messages as before
BEFORE = [("leads", "0018_zones_are_validated"), ("outreach", "0020_receipts_belong_to_no_lead")]
AFTER = [("outreach", "0022_inbound_holds_from_their_old_evidence")]
AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
STOP = "Asked us to stop, from a sender not known to be them:"
OLD = {  # key: (kind, evidence, names a message of ours)
    "stop": ("unclear", f'{STOP} "please stop"', False),
    "link": (
        "unclear",
        f"{STOP} unsubscribed with a link sent to their former address a@b.c",
        False,
    ),
    "decided": ("opt_out", f'{STOP} "please stop"', False),
    "forged": ("bounce", "A bounce naming no message of ours: olga@example.com 5.1.1", False),
    "odd code": ("bounce", "A bounce naming no message of ours: odd@example.com 5.9.9", True),
    # review27 #8: words naming no address take the one our message went to, if any
    "code only": ("bounce", "A bounce naming no message of ours: 5.9.9", True),
    "nothing named": ("bounce", "A bounce naming no message of ours: 5.1.1", False),
    "no email": ("interested", 'No more email, asked for a call: "no more emails"; "call"', False),
    "reply": ("interested", '"sounds good"', False),
}


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_what_the_old_words_said(alice):
    apps = migrate(BEFORE)
    Lead = apps.get_model("leads", "Lead")
    Inbound = apps.get_model("outreach", "InboundMessage")
    Outbound = apps.get_model("outreach", "OutboundMessage")
    lead = Lead.objects.create(name="Olga Berg", email="olga@example.com", owner_id=alice.pk)
    ours = Outbound.objects.create(lead=lead, channel="email", to="odd@example.com", body="Hi")
    for key, (kind, evidence, named) in OLD.items():
        Inbound.objects.create(
            key=key,
            lead=lead,
            kind=kind,
            evidence=evidence,
            received_at=AT,
            outbound=ours if named else None,
        )
    try:
        apps = migrate(AFTER)
        Inbound = apps.get_model("outreach", "InboundMessage")
        got = {m.key: (m.hold, m.held_address, m.no_email) for m in Inbound.objects.all()}
        assert got == {
            "stop": ("stop", "", False),
            "link": ("former_address", "", False),
            "decided": ("stop", "", False),  # decided since: the hold stays, as on new ones
            "forged": ("bounce", "olga@example.com", False),
            "odd code": ("bounce_code", "odd@example.com", False),
            "code only": ("bounce_code", "odd@example.com", False),
            "nothing named": ("bounce", "", False),
            "no email": ("", "", True),
            "reply": ("", "", False),
        }
    finally:  # the latest schema again, for the tests that follow
        migrate_to_latest()
