"""Dates as a person means them, in the lead's own time zone, never in the past.

Explicit calendar dates ("4. Januar", "le 1er avril", "16 de marzo", "27/03",
"Monday 23rd March") are read by dateparser, on the sentence that carries them. The
vague and relative times people use when they put us off have no single meaning, so
each gets one convention, written here (and in the README's reply section):

- a date without a year is the next one ("back on 3 January" written in December is
  next January); a bare weekday is the next such day after today, "next Friday" too;
- away "until" a day means back that day; "until ... inclusive" (einschließlich,
  inclus, t/m, tot en met, incluido, inclusive) means back the day after;
- "tomorrow", "today", "the day after tomorrow" in each language ("morgen", "demain",
  "mañana" but not "por la mañana", "amanhã");
- next week = its Monday; "next week Tuesday" = the Tuesday of next week; end of the
  week = Friday; next month = its 1st; end of the month = its last day; next year or
  the new year = 2 January;
- "in N days/weeks/months" = today plus N ("give me three weeks" too; a fortnight,
  "vierzehn Tage", "quinze jours" = 14 days); a couple = 2, a few / some / several = 3,
  "a month or two" = 2 months; half a year = 6 months;
- a month without a day = its 1st ("early" 1st, "mid" 15th, "late" 25th, "end of" its
  last day; "after March" = 1 April); the first/second/last week of a month = its 1st,
  8th, 24th;
- a quarter = its first day (Q2 = 1 April; next quarter = the next one's first day);
  the end of a quarter = its last day; the second half of the year = 1 July; the end
  of the year = 31 December; "the coming weeks / months" = 3 weeks / 3 months;
- a day of the month alone ("back on the 23rd", "ab dem 23.", "le 23", "no dia 23") =
  the next such day; "the week after" a named date = the Monday after it;
- a season = the day it starts (spring 20 March, summer 21 June, autumn 22 September,
  winter 21 December; six months later south of the equator); "after the summer",
  the summer holidays and "la rentrée" = 1 September, because that is when people are
  back at work;
- a weekday with a day ("Monday 28", "el lunes 28") = that day of the month;
- after Christmas = 27 December; after New Year or the year-end holidays ("nach den
  Feiertagen", "après les fêtes", "na de feestdagen", "depois das festas") = 2 January,
  but "después de las fiestas" = 7 January (Spain works again after Reyes); after
  Easter ("Semana Santa", "Ostern", "Pâques", "Páscoa", "Pasen") = the Tuesday after
  Easter Monday; "the holidays" unnamed = the next ones (year-end in autumn and
  winter, Easter in spring, else the summer), "les fêtes de fin d'année" always the year-end;
- a time ("at 3pm", "15h", "um 14 Uhr", "às 10h", "om 15.00 uur") or a part of the day
  (morning 9:00, lunchtime 12:00, afternoon 14:00, "after 2" 14:00, evening and tonight
  18:00) sets the hour; otherwise 9:00. A bare hour 1-6 is the afternoon ("at 3" 15:00),
  7-12 the morning or noon ("at 11" 11:00);
- "in an hour", "in zwei Stunden", "dans 30 minutes", "in half an hour" = now plus that;
- never in the past: a time today already gone is now.

The module reads in steps, each in its own file: words.py (months, weekdays, numbers in
six languages), patterns.py (one pattern per kind of date), explicit.py (calendar dates,
by dateparser), and the conventions by kind of date: days.py (days and weeks), months.py
(months, quarters, years), holidays.py (seasons and holidays).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from ..cues import fold, fold_map, original
from . import days, holidays, months
from .calendar import Found, zone_of
from .explicit import _explicit
from .patterns import COMPILED, HOLIDAY_KINDS, SPECIFICITY
from .words import AMBIGUOUS_MONTHS, DEFAULT_TIME, INCLUSIVE, PARTS_OF_DAY, RETURN_CUES, TIME

__all__ = [
    "DEFAULT_TIME",
    "SPECIFICITY",
    "Found",
    "best",
    "find_dates",
    "return_date",
    "to_datetime",
    "zone_of",
]

RESOLVERS = {**days.RESOLVERS, **months.RESOLVERS, **holidays.RESOLVERS}
# Sentences end at a full stop, but not after a shortened weekday, part of the day or
# "inkl." ("Fr. nachm.", "Do. ab 15 Uhr", "jeu. après 14h", "bis inkl. Freitag").
_SHORT = (
    *("mo", "di", "mi", "do", "fr", "vr", "wo", "ma", "inkl", "incl", "nachm", "vorm"),
    *("mon", "tue", "wed", "thu", "fri", "lun", "mer", "jeu", "ven", "sam", "dim"),
    *("mie", "jue", "vie", "sab", "dom", "seg", "ter", "qua", "qui", "sex"),
)
SENTENCE = re.compile(
    r"(?i)(?<=[!?;\n])\s+|(?<=[^\d\s][.])" + "".join(rf"(?<!\b{a}\.)" for a in _SHORT) + r"\s+"
)


def _resolve(kind: str, m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """The day an expression of `kind` means, by its convention (None if it names none)."""
    return RESOLVERS[kind](m, today, zone, lang)


def find_dates(
    text: str, today: date, zone: str | None = None, lang: str = "en", now: time | None = None
) -> list[Found]:
    """Every date the text names, each with its words, kind and the hour it names (if any);
    `now`, the hour the text was written (local), places "in an hour"."""
    out: list[Found] = []
    offset = 0
    for sentence in SENTENCE.split(text):
        folded = fold(sentence)
        found = _in_sentence(sentence, folded, offset, today, zone, lang, now)
        out += _in_next_year(_own_hours(found, folded, offset), today)
        offset += len(folded) + 1
    week_after = _week_after(text, out)
    if week_after:
        out.append(week_after)
    return [f for f in out if f.day >= today]


def _in_sentence(
    sentence: str,
    folded: str,
    offset: int,
    today: date,
    zone: str | None,
    lang: str,
    now: time | None,
) -> list[Found]:
    """The dates one sentence names, explicit ones first, then those its words name
    (none twice over the same words)."""
    out: list[Found] = []
    # The characters of the words a date was read from: a match that begins or ends in
    # them is no other date (one flag per character, not a list of spans to search: a
    # long sentence may name hundreds of dates).
    taken = bytearray(len(folded) + 1)
    for f in _explicit(sentence, folded, today, zone, lang):
        _take(taken, f.start, f.start + len(fold(f.words)))
        out.append(Found(f.day, f.words, f.kind, offset + f.start, _hour(folded[f.start :])))
    spelled, back = _spelled(folded, lang)
    for kind, pattern in COMPILED:
        for m in pattern.finditer(spelled):
            m = _Back(m, back)
            if taken[m.start()] or (m.end() > 0 and taken[m.end() - 1]):
                continue
            if _not_a_return(kind, m, folded):
                continue
            found = _found(kind, m, sentence, folded, offset, today, zone, lang, now)
            if found is None:
                continue
            _take(taken, m.start(), m.end())
            out.append(found)
    return out


def _take(taken: bytearray, start: int, end: int) -> None:
    end = min(end, len(taken))
    if end > start:
        taken[start:end] = b"\1" * (end - start)


_BEFORE = re.compile(
    r"(?:before|vor|avant|antes de|antes|voor|until|bis|jusqu'a|hasta|ate|tot) (?:the |dem |den |la |las |les |el |o |as |de )?$"
)
_MONTH_LEAD = re.compile(
    r"(?:in|until|till|by|from|after|around|before|im|ab|bis|vor|nach|en|em|tot|vanaf|voor|na|hasta|ate|avant|apres|antes de|despues de|depois de|courant|debut|fin|mitte|anfang|ende|early|mid|late|begin|eind|half) "
)


def _not_a_return(kind: str, m, folded: str) -> bool:
    """Words that match a kind but name no time to come back: "before Christmas", and a
    month whose name is also a word ("may", "march") with no word leading it to a date."""
    if kind in HOLIDAY_KINDS and _BEFORE.search(folded[max(0, m.start() - 12) : m.start()]):
        return True
    return (
        kind == "month"
        and m.group("month") in AMBIGUOUS_MONTHS
        and not _MONTH_LEAD.match(m.group(0))
    )


def _found(
    kind: str,
    m,
    sentence: str,
    folded: str,
    offset: int,
    today: date,
    zone: str | None,
    lang: str,
    now: time | None,
) -> Found | None:
    """The date the match `m` of `kind` names, with the hour beside it (None if none)."""
    try:
        d = _resolve(kind, m, today, zone, lang)
    except (ValueError, KeyError):
        d = None
    if d is None:
        return None
    after = folded[m.start() : m.start() + 60]
    at = _hour(after) if SPECIFICITY[kind] <= 1 else None
    clock = at is not None and _clock(after) is not None
    if kind == "in_hours":
        clock = True
        at = None
        if now is not None:
            later = datetime.combine(d, now) + days.hours_from_now(m)
            d, at = later.date(), later.time().replace(second=0, microsecond=0)
    words = original(sentence, fold_map(sentence)[1], m.start(), m.end())
    return Found(d, words, kind, offset + m.start(), at, clock)


def _week_after(text: str, out: list[Found]) -> Found | None:
    """ "after Easter ... the week after", "the week after Easter": the Monday after the date
    named nearest, most specific first."""
    m = WEEK_AFTER.search(fold(text))
    if not m:
        return None
    named = [f for f in out if not m.start() <= f.start < m.end()]
    if not named:
        return None
    d = min(named, key=lambda f: (SPECIFICITY[f.kind], abs(f.start - m.start()))).day
    return Found(d + timedelta(days=7 - d.weekday()), m.group(0), "week_after", m.start())


# German typed without umlauts ("uebernaechste Woche", "Maerz", "spaeter"): ae, oe, ue read
# as the folded ä, ö, ü, but not in a diphthong ("neue", "schauen") or "-uell" ("aktuell").
_UMLAUT = re.compile(r"(?:(?<=[b-df-hj-np-tv-z])|(?<![\w]))(?:ae|oe|ue(?!ll))")


def _spelled(folded: str, lang: str) -> tuple[str, list[int]]:
    """The folded sentence with German umlauts spelled out read back, and where each of its
    characters was in `folded` (one past the end for the end)."""
    if lang != "de" or not _UMLAUT.search(folded):
        return folded, list(range(len(folded) + 1))
    out, back, i = [], [], 0
    for m in _UMLAUT.finditer(folded):
        out.append(folded[i : m.start() + 1])
        back.extend(range(i, m.start() + 1))
        i = m.end()
    out.append(folded[i:])
    back.extend(range(i, len(folded) + 1))
    return "".join(out), back


class _Back:
    """A match on the spelled sentence, its positions and groups as in the folded one."""

    def __init__(self, m: re.Match, back: list[int]):
        self._m, self._back = m, back

    def start(self, *g) -> int:
        return self._back[self._m.start(*g)]

    def end(self, *g) -> int:
        e = self._m.end(*g)
        return self._back[e - 1] + 1 if e > self._m.start(*g) else self._back[e]

    def __getattr__(self, name):
        return getattr(self._m, name)


# A month or quarter said with "next year" beside it ("im dritten Quartal nächsten Jahres",
# "volgend jaar in april", "en mars de l'année prochaine") is that one of next year.
YEAR_PARTS = {
    "quarter_n",
    "end_of_quarter",
    "week_of_month",
    "part_month",
    "after_month",
    "weekday_of_month",
    "month",
}


def _in_next_year(found: list[Found], today: date) -> list[Found]:
    """One sentence's dates, "next year" folded into the month or quarter beside it."""
    for ny in [f for f in found if f.kind == "next_year"]:
        near = [
            f
            for f in found
            if f.kind in YEAR_PARTS
            and abs(f.start - ny.start) <= 30 + len(f.words)
            and f.day.year <= today.year + 1
        ]
        if not near:
            continue
        part = min(near, key=lambda f: abs(f.start - ny.start))
        moved = replace(part, day=part.day.replace(year=today.year + 1))
        found = [moved if f is part else f for f in found if f is not ny]
    return found


