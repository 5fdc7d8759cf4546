"""Plain sentences with the numbers behind each decision."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from .priors import CHANNELS, DEFAULT_VALUE, FORWARD_DAYS, GRACE, SCHEDULES
from .when_words import DAY_NAMES, clock_text, local_date, local_day, local_when, waited

if TYPE_CHECKING:
    from .decisions import Lead

STARTING_GUESS = "a starting guess: no history yet"
NO_CONVERSATION = "a starting guess: no conversation in the history yet"
# Where a lead's value comes from (Facts.assumed): its record, its source's average value (the
# model's mean: right for an expected value, though most deals may be smaller), or the typical
# deal value set in Settings
ASSUMED_NOT, ASSUMED_TYPICAL, ASSUMED_DEFAULT = 0, 1, 2
_LABELS = {
    "referral": "referrals",
    "walk_in": "walk-ins",
    "all": "leads like this",
    "inbound_call": "inbound-call leads",
    "event": "event leads",
}


def learned_from(n_leads: int, n_others: int = 0, label: str = "") -> str:
    """What a learned number rests on: 'learned from 412 leads'; before any history the
    articles' rules of thumb, 'a starting guess: no history yet'; for a source (`label`) the
    history lacks while `n_others` leads of other sources moved the shared curve, 'a starting
    guess for referrals, moved by your 5 leads from other sources' (eval26: never "no history
    yet" for a figure a history moved)."""
    if n_leads > 0:
        return f"learned from {plural(n_leads, 'lead', ',')}"
    if n_others > 0 and label:
        return (
            f"a starting guess for {label}, moved by your"
            f" {plural(n_others, 'lead', ',')} from other sources"
        )
    return STARTING_GUESS


def plural(n: int, word: str, spec: str = "") -> str:
    """'1 lead', '412 leads' (`spec`: the number's format, ',' for '1,412 leads')."""
    return f"{n:{spec}} {word}{'s' if n != 1 else ''}"


def a(word: str) -> str:
    """'a referral', 'an event lead', 'an 8th try', 'an 11% chance': the article by its sound."""
    digits = word[: len(word) - len(word.lstrip("0123456789"))]
    if digits:
        vowel = digits.startswith("8") or digits in ("11", "18")
    else:
        vowel = word[:1].lower() in ("a", "e", "i", "o", "u")
    return f"{'an' if vowel else 'a'} {word}"


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


# The sign written before every amount (Settings.currency_symbol): `plan` sets it for its call,
# so every sentence of one plan is in the business's currency without each sentence's function
# taking it (a context variable: two plans at once, in two threads, each keep their own).
SIGN: ContextVar[str] = ContextVar("currency_symbol", default="$")


def money(x: float) -> str:
    """'$6,821', '$0.02', '-$5.00', in the currency `SIGN` names ('€6,821')."""
    s = SIGN.get()
    if x >= 0:
        return f"{s}{x:,.0f}" if x >= 100 else f"{s}{x:.2f}"
    return f"-{s}{-x:,.0f}" if x <= -100 else f"-{s}{-x:.2f}"


def pct(p: float) -> str:
    p *= 100
    return f"{p:.0f}%" if p >= 10 else (f"{p:.1f}%" if p >= 1 else f"{p:.2f}%")


def source_label(name: str) -> str:
    """'web_form' -> 'web-form leads'; 'referral' -> 'referrals'."""
    return _LABELS.get(name) or f"{name.replace('_', '-')} leads"


def one_of(label: str) -> str:
    """'referrals' -> 'referral' (a new enquiry from one of them)."""
    if label == _LABELS["all"]:
        return "lead"
    return label[:-1] if label.endswith("s") else label


def new_enquiry(label: str) -> str:
    """'new enquiry from referral'; 'new enquiry' when the source is one the model pools."""
    return "new enquiry" if label == _LABELS["all"] else f"new enquiry from {one_of(label)}"


def like_this(label: str) -> str:
    """'referrals' -> 'a referral like this': the chance is this lead's (its source, signals,
    tries so far), not the source's average shown on Insights."""
    return f"{a(one_of(label))} like this"


