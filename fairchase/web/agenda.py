"""Today's agenda from the database: the web page, `fairchase agenda` and the benchmark share it
(the rows and the day it fills are in `agenda_rows`, its SQL terms, counts and sums in
`agenda_sql`).

"Today" is the day `planning.contact_day` names: today, or on a day that is not a contact day
(a Sunday) or once the contact hours are over, the next contact day, whose follow-ups and
promises (due by its end) and whole minutes Today then shows.

Sections, in the order a person works them:
1. new enquiries (open, never contacted): respond now (seed 000), with how long each waited;
2. commitments due today or overdue (seed 002: every conversation pins a next time);
3. follow-ups whose plan says "contact" by the end of today, best value per minute first,
   cut by a line where the day's selling minutes run out ("in the wings" below it),
   followed by leads the plan keeps waiting for their turn (worth chasing, but today's
   minutes go to leads worth more per minute; each reason names the day its turn comes);
4. leads the plan says to let go (to the mailing list, a revisit, or closed).

Everything comes from the lead's precomputed plan fields: each section is one query
"this owner's active leads in this section, best priority first, LIMIT n" answered by
a partial index (web/migrations/0002), plus a capped count and a sum of its minutes only
when a section overflows the page, and one query for commitments. Never attempts, never a query per
row, and no full scan of a big lead book (10,000 open leads render in milliseconds).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Q, Sum

from fairchase.leads import reach
from fairchase.leads.models import (
    ACTIVE_STATUSES,
    NEW_ENQUIRY,
    BusinessSettings,
    Commitment,
    Lead,
    Suppression,
)
from fairchase.leads.people import carried_leads, display_name, is_admin, visible_leads
from fairchase.leads.planning import PLAN_FIELDS, contact_day, day_minutes, reachable_channels
from fairchase.policy import Settings

from .agenda_rows import (
    FRESH,
    LATER,
    OUTCOME_BUTTONS,
    Agenda,
    AgendaRow,
    CommitmentRow,
    new_order,
    step_time,
    worth_now,
)
from .agenda_sql import (
    CONTACT_TERM,
    COUNT_CAP,
    NEW_TERM,
    STOP_TERM,
    WAIT_TERM,
    capped_count,
    capped_total,
    channel_minutes,
    in_due_order,
    is_unanswered,
    minutes_of,
    unanswered,
)

# The rows and the day are defined in agenda_rows; callers import them from here too.
__all__ = [
    "FRESH",
    "OUTCOME_BUTTONS",
    "SECTIONS",
    "Agenda",
    "AgendaRow",
    "CommitmentRow",
    "agenda_for",
    "let_go_for",
    "new_order",
    "row_for",
    "section_leads",
    "section_title",
    "worth_now",
]

# Rows shown per section: enough for a day's work, few enough to render fast.
NEW_LIMIT = 20
WINGS_LIMIT = 10
LET_GO_LIMIT = 15
COMMITMENT_LIMIT = 25
# Never pull more than this many follow-ups, however small the per-row minutes are.
FOLLOWUP_CAP = 200
# Today's page lists at most this many follow-ups (a person makes 30 to 60 contacts a day);
# the rest, best first, are a click away on the section's full list (50 a page as well).
FOLLOWUPS_SHOWN = 50

# What a row reads of a lead: its own fields, its whole plan, and every owner field a row's
# extras read (drafts fill in the owner's name and email). A field left out here is a
# deferred load, one query per row.
ROW_FIELDS = (
    "id",
    "name",
    "company",
    "source",
    "value",
    "email",
    "phone",
    "timezone",
    "status",
    "owner_id",
    "consents",
    "attempt_count",
    "created_at",
    "last_attempt_at",
    "first_response_at",
    "paused_until",
    "revisit_at",
    *PLAN_FIELDS,
    "owner__username",
    "owner__first_name",
    "owner__last_name",
    "owner__email",
    "owner__is_active",
)


def end_of_local_day(now: datetime, zone: str) -> datetime:
    """The last moment of `now`'s day in the business's time zone (aware)."""
    try:
        tzinfo = ZoneInfo(zone or "UTC")
    except (KeyError, ValueError):
        tzinfo = ZoneInfo("UTC")
    local = now.astimezone(tzinfo)
    return datetime.combine(local.date(), time.max, tzinfo=tzinfo)


def _active_leads(user, owner):
    qs = visible_leads(user).filter(status__in=list(ACTIVE_STATUSES))
    if owner is not None:
        qs = qs.filter(owner=owner)
    return qs


def agenda_for(
    user,
    now: datetime,
    owner=None,
    business: BusinessSettings | None = None,
    let_go: bool = True,
    followups_shown: int | None = None,
) -> Agenda:
    """Today's sections for `user` (an admin sees everyone's unless `owner` narrows it).
    With `let_go=False` the leads ready to let go are only counted: nobody acts on them
    first thing, so Today's page loads them when their section comes into view. With
    `followups_shown` at most that many follow-ups are listed (the page's cap; the minutes
    and counts still take them all), and none of the wings or waiting leads below them."""
    business = business or BusinessSettings.current()
    minutes = channel_minutes(business)
    # the day planned: today, or on a Sunday or after the contact hours the next contact day
    plan_day = contact_day(now, business)
    eod = plan_day.end
    if owner is None and not is_admin(user):
        owner = user
    if owner is not None and not owner.is_active:
        return leavers_day(owner, now, eod)
    base = _active_leads(user, owner)
    day = day_minutes(_working_owners(base, owner), now, business)  # less what they logged
    agenda = Agenda(now=now, end_of_day=eod, budget_minutes=day.left, daily_minutes=day.daily)
    agenda.day_name, agenda.day_why = plan_day.name, plan_day.why
    agenda.whose = _whose(user, owner)
    rows = base.select_related("owner").only(*ROW_FIELDS).order_by("-priority", "pk")
    make = _row_maker(minutes, now, business)
    _fill_new(agenda, user, owner, rows, make, minutes)
    _fill_commitments(agenda, user, owner, minutes)
    _fill_followups(agenda, base, rows, make, minutes, followups_shown)
    if not agenda.due_total:  # say when the next follow-up is (a weekend, a quiet evening)
        agenda.next_due, agenda.next_name = _next_followup(base, eod)
    # Leads waiting for their turn, best first (index web_lead_wait): shown under the wings.
    if not agenda.followups_cut:
        waiting = rows.filter(WAIT_TERM, priority__gt=0).exclude(NEW_TERM)  # those are new
        agenda.waiting = _rows_of(make, waiting[:WINGS_LIMIT], "wings")
    if let_go:
        _fill_let_go(agenda, base, rows, make)
    else:
        agenda.let_go_later = True
        agenda.let_go_total = capped_count(base.filter(STOP_TERM), COUNT_CAP, COUNT_CAP)
    agenda.has_leads = (
        bool(agenda.new or agenda.commitments or agenda.due_total or agenda.let_go_total)
        or base.exists()
    )
    return agenda


def _working_owners(base, owner) -> set[int]:
    """Whose minutes the day has: `owner`'s, or everyone's with leads here (`day_minutes`
    gives a leaver none, as the plan does)."""
    if owner is not None:
        return {owner.pk}
    return set(base.order_by().values_list("owner_id", flat=True).distinct())


def _next_followup(base, eod: datetime) -> tuple[datetime | None, str]:
    """When the first follow-up after the day planned is due (new enquiries aside), and with
    whom: an empty day names it ("Next follow-up: Wed 9 Dec (Ann Parker)")."""
    first = (
        base.filter(CONTACT_TERM, next_due__gt=eod)
        .exclude(NEW_ENQUIRY)  # new enquiries
        .order_by("next_due", "pk")
        .values_list("next_due", "name")
        .first()
    )
    return first if first is not None else (None, "")


def _fill_let_go(agenda: Agenda, base, rows, make) -> None:
    agenda.let_go = _rows_of(make, rows.filter(STOP_TERM)[:LET_GO_LIMIT], "let_go")
    agenda.let_go_total = capped_count(base.filter(STOP_TERM), len(agenda.let_go), LET_GO_LIMIT)


def let_go_for(user, now: datetime, owner=None, business: BusinessSettings | None = None) -> Agenda:
    """Only Today's leads ready to let go (the page loads them when they come into view)."""
    business = business or BusinessSettings.current()
    if owner is None and not is_admin(user):
        owner = user
    agenda = Agenda(now=now, end_of_day=contact_day(now, business).end, budget_minutes=0.0)
    base = _active_leads(user, owner)
    rows = base.select_related("owner").only(*ROW_FIELDS).order_by("-priority", "pk")
    _fill_let_go(agenda, base, rows, _row_maker(channel_minutes(business), now, business))
    agenda.has_leads = bool(agenda.let_go)
    return agenda