WEEK_AFTER = re.compile(
    r"(?<![\w])(?:the week after|die woche (?:danach|darauf)|la semaine (?:d'apres|suivante)|la semana (?:siguiente|despues)|"
    r"a semana seguinte|de week (?:erna|daarna))(?![\w])"
)


# The parts of the day after noon: a bare hour beside them is after noon too.
_PM = [(p, at) for p, at in PARTS_OF_DAY if at.hour >= 14]


def _own_hours(found: list[Found], folded: str, offset: int) -> list[Found]:
    """One sentence's dates, each with only the hour said before the next date: in "busy
    today, call me tomorrow at 10" the 10:00 is tomorrow's, today has none."""
    out = []
    starts = sorted(g.start for g in found)
    for f in found:
        i = bisect_right(starts, f.start)  # the next date's start, if any
        if f.kind == "in_hours" or f.at is None or i == len(starts):
            out.append(f)
            continue
        own = folded[f.start - offset : starts[i] - offset]
        at = _hour(own)
        out.append(replace(f, at=at, clock=at is not None and _clock(own) is not None))
    return out


def _hour(text: str) -> time | None:
    """The hour said at the start of `text`: by the clock, else by a part of the day."""
    at = _clock(text)
    if at is not None:
        return at
    for pattern, at in PARTS_OF_DAY:
        if pattern.search(text[:40]):
            return at
    return None