def nth_try(f: Lead, name: str) -> str:
    """'a 3rd try by email'. A lead back from a chase's revisit is priced like a 3rd try at
    its age (its k restarts at 2: batch.lead_batch) but told as a person knows it: 'a 2nd try
    by call after a pause'. One back from a revisit that was never tried before it (an
    imported contact) counts its own tries, from its enquiry: 'a first try by email, 40 days
    after the lead came in,' (a clause set off by commas: a chance follows it)."""
    if not f.revisited:
        return f"{a(ordinal(f.k + 1))} try by {name}"
    if f.restarted:
        return f"{a(ordinal(f.k - 1))} try by {name} after a pause"
    n = f.k + 1
    days = round(f.age / 86400) if f.age >= 86400 else 0  # NaN (no date) compares False
    since = f", {plural(days, 'day')} after the lead came in," if days else ""
    return f"{a('first' if n == 1 else ordinal(n))} try by {name}{since}"


def _head(f: Lead, now: float) -> str:
    """'Call Fri 10:00: ': the contact's channel, and when it is due on the lead's own clock."""
    return f"{CHANNELS[f.channel].capitalize()} {local_when(f.due_local, _now_local(f, now))}: "


def _now_local(f: Lead, now: float) -> float:
    """`now` on the lead's clock (local epoch seconds), as its due time says it."""
    return now + (f.due_local - f.due)


def value_of(f: Lead, label: str | None = None, note: bool = True) -> str:
    """The deal's value as the plan counts it: '$6,821' when the lead has one; when it has
    none, that the figure is assumed: 'an average $6,821 for a referral' (its source's mean
    value, `label` its source's; not 'typical': a few large deals lift the mean above most), 'your typical deal value of $5,000' (set in Settings), or
    before any deal value is known the articles' starting figure, 'an assumed $1,000 (no value
    entered)' (`note`: with its note in brackets)."""
    if f.assumed == ASSUMED_DEFAULT:
        return f"your typical deal value of {money(f.value)}"
    if f.assumed == ASSUMED_TYPICAL and f.value == DEFAULT_VALUE:  # no value learned yet
        return f"an assumed {money(f.value)}{' (no value entered)' if note else ''}"
    if f.assumed == ASSUMED_TYPICAL:
        whose = f" for {a(one_of(label))}" if label else ""
        return f"an average {money(f.value)}{whose}"
    return money(f.value)


def promised(f: Lead, now: float) -> str:
    """The pinned promise that sets when the contact is (plan._When), first in the reason:
    'they promised to be in touch by Tue 8 Dec 12:00; after a day's grace, ' (theirs: seed
    000's grace day), 'you promised to be in touch by Tue 8 Dec 12:00; ' (ours)."""
    if not f.promise:
        return ""
    if f.promise == 1:
        return f"{_promise(f, now)}; "
    if f.promise_local + GRACE > _now_local(f, now):
        return f"{_promise(f, now)}; after a day's grace, "
    return f"{_promise(f, now)} and have not; "


def _promise(f: Lead, now: float) -> str:
    """The pending promise, its time on the lead's clock: 'you promised to be in touch by Tue
    8 Dec 12:00' (ours), 'they promised ...' (theirs)."""
    by = f"{local_day(f.promise_local, _now_local(f, now))} {clock_text(f.promise_local)}"
    return f"{'you' if f.promise == 1 else 'they'} promised to be in touch by {by}"


def held(f: Lead, now: float, figures: str) -> str:
    """A contact the value alone would not make, kept because a promise is pending
    (plan._When.held; seed 000: stick to the agreed day, and give them a day's grace):
    'Call Fri 10:00: they promised to be in touch by Thu 10 Dec 09:30: waiting for that, then
    a day's grace. Only then does the value decide: as it stands, <figures>.' Once the promised
    time has passed: '... by Thu 10 Dec 09:30 and have not; giving them a day's grace.'"""
    if f.promise == 1:
        state = ": keep it"
    elif f.promise_local > _now_local(f, now):
        state = ": waiting for that, then a day's grace"
    else:  # the promised time has passed: the hold is the grace day itself
        state = " and have not; giving them a day's grace"
    return (
        f"{_head(f, now)}{_promise(f, now)}{state}."
        f" Only then does the value decide: as it stands, {figures}."
        f"{CAPPED if capped(f) else ''}"
    )


def held_why(f: Lead) -> str:
    """Why a lead held by a pending promise is not let go (the decision's why_not_stop)."""
    if f.promise == 1:
        return "Not yet: you promised to be in touch, and a promise is kept before letting go."
    return "Not yet: they promised to be in touch; they get until then and a day's grace."


