"""The cues of every intent in one message, gathered once for the steps of `decide.py`: a
stop or a refusal, a call, interest, where the message turns, and the dates it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from . import clauses, cues, language, sentences, when


@dataclass
class _Message:
    """What one message's words hold: its text, the cues of every intent found in it (each
    (language, words, start, end) in the folded text, or None), and the dates it names."""

    fresh: str
    folded: str
    where: list[int]
    today: date
    zone: str | None
    channel: str
    automatic: str
    opt_out: tuple | None = None
    refusal: tuple | None = None
    later: tuple | None = None
    call: tuple | None = None
    interest: tuple | None = None
    unsure: tuple | None = None
    auto: tuple | None = None
    kept_on: tuple | None = None  # a stop verb a negation governs ("don't stop emailing me")
    footer: tuple | None = None  # boilerplate on how to stop hearing from the writer
    no_email: tuple | None = None  # a stop of email alone, beside a request for a call
    language: str = ""
    negation: re.Pattern | None = None  # the message's language's negations
    found: list = field(default_factory=list)
    turns: list[int] = field(default_factory=list)
    wants: list[tuple] = field(default_factory=list)
    doubts: list[tuple] = field(default_factory=list)
    now: datetime | None = None  # when it was written, in the lead's zone

    def at(self, found) -> datetime:
        """The moment a date found means, never before the message was written."""
        return when.to_datetime(found, self.zone, when.DEFAULT_TIME, self.now)

    def said(self, *found_cues) -> str:
        """The decisive words as the person wrote them."""
        return "; ".join(
            f'"{cues.original(self.fresh, self.where, c[2], c[3])}"' for c in found_cues if c
        )


def _gather(
    fresh: str, folded: str, where: list[int], today, zone, channel, automatic, now=None
) -> _Message:
    m = _Message(fresh, folded, where, today, zone, channel, automatic, now=now)
    m.language = language.detect(fresh, lambda: cues.language_vote(folded))
    m.negation = cues.NEGATION.get(m.language, cues.NEGATORS)
    _read_no(m, folded)
    m.later = cues.first(cues.LATER, folded)
    m.turns = _turns(folded, m.language)
    calls, interests = _read_asks(m, folded)
    _email_only(m, folded, calls)
    m.unsure = cues.first(cues.UNSURE, folded)
    m.auto = cues.first(cues.AUTO, folded[:600])
    m.found = _dates(fresh, folded, today, zone, m.language, now)
    # What asks for something (a call, a price, a visit), as opposed to praise and politeness.
    m.wants = [c for c in calls + interests if not cues.POLITE.match(c[1])]
    m.doubts = cues.every(cues.UNSURE, folded)
    return m


def _read_no(m: _Message, folded: str) -> None:
    """A request to stop, or a refusal (a bare "no" at the least). The sentence of a
    footer's instructions ("if you no longer wish to receive ..., unsubscribe here", "If
    you don't want to hear from us, ignore this") asks us for nothing and refuses nothing:
    it is not read for either, unless it holds the person's own request ("I want to
    unsubscribe", "remove me"). A stop verb a negation governs is kept for `decide`, and
    only its own clause is left unread: a stop elsewhere in the mail ("You never stop
    emailing me! Remove me from your list.") is still a stop."""
    m.kept_on = cues.first(cues.KEEP_ON, folded)
    m.footer = cues.first(cues.FOOTER, folded)
    said = _without_footers(folded) if m.footer else folded
    free = _without_kept_on(said) if m.kept_on else said
    m.opt_out = cues.first(cues.OPT_OUT, free) or clauses.stop_request(free)
    m.refusal = cues.first(cues.REFUSAL, said) or clauses.refusal(said, m.negation)
    if m.refusal is None and (no := cues.NO.search(said)):
        m.refusal = ("", no.group(0), no.start(), no.end())


def _email_only(m: _Message, folded: str, calls: list[tuple]) -> None:
    """ "Stop emailing me, just call me", "No more emails, call me instead": every request
    to stop in the mail names email and nothing else, and the person asks for a call. That
    is no opt-out: email is refused (`m.no_email`), the phone is still theirs to offer."""
    if not (m.opt_out and calls and m.channel == "email"):
        return
    said = _without_footers(folded) if m.footer else folded
    stops = cues.every(cues.OPT_OUT, said)
    if (grammar := clauses.stop_request(said)) is not None:
        stops.append(grammar)
    asks = [c for c in calls if not any(s[2] <= c[2] < s[3] for s in stops)]
    if not asks:
        return
    for stop in stops:
        end = min(
            [i for i in (folded.find(ch, stop[2]) for ch in ",.;!?") if i >= 0]
            + [c[2] for c in asks if c[2] > stop[2]]
            + [len(folded)]
        )
        named = folded[stop[2] : end]
        if not cues.first(cues.BY_EMAIL, named) or cues.first(cues.BY_OTHER, named):
            return
    m.no_email, m.opt_out = m.opt_out, None


def _without_footers(folded: str) -> str:
    """`folded` with each sentence holding a footer's instructions, and no request of the
    person's own, blanked (same length, so every place found in it is a place in `folded`)."""
    index, out = sentences.of(folded), list(folded)
    for f in cues.every(cues.FOOTER, folded):
        start, end = index.around(f[2])
        if cues.first(cues.OWN_STOP, folded[start:end]) is None:
            out[start:end] = " " * (end - start)
    return "".join(out)


# Where a clause ends: its punctuation, a line's end, or a turn ("..., but stop emailing me").
CLAUSE_END = re.compile(r"[,.;:!?\n]|(?<![\w])(?:but|however|though)(?![\w])")


def _without_kept_on(folded: str) -> str:
    """`folded` with each clause a negation keeps from being a stop ("don't stop emailing
    me", "never stop emailing me") blanked to its end, same length."""
    out = list(folded)
    for k in cues.every(cues.KEEP_ON, folded):
        end = CLAUSE_END.search(folded, k[3])
        stop = end.start() if end else len(folded)
        out[k[2] : stop] = " " * (stop - k[2])
    return "".join(out)


def _turns(folded: str, lang: str | None) -> list[int]:
    """Where the message turns ("..., but ..."): what follows the turn is what it means, so
    praise or a yes before a turn to a "no" asks for nothing.

    (Spanish "más", folded to "mas", is "more": only Portuguese "mas" turns; and
    Portuguese "mais" is "more": only French "mais" turns.)
    """
    return [
        t.start()
        for t in cues.CONTRAST.finditer(folded)
        if (t.group(0) != "mas" or lang == "pt") and (t.group(0) != "mais" or lang != "pt")
    ]


def _read_asks(m: _Message, folded: str) -> tuple[list[tuple], list[tuple]]:
    """The calls and the interests asked for that no later turn undoes; sets m.call and
    m.interest to the first of each (a bare yes as interest when nothing else is)."""

    def kept(found: list[tuple]) -> list[tuple]:
        return [c for c in found if not clauses.undone_by_turn(folded, c[2], m.negation, m.turns)]

    # Taking one of our options is a yes, whatever a "stay with" cue makes of it.
    accept = clauses.accepted(folded)
    if accept and m.refusal and m.refusal[2] < accept[3] and accept[2] < m.refusal[3]:
        m.refusal = None
    calls = kept(cues.every(cues.CALL, folded, True))
    interests = kept(
        sorted(
            cues.every(cues.INTEREST, folded, True)
            + clauses.asked_topics(folded)
            + ([accept] if accept else []),
            key=lambda c: c[2],
        )
    )
    m.call = calls[0] if calls else None
    m.interest = interests[0] if interests else None
    if m.interest is None and (yes := cues.AFFIRM.search(folded)):
        m.interest = kept([("", yes.group(0), yes.start(), yes.end())])[0:1] or None
        m.interest = m.interest[0] if m.interest else None
    return calls, interests


def _dates(fresh: str, folded: str, today, zone, lang, now) -> list:
    """The dates the message names, less those that are the reason for waiting."""
    found = when.find_dates(fresh, today, zone, lang, now and now.time())
    if any(f.day > today for f in found):
        # "Can we pick this up next week? Today's hectic", "flying tonight, call me tomorrow":
        # today without an hour by the clock beside a later date is the reason for waiting,
        # not when to come back.
        found = [f for f in found if not (f.kind == "today" and not f.clock)]
    # "Estamos en pleno invierno ... Escribime en primavera": the time they are in the midst
    # of ("mitten im Winter", "en plein hiver", "in the depths of winter") is why they wait,
    # not when to come back, when another date is named.
    midst = [f for f in found if MIDST.search(folded[max(0, f.start - 30) : f.start])]
    if midst and len(midst) < len(found):
        found = [f for f in found if f not in midst]
    return found


MIDST = re.compile(
    r"(?<![\w])(?:in the (?:depths|middle|midst|thick|heart) of|mitten (?:im|in der|in dem|in)|en plein|"
    r"en pleno|em pleno|midden in(?: de| het)?)(?: (?:the|der|dem|de|het|el|la|o|a|l'))? $"
)
