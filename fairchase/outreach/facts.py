"""What drafting needs to know about a lead, asked one lead at a time or for a whole page.

The drafting rules (drafts.py) and placeholder values (rendering.py) ask a `Facts`
object instead of querying directly. `Facts` answers with one query per question,
fine for one lead (the lead page, the worker). Today shows hundreds of rows, so its
`prepare` hook builds `PageFacts`, which loads every answer for every row in a fixed
handful of queries and falls back to `Facts` for a lead it was not given.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cached_property

from django.db.models import Count, Max, Q
from django.utils import timezone

from fairchase.leads.models import (
    ANSWERS,
    Attempt,
    BusinessSettings,
    Commitment,
    Lead,
    Outcome,
    Profile,
    Status,
    StatusChange,
    Suppression,
)
from fairchase.leads.people import profile_of
from fairchase.leads.planning import ContactDay, contact_day

from .models import InboundMessage, MessageTemplate, OutboundMessage

TO_LEAD = OutboundMessage.Kind.TO_LEAD  # the owner's alerts about a lead are not messages to it

# A call logged this recently still deserves its follow-up email.
AFTER_CALL = timedelta(days=2)
# A message still to go, or that may have gone (the worker stopped mid-send: a person settles
# it before anything else is sent to the lead).
PENDING_STATES = [
    OutboundMessage.State.QUEUED,
    OutboundMessage.State.SENDING,
    OutboundMessage.State.UNKNOWN,
]
# Messages that did not go out do not count as having written to the lead.
NOT_SENT = [OutboundMessage.State.CANCELLED, OutboundMessage.State.FAILED]
GOODBYE = [MessageTemplate.Purpose.BREAKUP, MessageTemplate.Purpose.MAILING_LIST]
REVISIT_REASON = "Revisit date reached"
# Inbound messages that are not a person's words to answer.
NOT_WORDS = [
    InboundMessage.Kind.AUTO_REPLY,
    InboundMessage.Kind.BOUNCE,
    InboundMessage.Kind.OPT_OUT,
    InboundMessage.Kind.UNMATCHED,
]
QUOTE_CHARS = 200


def _their_words():
    return (
        InboundMessage.objects.exclude(kind__in=NOT_WORDS)
        .exclude(text="")
        .order_by("-received_at", "-pk")
    )


def quoted(text: str) -> str:
    """A message's words on one line, cut at a word to QUOTE_CHARS."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    return flat[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def _calls():
    """Calls that left a message or reached the lead: the ones an email follows."""
    return Attempt.objects.filter(
        channel="call", outcome__in=[Outcome.LEFT_MESSAGE, Outcome.TALKED]
    )


def _calls_since(now: datetime):
    return _calls().filter(at__gte=now - AFTER_CALL)


def last_word_is_theirs(lead: Lead) -> bool:
    """An engaged lead who wrote to us after our latest try: it is our turn to answer."""
    return (
        lead.status == Status.ENGAGED
        and lead.responded_at is not None
        and (lead.last_attempt_at is None or lead.responded_at > lead.last_attempt_at)
    )


