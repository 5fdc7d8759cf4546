"""The words dates are written with, in six languages: months, weekdays, numbers, units,
seasons, prepositions, and the hours of a day."""

from __future__ import annotations

import re
from datetime import time

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
            "tuesday tue tues dienstag mardi martes terca terca-feira dinsdag",
            "wednesday weds mittwoch mercredi miercoles quarta quarta-feira woensdag",
            "thursday thu thur thurs donnerstag jeudi jueves quinta quinta-feira donderdag",
            "friday fri freitag vendredi viernes sexta sexta-feira vrijdag",
            "saturday samstag samedi sabado zaterdag",
            "sunday sonntag dimanche domingo zondag",
        ]
    )
    for name in names.split()
}
NUMBERS = {
    **dict.fromkeys(
        "a an one ein eine einen einem einer nem nen un une uno una um uma een".split(), 1
    ),
    **dict.fromkeys("two zwei deux dos dois duas twee couple".split(), 2),
    # "ein paar Wochen" is said as "a couple of weeks" (as a blind batch was labelled);
    # Dutch "een paar weken" as "a few" (as the corpus is)
    **dict.fromkeys(["a couple", "a couple of", "couple of", "un par", "um par", "ein paar"], 2),
    **dict.fromkeys(
        [
            "a few",
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
        "week weeks wk wks woche wochen semaine semaines semana semanas weken".split(), "weeks"
    ),
    **dict.fromkeys(
        "month months mth mths monat monate monaten mois mes meses maand maanden mnd".split(),
        "months",
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
# ("once spring comes" is spring itself, not what follows it; "a la vuelta del verano" is after it.)
AFTER = r"(?:after|nach|apres|despues|depois|na|post|past|a la vuelta|de vuelta|na volta)"
RETURN_CUES = re.compile(
    r"(?<![\w])(?:back|return\w*|returning|wieder|ab dem|ab|zuruck|retour|reviens|regres\w*|vuelvo|volto|volta\w*|retorno|retorn\w*|"
    r"terug|vanaf|weer|available again|volvere|volveremos|de vuelta|reincorpor\w*|regreso)(?![\w])"
)
INCLUSIVE = re.compile(
    r"(?<![\w])(?:inclusive|inclusief|einschliesslich|inklusive|inkl|incl|inclus|incluse|incluido|incluida|t/m|tot en met)(?![\w])"
)

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUM_RE = r"\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT_RE = "|".join(sorted(UNITS, key=len, reverse=True))
_SEASON_RE = "|".join(sorted(SEASONS, key=len, reverse=True))
MONTH_PREP = (
    r"in|im|until|till|til|by|from|after|around|before|early|mid|late|end of|beginning of|start of|the end of|once|come|"
    r"ab|bis|nach|vor|anfang|mitte|ende|en|a partir de|des|apres|debut|fin|courant|avant|hasta|antes de|despues de|principios de|"
    r"mediados de|finales de|a finales de|a principios de|em|ate|depois de|inicio de|comeco de|meados de|final de|fim de|"
    r"no inicio de|no comeco de|no final de|no fim de|vanaf|tot|voor|na|begin|half|midden|eind|eind van|einde|medio|mi-"
)
# An hour by the clock. A bare "21.12." or "18.12.2026" is a day and a month (a full stop
# after the second pair of digits), never 21:12 ("at 10.30." after "at", "um" is an hour).
TIME = re.compile(
    r"(?<![\w.:/])(?:(?P<h>\d{1,2})(?:[:.h](?P<mi>\d{2}))? ?(?P<ap>am|pm|a\.m\.|p\.m\.)|(?:at|um|a las|as|a|om|vers|gegen|around|rond|por volta das|hacia las|after|nach|apres|depois das|despues de las|na)"
    rf" (?P<h2>\d{{1,2}})(?:[:.h](?P<mi2>\d{{2}}))?(?: ?(?:uhr|h|uur|heures|horas))?(?![\w/-]|\.\d)(?!\.? ?(?:de |of )?(?:{_MONTH_RE})(?![\w]))"
    r"|(?P<h3>\d{1,2})(?:(?:[:h]|\.(?!\d\d\.))(?P<mi3>\d{2})| ?h(?![\w])| ?uhr| ?uur))"
)
PARTS_OF_DAY = [
    (
        re.compile(r"morning|vormittag|morgens|matin|(?:la|de) manana|manha|ochtend|'s ochtends"),
        time(9, 0),
    ),
    (re.compile(r"lunch|mittag(?!s)|midi(?!-)"), time(12, 0)),
    (
        re.compile(
            r"afternoon|(?<![\w])(?:arvo|avo|nachm|aprem)(?![\w])|nachmittag|apres-midi|(?:la|de|a) tarde|middag"
        ),
        time(14, 0),
    ),
    (re.compile(r"evening|tonight|tonite|abend|soir|noche|noite|avond"), time(18, 0)),
]
DEFAULT_TIME = time(9, 0)
