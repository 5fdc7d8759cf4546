"""Today's agenda as plain data: the web page, `fairchase agenda` and the benchmark share it.

Sections, in the order a person works them:
1. new enquiries (open, never contacted): respond now (seed 000), with how long each waited;
2. commitments due today or overdue (seed 002: every conversation pins a next time);
3. follow-ups whose plan says "contact" by the end of today, best value per minute first,
   cut by a line where the day's selling minutes run out ("in the wings" below it);
4. leads the plan says to let go (nurture, revisit or close).

The sections come from one query on the lead's precomputed plan fields, filtered on
`owner` + `status IN (open, engaged)` and ordered by `-priority` (the partial index
`lead_agenda_active`), plus one for the shown rows and one for commitments: never
attempts, never a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, ExpressionWrapper, Q

from fairchase.leads.models import ACTIVE_STATUSES, BusinessSettings, Commitment, Lead, Status
from fairchase.leads.people import is_admin, visible_leads

# Rows shown per section: enough for a day's work, few enough to render fast.
NEW_LIMIT = 25
WINGS_LIMIT = 10
LET_GO_LIMIT = 20
COMMITMENT_LIMIT = 25
# Never pull more than this many follow-ups, however small the per-row minutes are.
FOLLOWUP_CAP = 200

ROW_FIELDS = (
    "id", "name", "company", "source", "value", "email", "phone", "timezone", "status", "owner_id",
    "consents", "attempt_count", "created_at", "last_attempt_at", "first_response_at",
    "paused_until", "next_action", "next_channel", "next_due", "next_state", "priority",
    "expected_value", "p_reply", "plan_reason", "why_not_stop", "plan_revisit_at",
    "owner__username", "owner__first_name",
)
NEW_ENQUIRY = Q(status=Status.OPEN, attempt_count=0)


@dataclass
class AgendaRow:
    """One lead on Today, with the minutes its suggested action takes."""

    lead: Lead
    section: str  # "new", "followup", "wings" or "let_go"
    channel: str
    minutes: float
    waited: timedelta | None = None  # new enquiries: since the enquiry arrived
    overdue: bool = False

    def as_dict(self) -> dict:
        """Plain values for the terminal and JSON."""
        lead = self.lead
        return {
            "id": lead.pk, "name": lead.name, "company": lead.company, "source": lead.source,
            "value": float(lead.value) if lead.value is not None else None,
            "section": self.section, "action": lead.next_action or "contact",
            "channel": self.channel, "due": lead.next_due, "minutes": self.minutes,
            "priority": lead.priority, "reason": lead.plan_reason, "next_state": lead.next_state,
            "phone": lead.phone, "email": lead.email, "owner": lead.owner.username,
            "waited_minutes": int(self.waited.total_seconds() // 60) if self.waited else None,
        }


@dataclass
class CommitmentRow:
    """A pinned next step due today or overdue."""

    commitment: Commitment
    lead: Lead
    overdue: bool

    def as_dict(self) -> dict:
        c = self.commitment
        return {"id": c.pk, "lead_id": self.lead.pk, "name": self.lead.name, "by": c.by,
                "what": c.what, "due": c.due_at, "overdue": self.overdue}


@dataclass
class Agenda:
    """Today for one person (or, for an admin, the whole team or one owner)."""

    now: datetime
    end_of_day: datetime
    budget_minutes: float
    new: list[AgendaRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)
    followups: list[AgendaRow] = field(default_factory=list)
    wings: list[AgendaRow] = field(default_factory=list)
    let_go: list[AgendaRow] = field(default_factory=list)
    new_total: int = 0
    due_total: int = 0
    let_go_total: int = 0
    due_committed: int = 0  # due follow-ups listed under their commitment instead
    active_total: int = 0
    minutes_new: float = 0.0
    minutes_commitments: float = 0.0
    minutes_followups: float = 0.0

    @property
    def minutes_left_for_followups(self) -> float:
        return max(0.0, self.budget_minutes - self.minutes_new - self.minutes_commitments)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.commitments or self.followups or self.wings or self.let_go)

    @property
    def more_new(self) -> int:
        return max(0, self.new_total - len(self.new))

    @property
    def followup_total(self) -> int:
        """Follow-ups due today, not counting those listed under a commitment."""
        return max(0, self.due_total - self.due_committed)

    @property
    def more_wings(self) -> int:
        """Due follow-ups not shown at all (beyond the line and the wings)."""
        return max(0, self.due_total - self.due_committed - len(self.followups) - len(self.wings))

    def leads(self) -> list[Lead]:
        """Every lead shown on the page (for extras that batch-load per page)."""
        rows = self.new + self.followups + self.wings + self.let_go
        return [r.lead for r in rows] + [c.lead for c in self.commitments]

    def as_dict(self) -> dict:
        return {
            "now": self.now, "budget_minutes": self.budget_minutes,
            "new": [r.as_dict() for r in self.new],
            "commitments": [r.as_dict() for r in self.commitments],
            "followups": [r.as_dict() for r in self.followups],
            "wings": [r.as_dict() for r in self.wings],
            "let_go": [r.as_dict() for r in self.let_go],
            "totals": {"new": self.new_total, "due": self.due_total, "let_go": self.let_go_total,
                       "active": self.active_total},
        }


def end_of_local_day(now: datetime, zone: str) -> datetime:
    """The last moment of `now`'s day in the business's time zone (aware)."""
    try:
        tzinfo = ZoneInfo(zone or "UTC")
    except (KeyError, ValueError):
        tzinfo = ZoneInfo("UTC")
    local = now.astimezone(tzinfo)
    return datetime.combine(local.date(), time.max, tzinfo=tzinfo)


def channel_minutes(business: BusinessSettings) -> dict[str, float]:
    return {"call": business.minutes_call, "email": business.minutes_email,
            "text": business.minutes_text, "visit": business.minutes_visit}


def _active_leads(user, owner):
    qs = visible_leads(user).filter(status__in=list(ACTIVE_STATUSES))
    if owner is not None:
        qs = qs.filter(owner=owner)
    return qs


def agenda_for(user, now: datetime, owner=None, business: BusinessSettings | None = None) -> Agenda:
    """Today's sections for `user` (an admin sees everyone's unless `owner` narrows it).

    One pass over the partial index `lead_agenda_active` (owner + active status, best
    priority first) reads only the small plan columns and buckets every active lead;
    a second query loads the full rows for the few dozen that are shown.
    """
    business = business or BusinessSettings.current()
    minutes = channel_minutes(business)
    eod = end_of_local_day(now, business.business_timezone)
    if owner is None and not is_admin(user):
        owner = user
    commitments = _commitments_due(user, owner, eod, now)
    committed = {c.lead.pk for c in commitments if c.commitment.by == Commitment.By.US}
    budget = float(business.daily_minutes)
    # "Due by the end of today" is computed by the database, so no timestamps are parsed here.
    plan = (_active_leads(user, owner)
            .annotate(due_today=ExpressionWrapper(Q(next_due__lte=eod), output_field=BooleanField()))
            .order_by("-priority", "pk")
            .values_list("pk", "owner_id", "status", "attempt_count", "next_action", "due_today"))
    new_ids, candidate_ids, let_go_ids, owners = [], [], [], set()
    totals = {"active": 0, "new": 0, "due": 0, "let_go": 0, "committed": 0}
    cap = min(FOLLOWUP_CAP, int(budget * 4 // max(1.0, min(minutes.values()))) + WINGS_LIMIT)
    for pk, owner_id, status, attempts, action, due_today in plan:
        totals["active"] += 1
        owners.add(owner_id)
        if status == Status.OPEN and attempts == 0:
            totals["new"] += 1
            if len(new_ids) < NEW_LIMIT:
                new_ids.append(pk)
        elif action == "stop":
            totals["let_go"] += 1
            if len(let_go_ids) < LET_GO_LIMIT:
                let_go_ids.append(pk)
        elif action == "contact" and due_today:
            totals["due"] += 1
            if pk in committed:
                totals["committed"] += 1  # listed under its commitment instead
            elif len(candidate_ids) < cap:
                candidate_ids.append(pk)
    people = 1 if owner is not None else max(1, len(owners))
    agenda = Agenda(now=now, end_of_day=eod, budget_minutes=budget * people, commitments=commitments,
                    new_total=totals["new"], due_total=totals["due"], let_go_total=totals["let_go"],
                    active_total=totals["active"], due_committed=totals["committed"])
    leads = (Lead.objects.select_related("owner").only(*ROW_FIELDS)
             .in_bulk(new_ids + candidate_ids + let_go_ids))

    def row(pk: int, section: str) -> AgendaRow:
        lead = leads[pk]
        channel = lead.next_channel or ("call" if lead.phone else "email" if lead.email else "visit")
        return AgendaRow(lead=lead, section=section, channel=channel,
                         minutes=float(minutes.get(channel, 5.0)),
                         overdue=bool(lead.next_due and lead.next_due < now - timedelta(hours=1)))

    for pk in new_ids:
        r = row(pk, "new")
        r.waited = max(timedelta(0), now - r.lead.created_at)
        agenda.new.append(r)
    agenda.minutes_new = sum(r.minutes for r in agenda.new)
    agenda.minutes_commitments = sum(
        minutes.get(c.lead.next_channel or "call", 5.0) for c in commitments if c.commitment.by == Commitment.By.US)
    left, used = agenda.minutes_left_for_followups, 0.0
    for pk in candidate_ids:
        r = row(pk, "followup")
        if not agenda.wings and used + r.minutes <= left:
            used += r.minutes
            agenda.followups.append(r)
        elif len(agenda.wings) < WINGS_LIMIT:
            r.section = "wings"
            agenda.wings.append(r)
        else:
            break
    agenda.minutes_followups = used
    agenda.let_go = [row(pk, "let_go") for pk in let_go_ids]
    return agenda


def _commitments_due(user, owner, eod: datetime, now: datetime) -> list[CommitmentRow]:
    qs = (Commitment.objects.filter(state=Commitment.State.PENDING, due_at__lte=eod,
                                    lead__in=visible_leads(user).filter(status__in=list(ACTIVE_STATUSES)))
          .select_related("lead", "lead__owner").order_by("due_at", "pk"))
    if owner is not None:
        qs = qs.filter(lead__owner=owner)
    return [CommitmentRow(commitment=c, lead=c.lead, overdue=c.due_at < now) for c in qs[:COMMITMENT_LIMIT]]