def _row_maker(minutes: dict[str, float], now: datetime, business: BusinessSettings):
    """A function making a lead's AgendaRow in a section, with its channel's minutes and
    when its step may be taken (`step_time`)."""
    settings = Settings.from_any(business.to_policy())  # read once, not once a row

    def row(lead: Lead, section: str, blocked: set[str] | None = None) -> AgendaRow:
        channel = row_channel(lead, blocked)
        at = step_time(lead, section, now, settings)
        return AgendaRow(
            lead=lead,
            section=section,
            channel=channel,
            minutes=float(minutes.get(channel, 5.0)) if channel else 0.0,
            overdue=bool(at and at < now - timedelta(hours=1)),
            later=bool(at and at > now + LATER),
            at=at,
        )

    return row


def row_channel(lead: Lead, blocked: set[str] | None = None) -> str:
    """The channel a row names: the plan's, else a call or an email to an address we may use
    (`planning.reachable_channels`: not opted out, not bounced). None left is no channel ("",
    no minutes): a bounced only email is as unreachable as none, and the app keeps no street
    address, so a visit has nowhere to go. `blocked`: the page's suppressed addresses, looked
    up once (`_rows_of`); None looks this lead's up when the plan names no channel."""
    if lead.next_channel:
        return lead.next_channel
    return next((c for c in reachable_channels(lead, blocked) if c in ("call", "email")), "")


