"""What Today is made of, as plain data: a lead's row, a pinned promise's row, and the day
(its sections, totals and minutes). `fairchase.web.agenda` fills them from the database;
the page, `fairchase agenda`, the API and the benchmark read them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fairchase.leads import reach
from fairchase.leads.models import Commitment, Lead, Suppression
from fairchase.policy import Settings
from fairchase.policy.agenda import worth_now
from fairchase.policy.window import next_contact_time

# The one-click outcome buttons of a row: (value, label).
OUTCOME_BUTTONS = [
    ("no_answer", "No answer"),
    ("left_message", "Left message"),
    ("talked", "Talked"),
    ("replied", "Replied"),
    ("won", "Won"),
    ("lost", "Lost"),
    ("stop", "Stop"),
]
# The outcomes only a call or a visit has (an email or a text is sent, or answered): never
# logged on a message (eval34 #3: "No answer (email)" skewed the per-channel reply rates).
VOICE_OUTCOMES = ("no_answer", "left_message", "talked")
MESSAGE_CHANNELS = ("email", "text")
# An enquiry in its first hour is the one whose chance fades fastest: it is answered first.
FRESH = timedelta(hours=1)
# A step due more than this ahead is "later" (a new enquiry's "Respond first"), not "now".
LATER = timedelta(minutes=15)


@dataclass
class AgendaRow:
    """One lead on Today, with the minutes its suggested action takes."""

    lead: Lead
    section: str  # "new", "followup", "wings" or "let_go"
    channel: str
    minutes: float
    waited: timedelta | None = None  # new enquiries: since the enquiry arrived
    overdue: bool = False
    later: bool = False  # its step is due later today or after (outside contact hours, say)
    # When its step may be taken: the plan's due time, or once the lead's contact hours are
    # over in their own zone, their next contact window (`step_time`).
    at: datetime | None = None

    @property
    def when(self) -> datetime | None:
        """When the row's step is to be taken (its window, else the plan's due time)."""
        return self.at or self.lead.next_due

    @property
    def fresh(self) -> bool:
        """A new enquiry still in its first hour (answering it now is worth the most)."""
        return self.waited is not None and self.waited < FRESH

    @property
    def worth_now(self) -> float:
        """The plan's value per minute, faded by how long the enquiry has waited (the decision
        core's rule)."""
        waited = self.waited.total_seconds() if self.waited is not None else None
        return worth_now(self.lead.priority, waited)

    def as_dict(self, blocked: Collection[str] | None = None, held: Collection[int] = ()) -> dict:
        """Plain values for the terminal and JSON. Addresses only when `blocked` names those
        nobody may use (opted out or bounced: left out, never offered); without it, none;
        none either for a lead `held` by a request to stop nobody has decided on."""
        lead = self.lead
        if lead.pk in held:
            blocked = None
        return {
            "id": lead.pk,
            "name": lead.name,
            "company": lead.company,
            "source": lead.source,
            "value": float(lead.value) if lead.value is not None else None,
            "section": self.section,
            "action": lead.next_action or "contact",
            "channel": self.channel,
            "due": self.when,
            "minutes": self.minutes,
            "priority": lead.priority,
            "reason": lead.plan_reason,
            "next_state": lead.next_state,
            "phone": lead.phone if blocked is not None and lead.phone not in blocked else "",
            "email": lead.email if blocked is not None and lead.email not in blocked else "",
            "owner": lead.owner.username,
            "waited_minutes": int(self.waited.total_seconds() // 60) if self.waited else None,
        }


@dataclass
class CommitmentRow:
    """A pinned next step due today or overdue."""

    commitment: Commitment
    lead: Lead
    overdue: bool

    @property
    def asked(self) -> bool:
        """A promise of ours to someone who wrote back since our last try ("Could you send
        the quote?"): they are waiting for it, so it tops the commitments (`ANSWERED_FIRST`)."""
        lead = self.lead
        return (
            self.commitment.by == Commitment.By.US
            and lead.responded_at is not None
            and (lead.last_attempt_at is None or lead.responded_at > lead.last_attempt_at)
        )

    def as_dict(self, held: Collection[int] = ()) -> dict:
        """Plain values for the terminal and JSON; `on_hold`: the lead is among `held` (a
        request to stop nobody has decided on: no call or message until someone does)."""
        c = self.commitment
        return {
            "id": c.pk,
            "lead_id": self.lead.pk,
            "name": self.lead.name,
            "by": c.by,
            "what": c.what,
            "channel": c.channel or None,
            "due": c.due_at,
            "overdue": self.overdue,
            "asked": self.asked,
            "on_hold": self.lead.pk in held,
        }


@dataclass
class Agenda:
    """Today for one person (or, for an admin, the whole team or one owner)."""

    now: datetime
    end_of_day: datetime
    budget_minutes: float  # the selling minutes left today (what was logged already taken off)
    daily_minutes: float | None = None  # the whole day's (None: the same as the budget)
    new: list[AgendaRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)
    followups: list[AgendaRow] = field(default_factory=list)
    wings: list[AgendaRow] = field(default_factory=list)
    waiting: list[AgendaRow] = field(default_factory=list)  # plan says wait for their turn
    let_go: list[AgendaRow] = field(default_factory=list)
    new_total: int = 0
    due_total: int = 0  # follow-ups due, not counting those listed under a commitment
    let_go_total: int = 0
    let_go_later: bool = False  # the rows to let go load when their section comes into view
    # More follow-ups fit the day than Today lists (`agenda_for`'s `followups_shown`): the rest,
    # and the wings and waiting leads after them, are on the section's full list.
    followups_cut: bool = False
    commitments_total: int = 0
    has_leads: bool = False  # any active lead at all (else Today shows how to start)
    next_due: datetime | None = None  # no follow-up due today: when the next one is
    next_name: str = ""  # and whose it is
    minutes_new: float = 0.0
    minutes_commitments: float = 0.0
    minutes_followups: float = 0.0
    # The day planned when it is not today (a Sunday, or after the contact hours): its name
    # ("Monday") and why ("Sunday: not a contact day."); both "" on a working day.
    day_name: str = ""
    day_why: str = ""
    whose: str = "Your"  # whose minutes: "Your", "Bob's", "Everyone's"
    # A leaver's Today (`agenda.leavers_day`): no minutes and no plan, only this sentence.
    gone: str = ""
    gone_carried: int = 0  # the leads they still carry (for "Reassign all")
    # Every held lead's id (`reach.held_ids`) when the day was filled; None when not looked up.
    held: set[int] | None = None

    @property
    def day(self) -> str:
        """The day the sections are for, as their titles say it: "today" or "Monday"."""
        return self.day_name or "today"

    @property
    def minutes_sentence(self) -> str:
        """The day's minutes (`day_minutes_sentence`), or when the day planned is a later one
        why, and the same figures as that day's plan (the sections below are that day's)."""
        if not self.day_name:
            return self.day_minutes_sentence
        plan = self._minutes_sentence(today="")
        return f"{self.day_why} {self.day_name}'s plan: {plan}"

    @property
    def budget_line(self) -> str:
        """Where the follow-ups that fit end ("Your 120 minutes run out here ..."). With every
        follow-up due above the line (nothing left in the wings for want of minutes), only the
        leads the plan keeps for a later day are below it, and the line says that."""
        if not self.wings:
            return "In the wings: leads whose turn comes on a later day."
        day = f" on {self.day_name}" if self.day_name else ""
        return (
            f"{self.whose} {round(self.budget_minutes)} minutes{day} run out here "
            f"({round(self.minutes_followups)} min of follow-ups above). In the wings:"
        )

    @property
    def minutes_left_for_followups(self) -> float:
        return max(0.0, self.budget_minutes - self.minutes_new - self.minutes_commitments)

    @property
    def minutes_logged(self) -> int:
        """The selling minutes already logged today (rounded), taken off the day's."""
        if self.daily_minutes is None:
            return 0
        return max(0, round(self.daily_minutes) - round(self.budget_minutes))

    @property
    def minutes_logged_note(self) -> str:
        """What follows the minutes left when some are logged already, or nothing."""
        logged = self.minutes_logged
        return (
            f" left ({logged} of {round(self.daily_minutes or 0)} already logged)" if logged else ""
        )

    @property
    def day_minutes_sentence(self) -> str:
        """How the day's selling minutes are spent, in numbers that add up (the minutes
        already logged today first, when there are any)."""
        return self._minutes_sentence(today=" today")

    def _minutes_sentence(self, today: str) -> str:
        budget, logged = round(self.budget_minutes), self.minutes_logged
        new, promised = round(self.minutes_new), round(self.minutes_commitments)
        if new + promised >= budget:
            over = new + promised - budget
            return (
                f"{self.whose} {budget} selling minutes{self.minutes_logged_note or today} go to "
                f"new enquiries ({new} min) and commitments "
                f"({promised} min){f', {over} min more than {self._who_has}' if over else ''}: "
                f"follow-ups wait in the wings."
            )
        follow = round(self.minutes_followups)
        spare = budget - new - promised - follow
        return (
            f"{budget + logged} selling minutes{today}: {f'{logged} already logged + ' if logged else ''}"
            f"{new} for new enquiries + {promised} for commitments + "
            f"{follow} for follow-ups{f' + {spare} spare' if spare > 0 else ''}."
        )

    @property
    def _who_has(self) -> str:
        """Whose minutes run short, as the sentence ends: "you have", "Bob has", "the team
        has" (an owner's Everyone's Today counts the whole team's)."""
        if self.whose == "Your":
            return "you have"
        if self.whose == "Everyone's":
            return "the team has"
        name = self.whose.removesuffix("'s")
        return f"{name} has"

    @property
    def is_empty(self) -> bool:
        return not (
            self.new
            or self.commitments
            or self.followups
            or self.wings
            or self.waiting
            or self.let_go
            or self.let_go_total
        )

    @property
    def more_new(self) -> int:
        return max(0, self.new_total - len(self.new))

    @property
    def followup_total(self) -> int:
        """Follow-ups due today, not counting those listed under a commitment (`due_total`)."""
        return self.due_total

    @property
    def cut_line(self) -> str:
        """Where Today stops listing follow-ups that still fit the day's minutes."""
        return (
            f"The first {len(self.followups)} follow-ups, best first: more than a day's calls "
            f"and messages. The other {self.more_wings} due {self.day} are on the full list."
        )

    @property
    def more_wings(self) -> int:
        """Due follow-ups not shown at all (beyond the line and the wings)."""
        return max(0, self.due_total - len(self.followups) - len(self.wings))

    def leads(self) -> list[Lead]:
        """Every lead shown on the page (for extras that batch-load per page)."""
        rows = self.new + self.followups + self.wings + self.waiting + self.let_go
        return [r.lead for r in rows] + [c.lead for c in self.commitments]

    def as_dict(self) -> dict:
        blocked, held = Suppression.among(self.leads()), reach.held_among(self.leads())
        return {
            "now": self.now,
            "day": self.end_of_day.date(),
            "day_note": self.day_why,
            "gone": self.gone or None,  # a leaver's day: why it is empty (`leavers_day`)
            "minutes_sentence": self.minutes_sentence,
            "budget_minutes": self.budget_minutes,
            "daily_minutes": self.daily_minutes,
            "new": [r.as_dict(blocked, held) for r in self.new],
            "commitments": [r.as_dict(held) for r in self.commitments],
            "followups": [r.as_dict(blocked, held) for r in self.followups],
            "wings": [r.as_dict(blocked, held) for r in self.wings],
            "waiting": [r.as_dict(blocked, held) for r in self.waiting],
            "let_go": [r.as_dict(blocked, held) for r in self.let_go],
            "totals": {
                "new": self.new_total,
                "commitments": self.commitments_total,
                "due": self.due_total,
                "let_go": self.let_go_total,
            },
        }


def new_order(r: AgendaRow):
    """Respond-now order: enquiries in their first hour first (their chance fades fastest),
    each group by what it is worth now."""
    return (not r.fresh, -r.worth_now, r.lead.pk)


def step_time(lead: Lead, section: str, now: datetime, settings: Settings) -> datetime | None:
    """When a row's step may be taken: the plan's due time, except that an unanswered enquiry
    the plan rations ("wait") is answered now, a lead paused by an out-of-office waits for
    its end, and a step already due waits for the lead's own
    contact hours: once they are over in their zone, Today shows their next window, not "now"
    (eval29 #2: "Call now" at 19:20 London). The decision core's window rule
    (`policy.window.next_contact_time`); the weekly cap is in the plan's due time already."""
    due = lead.next_due
    if lead.paused_until and lead.paused_until > now:  # an out-of-office: not before it ends
        return max(due, lead.paused_until) if due else lead.paused_until
    if section == "new" and lead.next_action == "wait":
        due = now
    if due is None or section == "let_go" or due > now + LATER:
        return due
    opens, _ = next_contact_time(now, (), lead.timezone or None, settings)
    return due if opens <= now + LATER else opens
