"""Months, quarters and years: in May, early June, Q3, next quarter, the end of the year."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .calendar import first_of_next
from .words import MONTHS, WEEKDAYS

QUARTER_ORDINALS = {
    **dict.fromkeys("first 1st ersten erstes premier primer primeiro eerste".split(), 1),
    **dict.fromkeys("second 2nd zweiten zweites deuxieme segundo tweede".split(), 2),
    **dict.fromkeys("third 3rd dritten drittes troisieme tercer terceiro derde".split(), 3),
    **dict.fromkeys("fourth 4th vierten viertes quatrieme cuarto quarto vierde".split(), 4),
}
WEEK_OF_MONTH_DAY = {
    **dict.fromkeys("second zweite deuxieme segunda tweede".split(), 8),
    **dict.fromkeys("last letzte derniere ultima laatste".split(), 24),
}
END_OF = {
    "end of",
    "the end of",
    "ende",
    "fin",
    "finales de",
    "a finales de",
    "final de",
    "no final de",
    "fim de",
    "no fim de",
    "eind",
    "eind van",
}
MIDDLE_OF = {"mid", "middle of", "mitte", "mi", "mediados de", "meados de", "half", "midden"}


def year(m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """ "In 2027": its 2 January (a year already begun names no day to come back)."""
    y = int(m.group("y"))
    return date(y, 1, 2) if y > today.year else None


def quarter_n(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """Q2 = 1 April: the next such quarter's first day."""
    q = int(m.group("q")) if m.group("q") else QUARTER_ORDINALS.get(m.group("ord"), 4)
    month = 3 * (q - 1) + 1
    if month == 1 and today.month == 1:
        return date(today.year + 1, 1, 1)
    return first_of_next(month, today)


def next_quarter(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return first + relativedelta(months=3)


def second_half(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return first_of_next(7, today)


def end_of_quarter(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    g = m.groupdict()
    q = next((int(g[k]) for k in ("q", "q2", "q3", "q4") if g.get(k)), None)
    if q is None:
        q = QUARTER_ORDINALS.get(g.get("ord") or "", (today.month - 1) // 3 + 1)
    end = date(today.year, 3 * q, 1) + relativedelta(day=31)
    return end if end >= today else date(today.year + 1, 3 * q, 1) + relativedelta(day=31)


def part_next_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """The end of next month its last day, the middle its 15th."""
    first = (today + relativedelta(months=1)).replace(day=1)
    end = re.match(r"(?:the )?end|ende|fin|(?:a )?final|(?:no )?f|eind", m.group("part"))
    return first + relativedelta(day=31) if end else first.replace(day=15)


def end_of_year(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return date(today.year, 12, 31)


def end_of_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + relativedelta(day=31)


def next_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return (today + relativedelta(months=1)).replace(day=1)


def next_year(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return date(today.year + 1, 1, 2)


def week_of_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """The first/second/last week of a month = its 1st, 8th, 24th."""
    day, month = WEEK_OF_MONTH_DAY.get(m.group("which"), 1), MONTHS[m.group("month")]
    if month == today.month and day > today.day:
        return date(today.year, today.month, day)
    return first_of_next(month, today, day)


def part_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """Early 1st, mid 15th, late 25th, the end of a month its last day."""
    part, month = m.group("part"), MONTHS[m.group("month")]
    if part in END_OF:
        if month == today.month:
            return today + relativedelta(day=31)
        return first_of_next(month, today) + relativedelta(day=31)
    day = 15 if part in MIDDLE_OF else 25 if part == "late" else 1
    return first_of_next(month, today, day)


NTH = {
    **dict.fromkeys("first ersten erste premier primer primeira eerste".split(), 0),
    **dict.fromkeys("second zweiten zweite deuxieme segundo segunda tweede".split(), 1),
    **dict.fromkeys("third dritten dritte troisieme tercer terceira derde".split(), 2),
}


def weekday_of_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """The first, second, third or last such weekday of the next such month."""
    month = MONTHS[m.group("month")]
    first = first_of_next(month, today) if month != today.month else today.replace(day=1)
    weekday = WEEKDAYS[m.group("weekday")]
    nth = NTH.get(m.group("which"))
    if nth is None:  # the last one
        last = first + relativedelta(day=31)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * nth)


def after_month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return first_of_next(MONTHS[m.group("month")] % 12 + 1, today)


def month(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return first_of_next(MONTHS[m.group("month")], today)


RESOLVERS = {
    "year": year,
    "quarter_n": quarter_n,
    "next_quarter": next_quarter,
    "second_half": second_half,
    "end_of_quarter": end_of_quarter,
    "part_next_month": part_next_month,
    "end_of_year": end_of_year,
    "end_of_month": end_of_month,
    "next_month": next_month,
    "next_year": next_year,
    "week_of_month": week_of_month,
    "part_month": part_month,
    "after_month": after_month,
    "weekday_of_month": weekday_of_month,
    "month": month,
}
