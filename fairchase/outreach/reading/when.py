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
- "in N days/weeks/months" = today plus N; a couple = 2, a few / some / several = 3,
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
- after Christmas = 27 December; after New Year or the year-end holidays ("nach den
  Feiertagen", "après les fêtes", "na de feestdagen", "depois das festas") = 2 January,
  but "después de las fiestas" = 7 January (Spain works again after Reyes); after
  Easter ("Semana Santa", "Ostern", "Pâques", "Páscoa", "Pasen") = the Tuesday after
  Easter Monday;
- a time ("at 3pm", "15h", "um 14 Uhr", "às 10h", "om 15.00 uur") or a part of the day
  (morning 9:00, lunchtime 12:00, afternoon 14:00, "after 2" 14:00, evening 18:00) sets
  the hour; otherwise 9:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .cues import fold, fold_map, original

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            "january jan januar janvier janv enero janeiro januari",
            "february feb februar fevrier fevr febrero fevereiro fev februari",
            "march marz maerz mars marzo marco maart mrt",
            "april apr avril avr abril abr",
            "may mai mayo maio mei",
            "june jun juni juin junio junho",
            "july jul juli juillet juil julio julho",
            "august aug aout agosto ago augustus",
            "september sep sept septembre septiembre setiembre setembro set",
            "october oct oktober okt octobre octubre outubro out",
            "november nov novembre noviembre novembro",
            "december dec dezember dez decembre diciembre dezembro",
        ],
        start=1,
    )
    for name in names.split()
}
# Month names that are ordinary words too ("may", "mar", "set", "out", "ago") count only after a preposition.
AMBIGUOUS_MONTHS = {
    "may",
    "mar",
    "set",
    "out",
    "ago",
    "jun",
    "jul",
    "dec",
    "mai",
    "mei",
    "fev",
    "abr",
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            "monday montag lundi lunes segunda segunda-feira maandag",
            "tuesday dienstag mardi martes terca terca-feira dinsdag",
            "wednesday mittwoch mercredi miercoles quarta quarta-feira woensdag",
            "thursday donnerstag jeudi jueves quinta quinta-feira donderdag",
            "friday freitag vendredi viernes sexta sexta-feira vrijdag",
            "saturday samstag samedi sabado zaterdag",
            "sunday sonntag dimanche domingo zondag",
        ]
    )
    for name in names.split()
}
NUMBERS = {
    **dict.fromkeys("a an one ein eine einen einem einer un une uno una um uma een".split(), 1),
    **dict.fromkeys("two zwei deux dos dois duas twee couple".split(), 2),
    **dict.fromkeys(["a couple", "a couple of", "couple of", "un par", "um par"], 2),
    **dict.fromkeys(
        [
            "a few",
            "ein paar",
            "een paar",
            "unos cuantos",
            "unas cuantas",
            "uns quantos",
            "umas quantas",
        ],
        3,
    ),
    **dict.fromkeys(
        "three drei trois tres drie paar few several some einige einigen quelques unos unas uns umas alguns algumas algunos algunas enkele".split(),
        3,
    ),
    **dict.fromkeys("four vier quatre cuatro quatro".split(), 4),
    **dict.fromkeys("five funf cinq cinco vijf".split(), 5),
    **dict.fromkeys("six sechs seis zes".split(), 6),
    **dict.fromkeys("eight acht huit ocho oito".split(), 8),
    **dict.fromkeys("ten zehn dix diez dez tien".split(), 10),
    **dict.fromkeys("twelve zwolf douze doce doze twaalf".split(), 12),
}
UNITS = {
    **dict.fromkeys("day days tag tage tagen jour jours dia dias dag dagen".split(), "days"),
    **dict.fromkeys(
        "week weeks woche wochen semaine semaines semana semanas weken".split(), "weeks"
    ),
    **dict.fromkeys(
        "month months monat monate monaten mois mes meses maand maanden".split(), "months"
    ),
    **dict.fromkeys(
        "year years jahr jahre jahren an ans annee annees ano anos jaar jaren".split(), "years"
    ),
}
SEASONS = {
    **dict.fromkeys("spring fruhling fruhjahr printemps primavera lente voorjaar".split(), (3, 20)),
    **dict.fromkeys("summer sommer verano verao zomer".split(), (6, 21)),
    **dict.fromkeys("autumn fall herbst automne otono outono herfst najaar".split(), (9, 22)),
    **dict.fromkeys("winter hiver invierno inverno".split(), (12, 21)),
}
SOUTHERN = (
    "America/Sao_Paulo",
    "America/Argentina",
    "America/Buenos_Aires",
    "America/Santiago",
    "America/Montevideo",
    "America/Asuncion",
    "Australia/",
    "Pacific/Auckland",
    "Africa/Johannesburg",
    "Africa/Maputo",
    "Africa/Luanda",
)
AFTER = r"(?:after|nach|apres|despues|depois|na|once|post|past)"
RETURN_CUES = re.compile(
    r"(?<![\w])(?:back|return\w*|returning|wieder|ab dem|ab|zuruck|retour|reviens|regres\w*|vuelvo|volto|volta\w*|retorno|retorn\w*|"
    r"terug|vanaf|weer|available again)(?![\w])"
)
INCLUSIVE = re.compile(
    r"(?<![\w])(?:inclusive|inclusief|einschliesslich|inklusive|inclus|incluse|incluido|incluida|t/m|tot en met)(?![\w])"
)

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUM_RE = r"\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT_RE = "|".join(sorted(UNITS, key=len, reverse=True))
_SEASON_RE = "|".join(sorted(SEASONS, key=len, reverse=True))
MONTH_PREP = (
    r"in|im|until|till|til|by|from|after|around|before|early|mid|late|end of|beginning of|start of|the end of|"
    r"ab|bis|nach|anfang|mitte|ende|en|a partir de|des|apres|debut|fin|courant|avant|hasta|despues de|principios de|"
    r"mediados de|finales de|a finales de|a principios de|em|ate|depois de|inicio de|comeco de|meados de|final de|fim de|"
    r"no inicio de|no comeco de|no final de|no fim de|vanaf|tot|na|begin|half|midden|eind|eind van|einde|medio|mi-"
)

