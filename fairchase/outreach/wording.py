"""The words of the messages that step back, true for who reads them: whether we stop for
good or only until a revisit, whether they ever answered us, whether they ever enquired
(a cold-outreach or purchased-list contact never did). Two placeholders carry them, so a
template edited in the UI keeps working and its writer can see what varies:

- {{last_word}} (the door-open message): "this is the last you'll hear from me about your
  enquiry" for a lead let go for good; "I'll stop writing for now and check back in March"
  for one put off until a revisit; "about your enquiry" only to someone who enquired;
- {{last_contact}} (the revisit check-in): "We spoke a while ago about your enquiry, and it
  may not have been the right time then" only to someone who answered us once; "I got in touch a
  while ago about your enquiry, but we didn't manage to speak" to someone who never did;
- {{following_up}} (the follow-up, and the email after a voicemail): "following up on your
  enquiry from 3 December" to someone who enquired; "following up to see whether we can help
  Acme" to a contact who never did.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fairchase import clock
from fairchase.leads.models import OUTBOUND_SOURCES, Lead, Status

from .facts import LIVE, Facts

PLACEHOLDERS = {
    "last_word": "What the last message promises: the last they hear from you, or until "
    "when you step back (a revisit)",
    "last_contact": "How you were last in touch: spoke with them, or tried without reaching them",
    "following_up": "What you follow up on: their enquiry and its date, or (for a contact who "
    "never enquired) whether you can help them",
}


def values(text: str, lead: Lead, facts: Facts = LIVE) -> dict[str, str]:
    """The values of these placeholders that `text` uses (each may cost a query)."""
    out = {}
    if "last_word" in text:
        out["last_word"] = last_word(lead, facts)
    if "last_contact" in text:
        out["last_contact"] = last_contact(lead, facts)
    if "following_up" in text:
        out["following_up"] = following_up(lead, facts)
    return out


def _about(lead: Lead) -> str:
    return "" if lead.source in OUTBOUND_SOURCES else " about your enquiry"


def _putting_off(lead: Lead) -> bool:
    """Whether the lead is let go only until a revisit (already, or as its plan says)."""
    planned = lead.next_action == "stop" and lead.next_state == Status.REVISIT
    return lead.status == Status.REVISIT or planned


def reader_zone(lead: Lead, facts: Facts = LIVE) -> ZoneInfo:
    """The reader's zone: the lead's, else the business's, else UTC. A name `ZoneInfo` cannot
    load (one stored before the models checked it) falls back instead of raising: a date in
    a sentence must not stop a message, nor the worker's batch behind it (review24 F25)."""
    return clock.zone(lead.timezone, clock.zone(facts.business_zone()))


def last_word(lead: Lead, facts: Facts = LIVE) -> str:
    """The goodbye's promise, true for the stop it goes with: for a revisit, the month of its
    date once let go, else of its plan's."""
    if not _putting_off(lead):
        return f"this is the last you'll hear from me{_about(lead)}"
    revisit = lead.revisit_at if lead.status == Status.REVISIT else lead.plan_revisit_at
    if revisit is None:
        return "I'll stop writing for now and check back in a few months"
    zone = reader_zone(lead, facts)
    return f"I'll stop writing for now and check back in {revisit.astimezone(zone):%B}"


def last_contact(lead: Lead, facts: Facts = LIVE) -> str:
    """How we were last in touch, true whether or not they ever answered."""
    if facts.ever_answered(lead):
        return f"We spoke a while ago{_about(lead)}, and it may not have been the right time then"
    return f"I got in touch a while ago{_about(lead)}, but we didn't manage to speak"


def following_up(lead: Lead, facts: Facts = LIVE) -> str:
    """What a follow-up is about: the enquiry (on the reader's calendar) for someone who made
    one; for a cold-outreach or purchased-list contact, who never did, whether we can help."""
    if lead.source in OUTBOUND_SOURCES:
        return f"following up to see whether we can help {lead.company or 'you'}"
    zone = reader_zone(lead, facts)
    return f"following up on your enquiry from {lead.created_at.astimezone(zone):%-d %B}"