def contact_silent(
    f: Lead, now: float, label: str, evidence: str, spend: float, learned: bool = False
) -> str:
    """Reason for the next try on a silent lead (`label`: its source's). Its worth is told
    gross, then net of the time and the complaint risk: the net is the decision's
    expected_value, the app's 'Worth about'. The chances are told as a stop's are (`pct`:
    never '0.0%' for a try worth making), with the share of those answering who buy and the
    margin, so that chance x share x value x margin is the worth (eval26 finding 4). A first
    answer owed that earns less than it costs (`spend`) says so; a try more than a few days off
    says why it waits (`not_sooner`; `learned`: the spacing was chosen by the history)."""
    name, head = CHANNELS[f.channel], f"{_head(f, now)}{promised(f, now)}"
    owed = _owed(f, spend) if f.owed_only else ""
    if f.k == 0 and not f.revisited:
        return (
            f"{head}{new_enquiry(label)}{waited(f.age)} ({value_of(f, note=False)});"
            f" {like_this(label)} answers a first {name} {pct(f.p)} of the time ({evidence}).{owed}"
        )
    return (
        f"{head}{like_this(label)} answers {nth_try(f, name)} {pct(f.p)} of the time"
        f" ({evidence}) and {pct(f.win)} of those who answer buy;"
        f" on {value_of(f, label)}{_at_margin(f)} that is worth {money(f.p * f.prize)}"
        f" ({money(f.ev)} after {money(f.cost)} of your time and the complaint risk"
        f"{barely(f)}).{not_sooner(f, now, learned)}{owed}"
    )


def _at_margin(f: Lead) -> str:
    """' at your 30% margin' when the worth is the margin of a sale (`prize` is the win
    chance x value x margin), so that chance x share x value x margin is the worth; '' at
    a margin of 1 (review23 #12)."""
    whole = f.win * f.value
    margin = f.prize / whole if whole > 0 else 1.0
    return f" at your {margin:.0%} margin" if abs(margin - 1.0) > 0.005 else ""


def _owed(f: Lead, spend: float) -> str:
    """What a first answer owed (lookahead.Chase.owed) costs beyond what it earns: said, not
    hidden behind the contact."""
    return f" They asked us: a first answer is owed, though its {_below_cost(f, spend)}."


def _below_cost(f: Lead, spend: float) -> str:
    """'expected value $3.36 is below the cost of your time and the complaint risk ($3.49)'."""
    return (
        f"expected value {money(f.p * f.prize)} is below the cost of your time and the"
        f" complaint risk ({money(spend)})"
    )


OWED_WHY = (
    "Not stopped: they asked us, and a first answer is owed whatever the value (not responding"
    " does more damage than responding late)."
)


FEW_DAYS = 3 * 86400  # a try further off than this says why it waits (eval31 finding 7)


def not_sooner(f: Lead, now: float, learned: bool = False) -> str:
    """Why a try more than a few days off waits that long: carried to a later age
    (plan._Silent._carry), or its spacing schedule's gap after the last try (`learned`: the
    schedule was chosen among several by the history's gap and age effects; else the
    articles' 2 days, a week, then 3 weeks). '' for a sooner try, or one set by anything else
    (a promise says so itself; the weekly cap, the contact hours)."""
    if f.carried:
        days = round((f.due - now + f.age) / 86400)
        return (
            f" Not sooner: by the reply chance learned at each age of a lead, a try {days} days"
            " after the enquiry is likelier to be answered, enough to be worth the wait."
        )
    if capped(f):
        return CAPPED
    if f.brought is not None and f.brought == f.brought:  # NaN: not brought forward
        return (
            f" Brought forward from {local_day(f.brought, _now_local(f, now))}: the day has"
            " minutes to spare, and a try now is worth more than waiting for that day."
        )
    if f.promise or f.schedule is None or not f.due - now > FEW_DAYS:
        return ""
    schedule = SCHEDULES[f.schedule]
    planned = schedule[min(max(f.k, 1), len(schedule)) - 1]
    if not abs((f.due - f.last_at) / 86400 - planned) <= 2:  # the weekly cap; NaN: no try yet
        return ""
    rhythm = ", then ".join(_span(d) for d in schedule)
    after = f"{_span(planned)} after the last"
    if f.due - now < FORWARD_DAYS * 86400:  # plan._bring_forward may bring it forward
        after += f" ({SOONER})"
    if learned:
        return (
            f" Not sooner: it comes {after}; of the spacings weighed, tries {rhythm} apart are"
            " worth the most by the reply chances your history shows at each gap and age."
        )
    return (
        f" Not sooner: it comes {after}, as the rule of thumb spaces tries ({rhythm} apart:"
        " call back two days after a message, then about weekly, a last try weeks later)"
        " until your history is big enough to learn the spacing from."
    )