def _rows_of(make, leads, section: str) -> list[AgendaRow]:
    """Rows for these leads, the suppressed addresses of those whose plan names no channel
    (let go, waiting) looked up in one query for them all, never one per row."""
    leads = list(leads)
    blocked = Suppression.among([lead for lead in leads if not lead.next_channel])
    return [make(lead, section, blocked) for lead in leads]


def _fill_new(agenda: Agenda, user, owner, rows, make, minutes: dict[str, float]) -> None:
    """New enquiries: those in their first hour, then by what they are worth now; the
    minutes of them all (not only those shown)."""
    now = agenda.now
    # status = 'open' is in the term itself, so the count and the sum never leave the index.
    new_qs = (
        visible_leads(user) if owner is None else visible_leads(user).filter(owner=owner)
    ).filter(NEW_TERM)
    # One to answer until someone does, even when the plan rations its turn (eval29 #6); a
    # "stop" (let go), a hold or a pause is not (`unanswered`). The card has their own words.
    agenda.held = reach.held_ids()  # the page's buttons read them too (`check_addresses`)
    new_qs = unanswered(new_qs, now, agenda.held)
    new_rows = unanswered(rows, now, agenda.held).only(*ROW_FIELDS, "notes", "signals")
    seen: dict[int, Lead] = {}
    fresh = new_rows.filter(created_at__gte=now - FRESH).order_by(
        "-created_at"
    )  # index web_lead_new_fresh
    for lead in [*fresh[:NEW_LIMIT], *new_rows[:NEW_LIMIT]]:
        seen.setdefault(lead.pk, lead)
    for lead in seen.values():
        r = make(lead, "new")
        r.waited = max(timedelta(0), now - lead.created_at)
        agenda.new.append(r)
    agenda.new.sort(key=new_order)
    del agenda.new[NEW_LIMIT:]
    if len(agenda.new) < NEW_LIMIT:  # every one of them is shown
        agenda.new_total = len(agenda.new)
        agenda.minutes_new = sum(r.minutes for r in agenda.new)
    else:  # every new enquiry takes its minutes, not only those shown
        agenda.new_total, agenda.minutes_new = capped_total(new_qs, minutes)