PATTERNS = [
    (
        "next_week_day",
        rf"(?:next week|nachste woche|volgende week|komende week|la semaine prochaine|semana que vem|la semana que viene|la proxima semana|proxima semana)[, ]+(?:on |am |le |el |na |no |op )?(?P<weekday>{_WEEKDAY_RE})",
    ),
    (
        "weekday_next_week",
        rf"(?P<weekday>{_WEEKDAY_RE})(?:\w*)? (?:of |in )?(?:next week|nachste woche|nachsten woche|de la semaine prochaine|de la semana que viene|da semana que vem|da proxima semana|volgende week)",
    ),
    # A day of the month alone: "back on the 23rd", "ab dem 23.", "le 23", "el día 23", "no dia 23", "op de 23e".
    (
        "day_only",
        r"(?:(?:on|by|until|till|from|the|on the|by the|until the|from the) (?P<d>\d{1,2})(?:st|nd|rd|th)"
        r"|(?:am|bis|bis zum|ab dem|vom|zum|nach dem|seit dem) (?P<d2>\d{1,2})\."
        r"|(?:le|apres le|jusqu'au|a partir du|des le|el|el dia|hasta el|desde el|a partir del|del dia|despues del|dia|no dia|ate|ate dia|ate o dia|a partir do dia|op de|tot de|vanaf de|na de) (?P<d3>\d{1,2})(?:er|e|ste|de|º|o)?)"
        r"(?![\d:/,]|\.\d| ?(?:am|pm|h|uhr|uur|%|euro|eur)| \d{2})(?! (?:of |de |d')?(?:"
        + _MONTH_RE
        + r"|week|weeks|days|months|mal|fois|veces|vezes|keer|people|personen|personnes|personas|pessoas|mensen|minutes|minuten|horas|heures|uur))",
    ),
    (
        "year",
        r"(?:in|early|beginning of|start of|anfang|debut|principios de|inicio de|comeco de|begin|vanaf|ab|a partir de|from) (?P<y>20\d\d)(?![\d/.-])",
    ),
    (
        "after_tomorrow",
        r"(?:the )?day after tomorrow|ubermorgen|apres-demain|pasado manana|depois de amanha|overmorgen",
    ),
    (
        "tomorrow",
        r"tomorrow|tmrw|tmr|tomoz|2moro|(?<!guten )(?<!am )(?<!heute )morgen(?!s)\w*|demain|(?<!la )(?<!de )manana|amanha",
    ),
    (
        "today",
        r"today|this (?:afternoon|morning|evening)|heute|aujourd'hui|cet apres-midi|ce soir|hoy|esta tarde|hoje|vandaag|vanmiddag|vanavond",
    ),
    (
        "weekday",
        rf"(?<![\w-])(?P<weekday>{_WEEKDAY_RE})(?:ochtend|middag|avond|morgen|nachmittag|vormittag|abend)?(?![\w])",
    ),
    (
        "unit_or_two",
        rf"(?P<unit>{_UNIT_RE}) (?:or|of|ou|o|oder) (?P<n>two|twee|deux|dos|dois|zwei|three|drie|trois|tres|drei)",
    ),
    (
        "relative",
        rf"(?<!every )(?<!alle )(?<!toutes les )(?<!tous les )(?<!cada )(?<!om de )(?<!elke )"
        rf"(?:in|within|for|after|in about|in around|dans|d'ici|pendant|apres|dentro de|en|durante|por|daqui a|em|por|uber|nach|fur|binnen|over|na|voor)"
        rf"(?: (?:about|around|roughly|approximately|ungefahr|etwa|circa|rund|environ|a peu pres|unos|unas|uns|umas|cerca de|ongeveer|zo'n|een))?"
        rf" (?P<n>{_NUM_RE})(?: (?:more|of|de|d'|ou|o|oder))? (?P<unit>{_UNIT_RE})(?! ago| geleden| atras| her)(?![\w])",
    ),
    (
        "half_year",
        r"half a year|six months|halbes jahr|six mois|medio ano|meio ano|seis meses|half jaar|halfjaar",
    ),
    (
        "end_of_quarter",
        r"end of (?:q(?P<q>[1-4])|the quarter|this quarter)|ende (?:des )?(?:q(?P<q2>[1-4])|quartals)|fin (?:du )?(?:t(?P<q3>[1-4])|trimestre)|"
        r"finales? del trimestre|final do trimestre|fim do trimestre|eind (?:van )?(?:het )?(?:q(?P<q4>[1-4])|kwartaal)",
    ),
    (
        "quarter_n",
        r"(?<![\w])q(?P<q>[1-4])(?![\w])|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|ersten|zweiten|dritten|vierten|erstes|zweites|drittes|viertes|premier|deuxieme|second|troisieme|quatrieme|primer|segundo|tercer|cuarto|primeiro|terceiro|quarto|eerste|tweede|derde|vierde) (?:quarter|quartal|trimestre|kwartaal)",
    ),
    (
        "next_quarter",
        r"next quarter|nachste quartal|nachsten quartal|nachstes quartal|kommenden quartal|prochain trimestre|trimestre prochain|proximo trimestre|trimestre que viene|volgend kwartaal|komend kwartaal",
    ),
    (
        "second_half",
        r"second half|h2|zweiten? (?:jahres)?halfte|zweite[sn]? halbjahr|second semestre|segundo semestre|tweede helft|tweede halfjaar",
    ),
    (
        "end_of_year",
        r"end of (?:the|this) year|(?:year|year's) end|ende (?:des|dieses) jahres|jahresende|fin (?:d'annee|de l'annee|de cette annee)|"
        r"final(?:es)? (?:de|del) ano|fin de ano|fim do ano|final do ano|eind van (?:het|dit) jaar|einde van het jaar",
    ),
    (
        "coming_weeks",
        r"(?:in )?the (?:coming|next few) (?P<unit>weeks|months)|(?:in )?(?:den )?(?:kommenden|nachsten) (?P<unit2>wochen|monaten)|"
        r"(?:dans )?les (?:prochaines semaines|prochains mois)|(?:en )?las proximas semanas|(?:en )?los proximos meses|"
        r"(?:nas )?proximas semanas|(?:nos )?proximos meses|(?:in )?de komende (?:weken|maanden)",
    ),
    (
        "end_of_month",
        r"end of (?:the|this) month|ende des monats|ende (?:dieses|des) monats|fin (?:du|de ce) mois|fin de mes|final do mes|fim do mes|eind van de maand|einde van de maand",
    ),
    (
        "end_of_next_week",
        r"end of next week|ende nachster woche|ende der nachsten woche|fin de la semaine prochaine|fin de la semana que viene|final da semana que vem|eind volgende week|eind van volgende week",
    ),
    (
        "end_of_week",
        r"end of (?:the|this) week|ende der woche|fin de (?:la )?semaine|fin de la semana|final da semana|eind van de week|eind deze week",
    ),
    (
        "next_week",
        r"next week|next wk|nxt week|nxt wk|la que viene(?= si)|the following week|nachste woche|nachsten woche|kommende woche|kommenden woche|semaine prochaine|semaine pro|la semana que viene|la proxima semana|semana proxima|semana que vem|proxima semana|volgende week|komende week",
    ),
    (
        "next_month",
        r"next month|nachsten monat|nachster monat|kommenden monat|mois prochain|mes que viene|proximo mes|mes proximo|mes que vem|volgende maand|komende maand",
    ),
    (
        "next_year",
        r"next year|(?:the|a) new year|nachstes jahr|nachsten jahr|kommendes jahr|im neuen jahr|l'annee prochaine|l'an prochain|annee prochaine|ano que viene|proximo ano|ano que vem|volgend jaar|komend jaar|nieuwe jaar",
    ),
    (
        "week_of_month",
        rf"(?P<which>first|second|last|erste|zweite|letzte|premiere|deuxieme|derniere|primera|segunda|ultima|primeira|eerste|tweede|laatste) (?:week|woche|semaine|semana)(?: of| im| in| de| d'| van)? (?P<month>{_MONTH_RE})",
    ),
    (
        "part_month",
        rf"(?P<part>early|mid|middle of|late|end of|the end of|beginning of|start of|anfang|mitte|ende|debut|mi|fin|principios de|a principios de|mediados de|finales de|a finales de|inicio de|comeco de|no inicio de|no comeco de|meados de|final de|no final de|fim de|no fim de|begin|half|midden|eind|eind van)[ -](?P<month>{_MONTH_RE})(?![\w])",
    ),
    (
        "after_month",
        rf"(?:after|nach|apres|despues de|depois de|na) (?P<month>{_MONTH_RE})(?![\w])",
    ),
    (
        "month",
        rf"(?:{MONTH_PREP}) (?:the )?(?:month of |mois de |mes de |mes de )?(?P<month>{_MONTH_RE})(?![\w])",
    ),
    ("rentree", r"la rentree"),
    (
        "summer_holidays",
        r"summer (?:holidays|break|vacation)|sommerferien|sommerpause|sommerurlaub|vacances d'ete|grandes vacances|vacaciones de verano|ferias de verao|zomervakantie|zomerreces|bouwvak",
    ),
    (
        "after_season",
        rf"{AFTER} (?:the |dem |den |l'|el |del |o |do |da |de la |de |van de |de )?(?P<season>{_SEASON_RE}|ete)(?![\w])",
    ),
    (
        "season",
        rf"(?<![\w])(?P<season>{_SEASON_RE}|(?<=l')ete|(?<=cet )ete|(?<=en )ete|(?<=this )fall|(?<=the )fall|(?<=next )fall)(?![\w])",
    ),
    ("easter", r"easter|ostern|paques|pascua|semana santa|pascoa|pasen"),
    ("christmas", r"christmas|xmas|weihnachten|noel|navidad|natal|kerst\w*"),
    (
        "new_year",
        r"new year|neujahr|jahreswechsel|nouvel an|ano nuevo|ano novo|nieuwjaar|jaarwisseling|reyes",
    ),
    (
        "holidays",
        r"the holidays|holiday season|feiertage\w*|les fetes|fetes de fin d'annee|las fiestas|fiestas|as festas|festas|feestdagen",
    ),
]
COMPILED = [(kind, re.compile(r"(?<![\w])(?:" + rx + r")")) for kind, rx in PATTERNS]
# How sure each kind is: the most specific expression in a message wins.
SPECIFICITY = {
    "explicit": 0,
    "day_only": 0,
    "year": 4,
    "week_after": 2,
    "end_of_quarter": 3,
    "end_of_year": 4,
    "coming_weeks": 3,
    "next_week_day": 0,
    "weekday_next_week": 0,
    "after_tomorrow": 1,
    "tomorrow": 1,
    "today": 1,
    "weekday": 1,
    "relative": 2,
    "unit_or_two": 1,
    "half_year": 2,
    "week_of_month": 2,
    "part_month": 2,
    "after_month": 3,
    "month": 3,
    "end_of_month": 3,
    "end_of_week": 3,
    "end_of_next_week": 3,
    "next_week": 3,
    "next_month": 3,
    "quarter_n": 4,
    "next_quarter": 4,
    "second_half": 4,
    "next_year": 4,
    "rentree": 4,
    "summer_holidays": 4,
    "after_season": 4,
    "season": 4,
    "easter": 4,
    "christmas": 4,
    "new_year": 4,
    "holidays": 4,
}
TIME = re.compile(
    r"(?<![\w.:/])(?:(?P<h>\d{1,2})(?:[:.h](?P<mi>\d{2}))? ?(?P<ap>am|pm|a\.m\.|p\.m\.)|(?:at|um|a las|as|a|om|vers|gegen|around|rond|por volta das|hacia las|after|nach|apres|depois das|despues de las|na)"
    rf" (?P<h2>\d{{1,2}})(?:[:.h](?P<mi2>\d{{2}}))?(?: ?(?:uhr|h|uur|heures|horas))?(?![\w./-])(?!\.? ?(?:de |of )?(?:{_MONTH_RE})(?![\w]))"
    r"|(?P<h3>\d{1,2})(?:[:.h](?P<mi3>\d{2})| ?h(?![\w])| ?uhr| ?uur))"
)
PARTS_OF_DAY = [
    (
        re.compile(r"morning|vormittag|morgens|matin|(?:la|de) manana|manha|ochtend|'s ochtends"),
        time(9, 0),
    ),
    (re.compile(r"lunch|mittag(?!s)|midi(?!-)"), time(12, 0)),
    (re.compile(r"afternoon|nachmittag|apres-midi|(?:la|de) tarde|middag"), time(14, 0)),
    (re.compile(r"evening|abend|soir|noche|noite|avond"), time(18, 0)),
]
DEFAULT_TIME = time(9, 0)