SOONER = "sooner only if a day before it has minutes to spare, and a try then is worth more"
CAPPED = (
    " Not sooner: the weekly cap (Settings: tries in any 7 days) is reached until then; it holds"
    " back the tries no one asked for, never an answer to their reply or a time agreed."
)


def capped(f: Lead) -> bool:
    """The contact's due time is the one the weekly cap set (plan._When.cap_due)."""
    return abs(f.due - f.cap_due) < 1.0  # NaN (the cap not reached): False


def _span(days: float) -> str:
    """'the next day', '2 days', 'a week', '3 weeks'."""
    if days == 1:
        return "the next day"
    if days % 7 == 0:
        return "a week" if days == 7 else f"{days / 7:.0f} weeks"
    return f"{days:.0f} days"


def keep_going(f: Lead) -> str:
    """Why a silent lead is not stopped (the decision's why_not_stop)."""
    if f.owed_only:
        return OWED_WHY
    if f.ev >= 0:
        return (
            f"Keep going: a reply is worth {a(f'{f.win:.0%}')} chance of the deal, and this and"
            f" the next tries are worth {money(f.v)} net in expectation."
        )
    return (
        f"Keep going: this try alone nets {money(f.ev)}, but it sets up the next ones; together"
        f" they are worth {money(f.v)} net."
    )


def stop_silent(f: Lead, label: str, evidence: str, spend: float) -> str:
    """Why a silent lead's chase ends: the next try is worth less than it costs (`spend`: its
    time and complaint risk)."""
    return f"Stop: {silent_figures(f, label, evidence, spend)}."


def silent_figures(f: Lead, label: str, evidence: str, spend: float) -> str:
    """The figures that end a silent lead's chase (stop_silent, held)."""
    return (
        f"{like_this(label)} answers {nth_try(f, CHANNELS[f.channel])} {pct(f.p)} of the time"
        f" ({evidence});{assumed_value(f, label)} {_below_cost(f, spend)}"
    )


def assumed_value(f: Lead, label: str | None = None) -> str:
    """' on an average $6,821 for a referral,': the value a stop's figures rest on, when the lead
    has none of its own ('' when it has)."""
    return "" if f.assumed == ASSUMED_NOT else f" on {value_of(f, label)},"


# why a plan has no minutes a day (`Settings.no_minutes_because`): MINUTES_UNSET, none are set;
# OWNER_LEFT, the owner of the leads no longer works there (their minutes left with them)
MINUTES_UNSET = "unset"
OWNER_LEFT = "owner_left"
NO_MINUTES_WHY = {
    MINUTES_UNSET: (
        "no selling minutes a day are set (Settings: daily minutes 0), so no contact is planned"
    ),
    OWNER_LEFT: (
        "its owner no longer works here, so no one's minutes are planned for it; reassign it"
        " and it is planned on its new owner's minutes"
    ),
}


# the day of a turn counts the leads due now; leads worth more per minute that fall due before
# it go first too, so it is the earliest day, not a promise (eval37 #5: "Wed 9 Dec" became Thu)
EARLIEST = " That is the earliest: leads worth more per minute that fall due by then go first."


def in_the_wings(
    f: Lead, day_spent: bool, day: int | None, now: float, no_minutes: str | None = None
) -> str:
    """A lead worth chasing that today's minutes do not reach: it waits for its turn (dated,
    on the lead's clock, unless it is more than `agenda.FAR_OFF_DAYS` off). `day`: the weekday
    whose minutes these are when it is not today (on a Sunday, Monday's:
    timing.ContactHours.day_planned). `no_minutes`: there are no selling minutes a day, so no
    turn ever comes, and the reason says why (`NO_MINUTES_WHY`: none are set, or the owner
    left) rather than how far off."""
    if no_minutes is not None:
        why = NO_MINUTES_WHY.get(no_minutes, NO_MINUTES_WHY[MINUTES_UNSET])
        return f"Wait: {why}.{_waiting_worth(f)}"
    whose = "today's" if day is None else f"{DAY_NAMES[day]}'s"
    minutes = "are spent" if day_spent else "go to leads worth more per minute"
    turn = "is more than three years off"
    if not f.far:  # now on the lead's clock, as _head reads it, says which year is this one
        turn = f"comes around {local_day(f.reach_local, _now_local(f, now))}"
    later = "" if f.far else EARLIEST
    return (
        f"Wait: {whose} minutes {minutes}; at this pace its turn {turn}.{later}{_waiting_worth(f)}"
    )


