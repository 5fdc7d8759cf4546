"""May a try of ours reach this lead on this channel: the one rule, asked wherever a contact
is made or offered. The plan's channels (`planning.reachable_channels`), a message at queue
and send time (`outreach.refusals.refusal`), a promise of ours (`actions.add_commitment`),
Today's call and email buttons and "Keep chasing", the calendar feed, the export and the API
all ask `channel_refusal` (or its two halves), so a new rule is written here once and no
screen offers a call the outbox would refuse as a message.

A rule answers with a code (`HELD`, `NO_ADDRESS`, ...), "" when the channel may be used; each
place words it for its reader (the Outbox, a promise's form, the lead page).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from fairchase import texting

from .models import Lead, Status, Suppression

# The ways a try of ours reaches someone, in the plan's order (a visit: the app keeps no
# street address, so a visit has nowhere to go).
CHANNELS = ("call", "text", "email")

# Why a channel may not be used (codes: each caller has its words).
HELD = "held"  # a request to stop nobody has decided on: no channel at all
NO_ADDRESS = "no_address"
SUPPRESSED = "suppressed"  # opted out (on this lead or another) or bounced
NO_TEXT_CONSENT = "no_text_consent"
TEXTS_OFF = "texts_off"  # no text provider configured (`texting.configured`)

# The hold in a person's words, wherever a contact is refused or not offered for it.
ON_HOLD = "Asked to stop (not yet confirmed): confirm or correct it first."
# The same, short, where a contact would have been offered (a promise's row, an address).
ON_HOLD_NOTE = "on hold: confirm or correct the stop first"
ON_HOLD_SHORT = f"{ON_HOLD_NOTE[0].upper()}{ON_HOLD_NOTE[1:]}."
# A lead held for a wish a teammate's import or hand opt-out could not apply on it
# (`intake.held_wishes`): its `holds` words, and the words of a refused contact, which name
# where to decide (not a stop to confirm).
IMPORT_HOLD = "a teammate says not to contact them at {} (not yet confirmed)"
IMPORT_HOLD_REFUSAL = "A teammate says not to contact them at {}: confirm or dismiss it on Today."


def import_hold_refusal(words: str) -> str:
    """A refused contact's words for a lead held by an import's wish ("" for another hold)."""
    head, tail = IMPORT_HOLD.split("{}")
    if words.startswith(head) and words.endswith(tail):
        return IMPORT_HOLD_REFUSAL.format(words[len(head) : len(words) - len(tail)])
    return ""


# Other apps name the leads a person must decide about before any contact, as {lead id: why}
# for some lead ids (outreach: a request to stop not known to be theirs), or for every held
# lead when asked with None (held leads are few). The plan sends it as the record's `hold`;
# every contact rule here asks it.
HOLDS: list[Callable[[list[int] | None], dict[int, str]]] = []


def register_hold(source: Callable[[list[int] | None], dict[int, str]]) -> None:
    if source not in HOLDS:
        HOLDS.append(source)


def holds(ids: list[int]) -> dict[int, str]:
    """Why each of these leads waits for a person's decision (only the held ones)."""
    out: dict[int, str] = {}
    for source in HOLDS if ids else ():
        for pk, why in source(ids).items():
            out.setdefault(pk, why)
    return out


def held_among(leads: Iterable[Lead]) -> dict[int, str]:
    """The held leads among these, in one look-up (a page's rows): {id: why}."""
    return holds([lead.pk for lead in leads])


def held_ids() -> set[int]:
    """Every held lead's id, whoever's (few: a section's query leaves them out in SQL)."""
    return {pk for source in HOLDS for pk in source(None)}


def is_held(lead: Lead, held: Collection[int] | None = None) -> bool:
    """Whether a person must decide about this lead before any contact. `held`: the held ids
    among a page's leads (`held_among`), looked up once; None asks now."""
    return lead.pk in (holds([lead.pk]) if held is None else held)


# The timeline row of an address another person's lead holds, new on a record whose person
# said no (`actions.keep_said_no`): not blocked, so its holder is not silenced, and never
# used for this record (an opted-out one by its status, a won or lost one by `kept_off`).
# Its words are for people: the address is kept on the record itself (`Lead.kept_off`).
NOT_BLOCKED = (
    "{} not blocked: it is {}'s (#{}), another person's lead, not this person's; "
    "it is still not used for this lead, who asked not to be contacted{}."
)
# The same row for an address a lead the editor may not open holds (a teammate's closed, won
# or lost one): not blocked on his word; that lead's owner is asked to confirm.
NOT_BLOCKED_HELD = (
    "{} not blocked: it is also on a lead you may not open, whose owner is asked to confirm; "
    "it is still not used for this lead, who asked not to be contacted{}."
)


def kept_off(lead: Lead, address: str) -> bool:
    """Whether this record's `address` was left unblocked for another person's lead when it
    was given to this record after its person said no (`Lead.kept_off`, as stored: however
    the timeline writes the number): a won or lost record keeps its status, so this, not a
    suppression, keeps us from using it."""
    return bool(address) and address in (lead.kept_off or [])


def address_of(lead: Lead, channel: str) -> str:
    return lead.email if channel == "email" else lead.phone


def address_refusal(lead: Lead, channel: str, suppressed: Collection[str] | None = None) -> str:
    """Why `channel`'s address of this lead may not be used, whoever the lead is ("" when it
    may): there is none, the lead opted out (every address of theirs, one added since too),
    a won or lost lead's person said no and it is another person's (`kept_off`), it is
    suppressed (`suppressed`: the suppressed addresses among a page's leads, looked up
    now when None), or a text with texts not set up or without consent to text. A hold is
    not asked (`channel_refusal` asks it)."""
    address = address_of(lead, channel)
    if not address:
        return NO_ADDRESS
    if lead.status == Status.OPTED_OUT:
        return SUPPRESSED
    if suppressed is None:
        suppressed = Suppression.among([lead])
    if address in suppressed:
        return SUPPRESSED
    if lead.status in (Status.WON, Status.LOST) and kept_off(lead, address):
        return SUPPRESSED
    if channel == "text" and not texting.configured():
        return TEXTS_OFF  # the business's, before the lead's: nobody can be texted
    if channel == "text" and "sms" not in (lead.consents or []):
        return NO_TEXT_CONSENT
    return ""


def channel_refusal(
    lead: Lead,
    channel: str,
    suppressed: Collection[str] | None = None,
    held: Collection[int] | None = None,
) -> str:
    """Why a try of ours on `channel` may not reach this lead ("" when it may): it is held by
    a request to stop nobody has decided on (a call as much as a message: a phone call is no
    message the outbox can stop), or its address for the channel may not be used
    (`address_refusal`). `suppressed`, `held`: a page's look-ups, None asks now."""
    if is_held(lead, held):
        return HELD
    return address_refusal(lead, channel, suppressed)


def usable_channels(
    lead: Lead,
    suppressed: Collection[str] | None = None,
    held: Collection[int] | None = None,
) -> list[str]:
    """The channels a try of ours may use now (`channel_refusal`), in the plan's order."""
    if suppressed is None:
        suppressed = Suppression.among([lead])
    if is_held(lead, held):
        return []
    return [c for c in CHANNELS if not address_refusal(lead, c, suppressed)]