@dataclass(frozen=True)
class Found:
    day: date
    words: str
    kind: str
    start: int
    at: time | None = None  # an hour the text named


def zone_of(zone: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(zone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def _next(month: int, day: int, today: date) -> date:
    d = date(today.year, month, min(day, 28) if month == 2 and day > 28 else day)
    return d if d > today else date(today.year + 1, month, d.day)


def _first_of_next(month: int, today: date, day: int = 1) -> date:
    year = today.year if month > today.month else today.year + 1
    return date(year, month, day)


def _season(season: str, today: date, zone: str | None) -> tuple[int, int]:
    month, day = SEASONS[season if season != "ete" else "summer"]
    if any((zone or "").startswith(z) for z in SOUTHERN):
        month = (month + 5) % 12 + 1
    return month, day


def _resolve(kind: str, m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    g = m.groupdict()
    if kind in ("next_week_day", "weekday_next_week"):
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=WEEKDAYS[g["weekday"]])
    if kind == "day_only":
        day = int(g["d"] or g["d2"] or g["d3"])
        if not 1 <= day <= 31:
            return None
        d = today.replace(day=1) + relativedelta(day=day)
        if d.day != day or d <= today:
            d = today.replace(day=1) + relativedelta(months=1, day=day)
        return d if d.day == day else None
    if kind == "year":
        year = int(g["y"])
        return date(year, 1, 2) if year > today.year else None
    if kind == "after_tomorrow":
        return today + timedelta(days=2)
    if kind == "tomorrow":
        return today + timedelta(days=1)
    if kind == "today":
        return today
    if kind == "weekday":
        return today + timedelta(days=(WEEKDAYS[g["weekday"]] - today.weekday()) % 7 or 7)
    if kind in ("relative", "unit_or_two"):
        n = (
            int(g["n"])
            if g["n"].isdigit()
            else NUMBERS.get(g["n"], 2 if kind == "unit_or_two" else 1)
        )
        if kind == "unit_or_two":
            n = {"two": 2, "twee": 2, "deux": 2, "dos": 2, "dois": 2, "zwei": 2}.get(g["n"], 3)
        unit = UNITS[g["unit"]]
        if unit == "years" and g["unit"] in ("an", "ans") and lang not in ("fr",):
            return None
        return today + relativedelta(**{unit: n})
    if kind == "half_year":
        return today + relativedelta(months=6)
    if kind == "quarter_n":
        order = {
            "first": 1,
            "1st": 1,
            "ersten": 1,
            "erstes": 1,
            "premier": 1,
            "primer": 1,
            "primeiro": 1,
            "eerste": 1,
            "second": 2,
            "2nd": 2,
            "zweiten": 2,
            "zweites": 2,
            "deuxieme": 2,
            "segundo": 2,
            "tweede": 2,
            "third": 3,
            "3rd": 3,
            "dritten": 3,
            "drittes": 3,
            "troisieme": 3,
            "tercer": 3,
            "terceiro": 3,
            "derde": 3,
        }
        q = int(g["q"]) if g.get("q") else order.get(g["ord"], 4)
        return (
            _first_of_next(3 * (q - 1) + 1, today)
            if 3 * (q - 1) + 1 != 1 or today.month > 1
            else date(today.year + 1, 1, 1)
        )
    if kind == "next_quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return first + relativedelta(months=3)
    if kind == "second_half":
        return _first_of_next(7, today)
    if kind == "end_of_quarter":
        q = next(
            (int(g[k]) for k in ("q", "q2", "q3", "q4") if g.get(k)), (today.month - 1) // 3 + 1
        )
        end = date(today.year, 3 * q, 1) + relativedelta(day=31)
        return end if end >= today else date(today.year + 1, 3 * q, 1) + relativedelta(day=31)
    if kind == "end_of_year":
        return date(today.year, 12, 31)
    if kind == "coming_weeks":
        text = m.group(0)
        return today + (
            relativedelta(months=3)
            if re.search(r"month|monat|mois|mes|maand", text)
            else timedelta(weeks=3)
        )
    if kind == "end_of_month":
        return today + relativedelta(day=31)
    if kind == "end_of_next_week":
        return today + timedelta(days=7 - today.weekday() + 4)
    if kind == "end_of_week":
        return today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    if kind == "next_week":
        return today + timedelta(days=7 - today.weekday())
    if kind == "next_month":
        return (today + relativedelta(months=1)).replace(day=1)
    if kind == "next_year":
        return date(today.year + 1, 1, 2)
    if kind == "week_of_month":
        day = {
            "second": 8,
            "zweite": 8,
            "deuxieme": 8,
            "segunda": 8,
            "tweede": 8,
            "last": 24,
            "letzte": 24,
            "derniere": 24,
            "ultima": 24,
            "laatste": 24,
        }.get(g["which"], 1)
        return (
            _first_of_next(MONTHS[g["month"]], today, day)
            if MONTHS[g["month"]] != today.month
            else date(today.year, today.month, day)
            if day > today.day
            else _first_of_next(MONTHS[g["month"]], today, day)
        )
    if kind == "part_month":
        part, month = g["part"], MONTHS[g["month"]]
        if part in (
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
        ):
            return (
                _first_of_next(month, today) + relativedelta(day=31)
                if month != today.month
                else today + relativedelta(day=31)
            )
        day = (
            15
            if part
            in ("mid", "middle of", "mitte", "mi", "mediados de", "meados de", "half", "midden")
            else 25
            if part == "late"
            else 1
        )
        return _first_of_next(month, today, day)
    if kind == "after_month":
        return _first_of_next(MONTHS[g["month"]] % 12 + 1, today)
    if kind == "month":
        return _first_of_next(MONTHS[g["month"]], today)
    if kind in ("rentree", "summer_holidays"):
        return _first_of_next(9, today)
    if kind == "after_season":
        if g["season"] in ("summer", "sommer", "verano", "verao", "zomer", "ete") and not any(
            (zone or "").startswith(z) for z in SOUTHERN
        ):
            return _first_of_next(9, today)
        month, day = _season(g["season"], today, zone)
        following = {3: (6, 21), 6: (9, 22), 9: (12, 21), 12: (3, 20)}[month]
        return _next(*following, today)
    if kind == "season":
        return _next(*_season(g["season"], today, zone), today)
    if kind == "easter":
        e = easter(today.year)
        if e + timedelta(days=2) <= today:
            e = easter(today.year + 1)
        return e + timedelta(days=2)
    if kind == "christmas":
        return _next(12, 27, today)
    if kind == "new_year":
        return _next(1, 7 if lang == "es" and "reyes" in m.group(0) else 2, today)
    if kind == "holidays":
        if today.month in (11, 12, 1, 9, 10):
            return _next(1, 7 if lang == "es" else 2, today)
        if today.month in (2, 3, 4):
            e = easter(today.year)
            return (
                e + timedelta(days=2) if e + timedelta(days=2) > today else _first_of_next(9, today)
            )
        return _first_of_next(9, today)
    return None


@cache
def _dateparser_settings(order: str) -> dict:
    return {
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": order,
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


# Numbers with dots are dates only with the second dot ("23.03.", "1.5 million" is not May).
EXPLICIT_HINT = re.compile(
    rf"(?<![\d.,])(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{2,4}})?)(?![\d,])|\d{{1,2}}(?:st|nd|rd|th|er|e|o|º|\.)?\s+(?:de\s+|of\s+)?(?:{_MONTH_RE})(?![\w])|(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?![\d])|\d{{4}}-\d{{2}}-\d{{2}}"
)


def _explicit(sentence: str, folded: str, today: date, zone: str | None, lang: str) -> list[Found]:
    """Calendar dates with a day and a month, read by dateparser in the message's language."""
    if not EXPLICIT_HINT.search(folded):
        return []
    from dateparser.search import search_dates

    settings = dict(
        _dateparser_settings(
            "MDY" if (zone or "").startswith("America/") and lang == "en" else "DMY"
        )
    )
    settings["RELATIVE_BASE"] = datetime.combine(today, time(12, 0))
    found = []
    try:
        results = (
            search_dates(sentence, languages=list(dict.fromkeys([lang, "en"])), settings=settings)
            or []
        )
    except Exception:  # dateparser raises on odd input; a date we cannot read is no date
        results = []
    for words, when in results:
        fw = fold(words)
        if not EXPLICIT_HINT.search(fw):
            continue  # "now", "today", a bare time: ours to read, not a calendar date
        d = when.date()
        year_given = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", fw) or re.search(
            r"\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)", fw
        )
        if d <= today and not year_given:
            d = _next(d.month, d.day, today)
        pos = folded.find(fw)
        found.append(Found(d, words.strip(), "explicit", pos if pos >= 0 else 0))
    # What dateparser left (it misses "no dia 23 de março", "1er avril" in some sentences): day and month by name.
    for m in OWN_EXPLICIT.finditer(folded):
        if any(f.start <= m.start() < f.start + len(fold(f.words)) for f in found):
            continue
        g = m.groupdict()
        if g["d3"]:
            g["y3"] = g["y3"] or g["y4"]
            a, b = int(g["d3"]), int(g["m3"] or g["m4"])
            day, month = (b, a) if (zone or "").startswith("America/") and lang == "en" else (a, b)
            year = g["y3"] and (int(g["y3"]) + 2000 if len(g["y3"]) == 2 else int(g["y3"]))
        else:
            day, month, year = (
                int(g["d"] or g["d2"]),
                MONTHS[g["m"] or g["m2"]],
                g["y"] and int(g["y"]),
            )
        if 1 <= day <= 31 and 1 <= month <= 12:
            try:
                d = date(year, month, day) if year else _next(month, day, today - timedelta(days=1))
            except ValueError:
                continue
            found.append(Found(d, sentence[m.start() : m.end()], "explicit", m.start()))
    return found


HOLIDAY_KINDS = {"easter", "christmas", "new_year", "holidays", "season", "summer_holidays"}
OWN_EXPLICIT = re.compile(
    rf"(?<![\w])(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|e|o|º|\.)?\s+(?:de\s+|of\s+)?(?P<m>{_MONTH_RE})\.?(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?<![\d.,])(?P<d3>\d{{1,2}})(?:/(?P<m3>\d{{1,2}})(?:/(?P<y3>(?:20)?\d{{2}}))?|\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:20)?\d{{2}})?)(?![\d,]))(?![\w/])"
)
SENTENCE = re.compile(r"(?<=[!?;\n])\s+|(?<=[^\d\s][.])\s+")


def find_dates(text: str, today: date, zone: str | None = None, lang: str = "en") -> list[Found]:
    """Every date the text names, each with its words, kind and the hour it names (if any)."""
    out: list[Found] = []
    offset = 0
    for sentence in SENTENCE.split(text):
        folded = fold(sentence)
        spans = []
        for f in _explicit(sentence, folded, today, zone, lang):
            spans.append((f.start, f.start + len(fold(f.words))))
            out.append(Found(f.day, f.words, f.kind, offset + f.start, _hour(folded[f.start :])))
        for kind, pattern in COMPILED:
            for m in pattern.finditer(folded):
                if any(a <= m.start() < b or a < m.end() <= b for a, b in spans):
                    continue
                if kind in HOLIDAY_KINDS and re.search(
                    r"(?:before|vor|avant|antes de|antes|voor|until|bis|jusqu'a|hasta|ate|tot) (?:the |dem |den |la |las |les |el |o |as |de )?$",
                    folded[max(0, m.start() - 12) : m.start()],
                ):
                    continue  # "before Christmas" is not when to come back
                if (
                    kind == "month"
                    and m.group("month") in AMBIGUOUS_MONTHS
                    and not re.match(
                        r"(?:in|until|till|by|from|after|around|before|im|ab|bis|en|em|tot|vanaf|hasta|ate|courant|debut|fin|mitte|anfang|ende|early|mid|late|begin|eind|half) ",
                        m.group(0),
                    )
                ):
                    continue
                try:
                    d = _resolve(kind, m, today, zone, lang)
                except (ValueError, KeyError):
                    d = None
                if d is None:
                    continue
                spans.append((m.start(), m.end()))
                out.append(
                    Found(
                        d,
                        original(sentence, fold_map(sentence)[1], m.start(), m.end()),
                        kind,
                        offset + m.start(),
                        _hour(folded[m.start() : m.start() + 60])
                        if SPECIFICITY[kind] <= 1
                        else None,
                    )
                )
        offset += len(folded) + 1
    # "after Easter ... the week after", "the week after Easter": the Monday after the date named.
    m = WEEK_AFTER.search(fold(text))
    if m:
        named = [f for f in out if not m.start() <= f.start < m.end()]
        if named:
            d = min(named, key=lambda f: (SPECIFICITY[f.kind], abs(f.start - m.start()))).day
            out.append(
                Found(d + timedelta(days=7 - d.weekday()), m.group(0), "week_after", m.start())
            )
    return [f for f in out if f.day >= today]


WEEK_AFTER = re.compile(
    r"(?<![\w])(?:the week after|die woche (?:danach|darauf)|la semaine (?:d'apres|suivante)|la semana (?:siguiente|despues)|"
    r"a semana seguinte|de week (?:erna|daarna))(?![\w])"
)


def _hour(text: str) -> time | None:
    m = TIME.search(text[:60])
    if m:
        h = m.group("h") or m.group("h2") or m.group("h3")
        mi = m.group("mi") or m.group("mi2") or m.group("mi3") or 0
        h, mi = int(h), int(mi)
        if m.group("ap") and m.group("ap").startswith("p") and h < 12:
            h += 12
        elif not m.group("ap") and 1 <= h <= 6:
            h += 12  # "at 4", "after 2": business hours, so the afternoon
        if 0 <= h < 24 and 0 <= mi < 60:
            return time(h, mi)
    for pattern, at in PARTS_OF_DAY:
        if pattern.search(text[:40]):
            return at
    return None


def best(found: list[Found]) -> Found | None:
    """The most specific date named, the earliest written among equals."""
    return min(found, key=lambda f: (SPECIFICITY[f.kind], f.start), default=None)


def return_date(text: str, found: list[Found]) -> Found | None:
    """An automatic reply's return day: the date after "back"/"return"/"wieder"/"retour"...,
    else the last date it names (people write when they leave, then when they are back)."""
    if not found:
        return None
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


def to_datetime(f: Found, zone: str | None, default: time = DEFAULT_TIME) -> datetime:
    return datetime.combine(f.day, f.at or default, tzinfo=zone_of(zone))