def _waiting_worth(f: Lead) -> str:
    """What a lead in the wings is worth; a first answer owed that earns less than it costs
    (lookahead.Chase.owed) is said to be owed."""
    if f.owed_only:
        return " They asked us: a first answer is owed, though it earns less than it costs."
    return f" Its next tries are worth {money(f.v)} at your own cost."


# an engaged lead; an open one that answered before (back from a revisit, or reopened), planned
# as a conversation: its status says Open, so its reason does not say engaged (eval37 #6)
ENGAGED = ("engaged lead", "open lead who answered before")


def contact_engaged(f: Lead, now: float, n_learned: int) -> str:
    """The next contact with a lead who answered: the chance it still ends in a sale."""
    evidence = f"learned from {n_learned:,} contacts" if n_learned else NO_CONVERSATION
    since = "while the conversation is moving"
    if f.streak:
        since = f"after {plural(f.streak, 'contact')} without progress"
    return (
        f"{_head(f, now)}{promised(f, now)}{ENGAGED[bool(f.open_again)]}, {pct(f.q)} chance of a win"
        f" {since} ({evidence}); each of the ~{f.contacts:.1f} contacts it usually takes is"
        f" worth {money(f.ev)} net after {money(f.cost)} of time{barely(f)}."
        f"{CAPPED if capped(f) else ''}"
    )


BARELY = 0.1  # a contact netting under this share of its time's cost is barely worth it


def barely(f: Lead) -> str:
    """': barely worth its time' after a contact's net worth when it is a few cents on the
    cost of the time it takes (eval22: 'worth $0.02 net after $5.00 of time'); '' otherwise."""
    return ": barely worth its time" if 0 < f.ev < BARELY * f.cost else ""


def keep_talking(f: Lead) -> str:
    return f"Keep going: the rest of this conversation is worth {money(f.net)} net."


def stop_engaged(f: Lead, spend: float) -> str:
    """Why a conversation ends: what is left of it is worth less than the `spend` (time and
    complaint risk) of each contact it usually still takes."""
    return f"Stop: {engaged_figures(f, spend)}: time to move on."


def engaged_figures(f: Lead, spend: float) -> str:
    """The figures that end a conversation (stop_engaged, held)."""
    return (
        f"{plural(f.streak, 'contact')} without progress {'leaves' if f.streak == 1 else 'leave'}"
        f" {a(pct(f.q))} chance of a win, worth {money(f.prize)}{assumed_value(f) or ','} against"
        f" {money(spend * f.contacts)} for the ~{f.contacts:.1f} more contacts it usually takes"
    )


def after_stop(f: Lead, state: str) -> str:
    """What follows a stop (its `next_state`): a revisit, the mailing list, or closed."""
    if state == "revisit":
        return (
            f" Revisit around {local_date(f.revisit_local)}: at {value_of(f)} a fresh try in a few"
            " months (valued like a 3rd try at that age) is worth more than twice its cost."
        )
    if state == "nurture":
        return " Next: the mailing list (they consented), so they can come back when ready."
    return " Closed: no mailing-list consent, and the value does not justify a later try."


def waiting(paused: bool, until_ts: float) -> str:
    why = "out of office until" if paused else "parked for a revisit on"
    return f"Wait: {why} {local_date(until_ts)}; 0 attempts planned before then."


def held_for_a_person(why: str) -> str:
    """A lead the app holds until a person decides (its record's `hold`, in the app's words)."""
    return f"Wait: {why}; 0 attempts planned until a person decides."


def unknown_status(status: str, known: tuple) -> str:
    """An unknown status as the record's error (records keeps it; `unreadable` tells it):
    its status 'closed' is none of open, engaged, won, lost, opted_out."""
    return f"its status {status!r} is none of {', '.join(known)}"


def unreadable(error: str) -> str:
    return f"Wait: this record could not be read ({error}); 0 attempts planned until it is fixed."


UNREACHABLE = (
    "Stop: 0 ways left to reach them (no email or phone, or each one bounced or asked not"
    " to be contacted): add an email or phone to chase them again."
)
CLOSED = "Stop: this lead is closed (won, lost or opted out); 0 further attempts."