class Facts:
    """Answers for one lead at a time, straight from the database."""

    def pending_message(self, lead: Lead) -> OutboundMessage | None:
        """The newest message queued, being sent, or that may have gone (unknown) to this lead."""
        return OutboundMessage.objects.filter(
            lead=lead, kind=TO_LEAD, state__in=PENDING_STATES
        ).first()

    def last_call(self, lead: Lead) -> Attempt | None:
        """The latest recent call that left a message or reached the lead."""
        return _calls_since(timezone.now()).filter(lead=lead).order_by("-at").first()

    def latest_call(self, lead: Lead) -> Attempt | None:
        """The latest call that left a message or reached the lead, however long ago."""
        return _calls().filter(lead=lead).order_by("-at", "-pk").first()

    def ever_answered(self, lead: Lead) -> bool:
        """Whether they ever answered us: wrote back, or talked on a call or a visit."""
        return lead.responded_at is not None or lead.attempts.filter(outcome__in=ANSWERS).exists()

    def followed_up_since(self, lead: Lead, since: datetime) -> bool:
        return (
            OutboundMessage.objects.filter(lead=lead, kind=TO_LEAD, created_at__gte=since)
            .exclude(state__in=NOT_SENT)
            .exists()
        )

    def said_goodbye(self, lead: Lead) -> bool:
        return (
            OutboundMessage.objects.filter(lead=lead, template__purpose__in=GOODBYE)
            .exclude(state__in=NOT_SENT)
            .exists()
        )

    def next_commitment(self, lead: Lead) -> Commitment | None:
        """The earliest pending commitment (the agreed next step)."""
        return lead.commitments.filter(state=Commitment.State.PENDING).order_by("due_at").first()

    def back_from_revisit(self, lead: Lead) -> bool:
        """Woken from revisit and not tried since."""
        woke = (
            lead.status_changes.filter(reason=REVISIT_REASON)
            .order_by("-at")
            .values_list("at", flat=True)
            .first()
        )
        return woke is not None and not lead.attempts.filter(at__gte=woke).exists()

    def their_words(self, lead: Lead) -> str:
        """What they last wrote to us (a reply or a text, not an automatic one), quoted."""
        latest = _their_words().filter(lead=lead).first()
        return quoted(latest.text) if latest else ""

    def suppressed(self, lead: Lead) -> set[str]:
        """The lead's addresses nobody may write to (opted out or bounced, on any lead)."""
        return Suppression.among([lead])

    def template(self, purpose: str, channel: str) -> MessageTemplate | None:
        """The active template for this purpose and channel (the oldest if several)."""
        return (
            MessageTemplate.objects.filter(purpose=purpose, channel=channel, is_active=True)
            .order_by("pk")
            .first()
        )

    def owner_phone(self, owner) -> str:
        return profile_of(owner).phone

    def business_zone(self) -> str:
        return BusinessSettings.current().business_timezone

    def business_settings(self) -> BusinessSettings:
        """The business settings (its name and address sign the messages)."""
        return BusinessSettings.current()

    def contact_day(self) -> ContactDay:
        """The day Today shows (`planning.contact_day`): a step due by its end is for now."""
        return contact_day(timezone.now(), BusinessSettings.current())


LIVE = Facts()