def _clock(text: str) -> time | None:
    """An hour by the clock at the start of `text` ("at 3pm", "um 11", "15h")."""
    m = TIME.search(text[:60])
    if m:
        h = m.group("h") or m.group("h2") or m.group("h3")
        mi = m.group("mi") or m.group("mi2") or m.group("mi3") or 0
        h, mi = int(h), int(mi)
        if m.group("ap") and m.group("ap").startswith("p") and h < 12:
            h += 12
        elif not m.group("ap") and 1 <= h <= 6:
            h += 12  # "at 4", "after 2": business hours, so the afternoon
        elif not m.group("ap") and h < 12 and any(p.search(text[:40]) for p, _ in _PM):
            h += 12  # "tonight at 8", "heute Abend um 7": the evening's
        if 0 <= h < 24 and 0 <= mi < 60:
            return time(h, mi)
    return None


def best(found: list[Found]) -> Found | None:
    """The most specific date named, the earliest written among equals."""
    return min(found, key=lambda f: (SPECIFICITY[f.kind], f.start), default=None)


def return_date(text: str, found: list[Found]) -> Found | None:
    """An automatic reply's return day: the date after "back"/"return"/"wieder"/"retour"...,
    else the last date it names (people write when they leave, then when they are back)."""
    if not found:
        return None
    # (a day rolled into next year beside nearer ones is where the absence began: "van
    # maandag 9 maart tot en met vrijdag 20 maart", read on the 10th)
    first = min(f.day for f in found)
    found = [f for f in found if (f.day - first).days <= 300]
    folded = fold(text)
    cued = [f for f in found if RETURN_CUES.search(folded[max(0, f.start - 40) : f.start])]
    chosen = max(cued or found, key=lambda f: (f.day, f.start))
    if not cued and INCLUSIVE.search(
        folded[chosen.start : chosen.start + len(chosen.words) + 25]
        + " "
        + folded[max(0, chosen.start - 25) : chosen.start]
    ):
        return Found(
            chosen.day + timedelta(days=1), chosen.words + " (inclusive)", chosen.kind, chosen.start
        )
    return chosen


def to_datetime(
    f: Found, zone: str | None, default: time = DEFAULT_TIME, now: datetime | None = None
) -> datetime:
    """The moment a date found means, never before `now` (when the message was written):
    "call me today" at 14:00 is 14:00, not 9:00."""
    at = datetime.combine(f.day, f.at or default, tzinfo=zone_of(zone))
    return max(at, now) if now is not None else at