def _fill_commitments(agenda: Agenda, user, owner, minutes: dict[str, float]) -> None:
    """Commitments due by the end of the day."""
    eod = agenda.end_of_day
    agenda.commitments = _commitments_due(user, owner, eod, agenda.now)
    agenda.commitments_total = len(agenda.commitments)
    ours = [c for c in agenda.commitments if c.commitment.by == Commitment.By.US]
    agenda.minutes_commitments = sum(minutes.get(c.lead.next_channel or "call", 5.0) for c in ours)
    if agenda.commitments_total >= COMMITMENT_LIMIT:  # all of them, not only those shown
        agenda.commitments_total, agenda.minutes_commitments = _count_and_minutes(
            commitments_due(user, owner, eod), minutes
        )


def _count_and_minutes(due, minutes: dict[str, float]) -> tuple[int, float]:
    """How many promises are due and the minutes of ours, in one unordered aggregate (a
    count ordered as the list is sorted every promise due: 1,000 of them took 12 ms)."""
    ours = Q(by=Commitment.By.US)
    total = due.order_by().aggregate(
        n=Count("pk"),
        minutes=Sum(minutes_of(minutes, lead="lead__", unnamed="call"), filter=ours),
    )
    return total["n"], total["minutes"] or 0.0


def due_followups(leads, eod: datetime):
    """The follow-ups due by `eod` among `leads`: contacts the plan says are due, except a new
    enquiry's first answer (its own section) and a lead with a promise due by then, ours or
    theirs (listed under its commitment, where the promise is the next step; theirs stays
    pending through its grace day, its card saying to give them another day, while the plan's
    contact falls due at its end). One rule for Today's section, its count, its "see all"
    page, the API and `fairchase agenda`."""
    promised = Commitment.objects.filter(
        lead=OuterRef("pk"), state=Commitment.State.PENDING, due_at__lte=eod
    )
    return (
        leads.filter(CONTACT_TERM, next_due__lte=eod).exclude(NEW_ENQUIRY).filter(~Exists(promised))
    )