class PageFacts(Facts):
    """Every answer for a page of leads, each kind loaded for all of them on first use.

    So a page costs one query per kind of question actually asked (none for a page of
    calls), never one per row. Built once per request and read-only after that: nothing
    on the page changes the database between loading and rendering.
    """

    def __init__(
        self,
        leads: list[Lead],
        business: BusinessSettings | None = None,
        blocked: set[str] | None = None,
    ):
        self.ids = {lead.pk for lead in leads}
        self.leads = {lead.pk: lead for lead in leads}
        self.owner_ids = {lead.owner_id for lead in leads}
        self.addresses = {v for lead in leads for v in (lead.email, lead.phone) if v}
        self.business = business
        self.blocked = blocked  # the page's suppressed addresses, when it looked them up already

    @cached_property
    def suppressions(self) -> set[str]:
        if self.blocked is not None:
            return self.blocked
        return Suppression.among(values=self.addresses)

    def suppressed(self, lead):
        if lead.pk not in self.ids:
            return super().suppressed(lead)
        return {v for v in (lead.email, lead.phone) if v and v in self.suppressions}

    @cached_property
    def pending(self) -> dict[int, OutboundMessage]:
        out: dict[int, OutboundMessage] = {}
        # Newest first (the model's ordering), so the first seen per lead is `.first()`'s.
        for m in OutboundMessage.objects.filter(
            lead_id__in=self.ids, kind=TO_LEAD, state__in=PENDING_STATES
        ):
            out.setdefault(m.lead_id, m)
        return out

    @cached_property
    def latest_calls(self) -> dict[int, Attempt]:
        """lead id -> its latest call that left a message or reached it, however long ago."""
        out: dict[int, Attempt] = {}
        for a in _calls().filter(lead_id__in=self.ids).order_by("-at", "-pk"):
            out.setdefault(a.lead_id, a)
        return out

    @cached_property
    def calls(self) -> dict[int, Attempt]:
        """lead id -> its latest call, where that was recent (the same query answers both)."""
        since = timezone.now() - AFTER_CALL
        return {pk: a for pk, a in self.latest_calls.items() if a.at >= since}

    @cached_property
    def written(self) -> dict[int, tuple[datetime, bool]]:
        """lead id -> (latest message that went out, whether any was a goodbye): one pass
        answers both "written since?" and "said goodbye?"."""
        rows = (
            OutboundMessage.objects.filter(lead_id__in=self.ids, kind=TO_LEAD)
            .exclude(state__in=NOT_SENT)
            .order_by()
            .values("lead_id")
            .annotate(
                last=Max("created_at"), bye=Count("pk", filter=Q(template__purpose__in=GOODBYE))
            )
        )
        return {r["lead_id"]: (r["last"], bool(r["bye"])) for r in rows}

    @cached_property
    def commitments(self) -> dict[int, Commitment]:
        out: dict[int, Commitment] = {}
        for c in Commitment.objects.filter(
            lead_id__in=self.ids, state=Commitment.State.PENDING
        ).order_by("due_at", "pk"):
            out.setdefault(c.lead_id, c)
        return out

    @cached_property
    def woken(self) -> dict[int, datetime]:
        """lead id -> when it last woke from revisit, for woken leads."""
        return dict(
            StatusChange.objects.filter(lead_id__in=self.ids, reason=REVISIT_REASON)
            .order_by()
            .values("lead_id")
            .annotate(at=Max("at"))
            .values_list("lead_id", "at")
        )

    @cached_property
    def tries(self) -> dict[int, tuple[datetime, bool]]:
        """lead id -> (its latest attempt, whether any got an answer), for woken leads: the
        one query both `back_from_revisit` and `ever_answered` (asked only of them) read."""
        if not self.woken:
            return {}
        rows = (
            Attempt.objects.filter(lead_id__in=list(self.woken))
            .order_by()
            .values("lead_id")
            .annotate(at=Max("at"), answered=Count("pk", filter=Q(outcome__in=ANSWERS)))
        )
        return {r["lead_id"]: (r["at"], bool(r["answered"])) for r in rows}

    @cached_property
    def revisits(self) -> dict[int, tuple[datetime, datetime | None]]:
        """lead id -> (when it last woke from revisit, its latest attempt), for woken leads."""
        return {pk: (at, self.tries.get(pk, (None, False))[0]) for pk, at in self.woken.items()}

    def ever_answered(self, lead):
        if lead.pk not in self.ids or lead.pk not in self.woken:
            return super().ever_answered(lead)
        return lead.responded_at is not None or self.tries.get(lead.pk, (None, False))[1]

    @cached_property
    def words(self) -> dict[int, str]:
        """lead id -> what they last wrote, for the leads whose last word is theirs."""
        theirs = {pk for pk, lead in self.leads.items() if last_word_is_theirs(lead)}
        out: dict[int, str] = {}
        for m in _their_words().filter(lead_id__in=theirs) if theirs else []:
            out.setdefault(m.lead_id, quoted(m.text))
        return out

    def their_words(self, lead):
        if lead.pk not in self.ids:
            return super().their_words(lead)
        return self.words.get(lead.pk, "")

    @cached_property
    def templates(self) -> dict[tuple[str, str], MessageTemplate]:
        out: dict[tuple[str, str], MessageTemplate] = {}
        for t in MessageTemplate.objects.filter(is_active=True).order_by("pk"):
            out.setdefault((t.purpose, t.channel), t)
        return out

    @cached_property
    def phones(self) -> dict[int, str]:
        return dict(
            Profile.objects.filter(user_id__in=self.owner_ids).values_list("user_id", "phone")
        )

    @cached_property
    def settings(self) -> BusinessSettings:
        return self.business or BusinessSettings.current()

    @cached_property
    def zone(self) -> str:
        return self.settings.business_timezone

    @cached_property
    def day(self) -> ContactDay:
        return contact_day(timezone.now(), self.settings)

    def pending_message(self, lead):
        return self.pending.get(lead.pk) if lead.pk in self.ids else super().pending_message(lead)

    def last_call(self, lead):
        return self.calls.get(lead.pk) if lead.pk in self.ids else super().last_call(lead)

    def latest_call(self, lead):
        if lead.pk not in self.ids:
            return super().latest_call(lead)
        return self.latest_calls.get(lead.pk)

    def followed_up_since(self, lead, since):
        if lead.pk not in self.ids:
            return super().followed_up_since(lead, since)
        written = self.written.get(lead.pk)
        return written is not None and written[0] >= since

    def said_goodbye(self, lead):
        return (
            self.written.get(lead.pk, (None, False))[1]
            if lead.pk in self.ids
            else super().said_goodbye(lead)
        )

    def next_commitment(self, lead):
        return (
            self.commitments.get(lead.pk) if lead.pk in self.ids else super().next_commitment(lead)
        )

    def back_from_revisit(self, lead):
        if lead.pk not in self.ids:
            return super().back_from_revisit(lead)
        if lead.pk not in self.revisits:
            return False
        woke, tried = self.revisits[lead.pk]
        return tried is None or tried < woke

    def template(self, purpose, channel):
        return self.templates.get((purpose, channel))

    def owner_phone(self, owner):
        # An owner not on the page, or with no profile row yet (profile_of creates it).
        return self.phones[owner.pk] if owner.pk in self.phones else super().owner_phone(owner)

    def business_zone(self):
        return self.zone

    def business_settings(self):
        return self.settings

    def contact_day(self):
        return self.day
