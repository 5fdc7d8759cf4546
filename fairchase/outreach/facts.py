"""What drafting needs to know about a lead, asked one lead at a time or for a whole page.

The drafting rules (drafts.py) and placeholder values (rendering.py) ask a `Facts`
object instead of querying directly. `Facts` answers with one query per question,
fine for one lead (the lead page, the worker). Today shows hundreds of rows, so its
`prepare` hook builds `PageFacts`, which loads every answer for every row in a fixed
handful of queries and falls back to `Facts` for a lead it was not given.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from fairchase.leads.models import Attempt, BusinessSettings, Commitment, Lead, Outcome, Profile, StatusChange
from fairchase.leads.people import profile_of

from .models import MessageTemplate, OutboundMessage

# A call logged this recently still deserves its follow-up email.
AFTER_CALL = timedelta(days=2)
PENDING_STATES = [OutboundMessage.State.QUEUED, OutboundMessage.State.SENDING]
# Messages that did not go out do not count as having written to the lead.
NOT_SENT = [OutboundMessage.State.CANCELLED, OutboundMessage.State.FAILED]
GOODBYE = [MessageTemplate.Purpose.BREAKUP, MessageTemplate.Purpose.MAILING_LIST]
REVISIT_REASON = "Revisit date reached"


def _calls_since(now: datetime):
    return Attempt.objects.filter(channel="call", at__gte=now - AFTER_CALL,
                                  outcome__in=[Outcome.LEFT_MESSAGE, Outcome.TALKED])


class Facts:
    """Answers for one lead at a time, straight from the database."""

    def pending_message(self, lead: Lead) -> OutboundMessage | None:
        """The newest message queued or being sent to this lead."""
        return OutboundMessage.objects.filter(lead=lead, state__in=PENDING_STATES).first()

    def last_call(self, lead: Lead) -> Attempt | None:
        """The latest recent call that left a message or reached the lead."""
        return _calls_since(timezone.now()).filter(lead=lead).order_by("-at").first()

    def followed_up_since(self, lead: Lead, since: datetime) -> bool:
        return OutboundMessage.objects.filter(lead=lead, created_at__gte=since).exclude(state__in=NOT_SENT).exists()

    def said_goodbye(self, lead: Lead) -> bool:
        return (OutboundMessage.objects.filter(lead=lead, template__purpose__in=GOODBYE)
                .exclude(state__in=NOT_SENT).exists())

    def next_commitment(self, lead: Lead) -> Commitment | None:
        """The earliest pending commitment (the agreed next step)."""
        return lead.commitments.filter(state=Commitment.State.PENDING).order_by("due_at").first()

    def back_from_revisit(self, lead: Lead) -> bool:
        """Woken from revisit and not tried since."""
        woke = (lead.status_changes.filter(reason=REVISIT_REASON).order_by("-at")
                .values_list("at", flat=True).first())
        return woke is not None and not lead.attempts.filter(at__gte=woke).exists()

    def template(self, purpose: str, channel: str) -> MessageTemplate | None:
        """The active template for this purpose and channel (the oldest if several)."""
        return (MessageTemplate.objects.filter(purpose=purpose, channel=channel, is_active=True)
                .order_by("pk").first())

    def owner_phone(self, owner) -> str:
        return profile_of(owner).phone

    def business_zone(self) -> str:
        return BusinessSettings.current().business_timezone


LIVE = Facts()


class PageFacts(Facts):
    """Every answer for a page of leads, loaded up front (a fixed number of queries).

    Built once per request and read-only after that: nothing on the page changes the
    database between loading and rendering.
    """

    def __init__(self, leads: list[Lead], business: BusinessSettings | None = None):
        self.ids = {lead.pk for lead in leads}
        self.zone = (business or BusinessSettings.current()).business_timezone
        ids = list(self.ids)
        self.pending: dict[int, OutboundMessage] = {}
        # Newest first (the model's ordering), so the first seen per lead is `.first()`'s.
        for m in OutboundMessage.objects.filter(lead_id__in=ids, state__in=PENDING_STATES):
            self.pending.setdefault(m.lead_id, m)
        self.calls: dict[int, Attempt] = {}
        for a in _calls_since(timezone.now()).filter(lead_id__in=ids).order_by("-at", "-pk"):
            self.calls.setdefault(a.lead_id, a)
        # One pass over sent messages answers both "written since?" and "said goodbye?".
        self.last_written: dict[int, datetime] = {}
        self.goodbye: set[int] = set()
        for row in (OutboundMessage.objects.filter(lead_id__in=ids).exclude(state__in=NOT_SENT)
                    .order_by().values("lead_id")
                    .annotate(last=Max("created_at"), bye=Count("pk", filter=Q(template__purpose__in=GOODBYE)))):
            self.last_written[row["lead_id"]] = row["last"]
            if row["bye"]:
                self.goodbye.add(row["lead_id"])
        self.commitments: dict[int, Commitment] = {}
        for c in Commitment.objects.filter(lead_id__in=ids, state=Commitment.State.PENDING).order_by("due_at", "pk"):
            self.commitments.setdefault(c.lead_id, c)
        self.woke = dict(StatusChange.objects.filter(lead_id__in=ids, reason=REVISIT_REASON).order_by()
                         .values("lead_id").annotate(at=Max("at")).values_list("lead_id", "at"))
        self.tried_at = dict(Attempt.objects.filter(lead_id__in=list(self.woke)).order_by()
                             .values("lead_id").annotate(at=Max("at")).values_list("lead_id", "at")) if self.woke else {}
        self.templates: dict[tuple[str, str], MessageTemplate] = {}
        for t in MessageTemplate.objects.filter(is_active=True).order_by("pk"):
            self.templates.setdefault((t.purpose, t.channel), t)
        owners = {lead.owner_id for lead in leads}
        self.phones = dict(Profile.objects.filter(user_id__in=owners).values_list("user_id", "phone"))

    def pending_message(self, lead):
        return self.pending.get(lead.pk) if lead.pk in self.ids else super().pending_message(lead)

    def last_call(self, lead):
        return self.calls.get(lead.pk) if lead.pk in self.ids else super().last_call(lead)

    def followed_up_since(self, lead, since):
        if lead.pk not in self.ids:
            return super().followed_up_since(lead, since)
        last = self.last_written.get(lead.pk)
        return last is not None and last >= since

    def said_goodbye(self, lead):
        return lead.pk in self.goodbye if lead.pk in self.ids else super().said_goodbye(lead)

    def next_commitment(self, lead):
        return self.commitments.get(lead.pk) if lead.pk in self.ids else super().next_commitment(lead)

    def back_from_revisit(self, lead):
        if lead.pk not in self.ids:
            return super().back_from_revisit(lead)
        woke, tried = self.woke.get(lead.pk), self.tried_at.get(lead.pk)
        return woke is not None and (tried is None or tried < woke)

    def template(self, purpose, channel):
        return self.templates.get((purpose, channel))

    def owner_phone(self, owner):
        # No profile row yet: let profile_of create it, as a single lead would.
        return self.phones[owner.pk] if owner.pk in self.phones else super().owner_phone(owner)

    def business_zone(self):
        return self.zone