def _fill_followups(agenda: Agenda, base, rows, make, minutes, shown: int | None) -> None:
    """Follow-ups due today, best value per minute first, up to the day's minutes; then the
    wings. As the decision core fills a day (`policy.agenda`), a contact that does not fit
    does not end the day: a later, shorter one that fits (a 2-minute text after a call too
    long for what is left) still takes the minutes. Past `shown` rows that fit, the rest
    still take their minutes but are not listed, nor any wings: they all come after them."""
    left = agenda.minutes_left_for_followups
    shortest = max(1.0, min(minutes.values()))
    limit = min(
        FOLLOWUP_CAP,
        int(left // shortest) + WINGS_LIMIT + 1,
    )
    eod = agenda.end_of_day
    used, fetched, complete = 0.0, 0, True
    due_rows = due_followups(rows, eod)
    # Streamed in small chunks: the loop stops once nothing more fits and the wings are full.
    for lead in due_rows[:limit].iterator(chunk_size=20):
        fetched += 1
        r = make(lead, "followup")
        if used + r.minutes <= left:
            used += r.minutes
            if shown is None or len(agenda.followups) < shown:
                agenda.followups.append(r)
            else:
                agenda.followups_cut = True
        elif len(agenda.wings) < WINGS_LIMIT and not agenda.followups_cut:
            r.section = "wings"
            agenda.wings.append(r)
        elif used + shortest > left:
            complete = False  # nothing else fits today: the rest are only counted
            break
    if agenda.followups_cut:  # the line where the minutes run out is past the rows listed
        agenda.wings.clear()
    agenda.minutes_followups = used
    complete = complete and fetched < limit
    # counted only when the rows read were not all of them (built only then: a query to build)
    agenda.due_total = fetched if complete else capped_count(due_followups(base, eod), limit, limit)


def row_for(lead: Lead, now: datetime, business: BusinessSettings, blocked=None, held=None):
    """One lead's row as Today would show it now (after an Undo puts it back). `blocked`: the
    page's suppressed addresses when it shows many rows (`row_channel`); `held`: its held
    leads' ids (`reach.held_ids`), None to ask for this one."""
    if lead.next_action == "stop":
        section = "let_go"
    elif is_unanswered(lead, now, held):
        section = "new"  # unanswered: new until someone responds, whatever the plan's turn
    elif lead.next_action == "wait":
        section = "wings"
    else:
        section = "followup"
    r = _row_maker(channel_minutes(business), now, business)(lead, section, blocked)
    if section == "new":
        r.waited = max(timedelta(0), now - lead.created_at)
    return r


SECTIONS = {
    "new": "New enquiries",
    "commitments": "Commitments due today",
    "followups": "Follow-ups due today",
    "let_go": "Ready to let go",
}


def section_leads(
    user, now: datetime, section: str, owner=None, business: BusinessSettings | None = None
):
    """Every lead of one Today section (for its complete, paginated list), best first."""
    business = business or BusinessSettings.current()
    if owner is None and not is_admin(user):
        owner = user
    base = (
        _active_leads(user, owner)
        .select_related("owner")
        .only(*ROW_FIELDS, "notes", "signals")
        .order_by("-priority", "pk")
    )
    if section == "new":
        return unanswered(base, now)
    eod = contact_day(now, business).end  # the day Today plans (`agenda_for`)
    if section == "followups":
        return due_followups(base, eod)
    if section == "let_go":
        return base.filter(STOP_TERM)
    if section == "commitments":
        return commitments_due(user, owner, eod)
    raise KeyError(section)


def section_title(section: str, now: datetime, business: BusinessSettings) -> str:
    """A section's title, naming the day planned when it is not today ("Follow-ups due Monday")."""
    name = contact_day(now, business).name
    title = SECTIONS[section]
    return title.replace("today", name) if name else title


def leavers_day(owner, now: datetime, eod: datetime) -> Agenda:
    """Today for someone who no longer works here (an admin's `?owner=`, `agenda --user`):
    no selling minutes and no day's plan, nobody will work it, but what is left to do: hand
    on the leads they still carry (`people.carried_leads`, what "Reassign all" moves)."""
    carried = carried_leads(Lead.objects.filter(owner=owner)).count()
    name = display_name(owner)
    agenda = Agenda(now=now, end_of_day=eod, budget_minutes=0, daily_minutes=0, has_leads=True)
    agenda.whose, agenda.gone_carried = f"{name}'s", carried
    agenda.gone = (
        f"{name} no longer works here: reassign their {carried} lead{'' if carried == 1 else 's'}."
        if carried
        else f"{name} no longer works here: all their leads are reassigned."
    )
    return agenda


def _whose(user, owner) -> str:
    """Whose minutes Today counts, as its line says it: "Your", "Bob's" or "Everyone's"."""
    if owner is None:
        return "Everyone's"
    if owner == user:
        return "Your"
    return f"{owner.get_short_name() or owner.get_username()}'s"


def commitments_due(user, owner, eod: datetime):
    """Pending promises due by the end of today on active leads: first our promises to
    people who wrote back since our last try (they asked for it and are waiting), then
    the rest, earliest first."""
    qs = in_due_order(
        Commitment.objects.filter(
            state=Commitment.State.PENDING,
            due_at__lte=eod,
            lead__status__in=list(ACTIVE_STATUSES),
        ).select_related("lead", "lead__owner")
    )
    # Whom `user` may see, said as a condition on the joined lead (a subquery of every
    # visible lead made PostgreSQL read the whole lead table for an admin's Today).
    if not (user and user.is_authenticated and user.is_active):
        return qs.none()
    if not is_admin(user):
        qs = qs.filter(lead__owner=user)
    if owner is not None:
        qs = qs.filter(lead__owner=owner)
    return qs


def _commitments_due(user, owner, eod: datetime, now: datetime) -> list[CommitmentRow]:
    """Today's first promises, picked by id from the few lead columns their order needs (on
    PostgreSQL read from index lead_owner_status_covering alone), then only those loaded
    whole: not every due promise's whole lead row (~7 ms for 6,600 active leads)."""
    first = commitments_due(user, owner, eod).values("pk")[:COMMITMENT_LIMIT]
    found = Commitment.objects.filter(pk__in=first).select_related("lead", "lead__owner")
    return [
        CommitmentRow(commitment=c, lead=c.lead, overdue=c.due_at < now)
        for c in in_due_order(found)
    ]
