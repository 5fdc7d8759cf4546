"""The expressions of a date, one pattern per kind, and how specific each kind is."""

from __future__ import annotations

import re

from ..cues import elision_optional
from .words import (
    _MONTH_RE,
    _NUM_RE,
    _SEASON_RE,
    _UNIT_RE,
    _WEEKDAY_RE,
    AFTER,
    MONTH_PREP,
)

_WEEK_AFTER_NEXT_RE = (
    r"(?:the )?week after next|ubernachste(?:n)? woche|la semaine d'apres la prochaine|"
    r"pasada la semana que viene|la semana despues de la (?:que viene|proxima)|a semana depois da (?:que vem|proxima)|"
    r"de week na volgende week"
)

PATTERNS = [
    # Easter Monday is a day (before the weekday in it is read alone).
    (
        "easter_monday",
        r"easter monday|ostermontag|lundi de paques|lunes de pascua|segunda-feira de pascoa|paasmaandag|tweede paasdag",
    ),
    # "the first Monday in January", "den ersten Montag im Januar", "le premier lundi de janvier"
    (
        "weekday_of_month",
        rf"(?P<which>first|second|third|last|ersten?|zweiten?|dritten?|letzten?|premier|deuxieme|troisieme|dernier|"
        rf"primer|segundo|tercer|ultimo|primeira|segunda|terceira|ultima|eerste|tweede|derde|laatste) "
        rf"(?P<weekday>{_WEEKDAY_RE}) (?:in|of|im|de|d'|van|en|do|da) ?(?P<month>{_MONTH_RE})(?![\w])",
    ),
    # A weekday of the week after next, either way round: "übernächste Woche am Montag",
    # "Tuesday of the week after next", "le mardi de la semaine d'après la prochaine".
    (
        "weekday_week_after_next",
        rf"(?:{_WEEK_AFTER_NEXT_RE})[, ]+(?:on |am |le |el |na |no |op |o )?(?P<weekday>{_WEEKDAY_RE})|"
        rf"(?P<weekday2>{_WEEKDAY_RE})(?:\w*)? (?:of |in |de |da |van |in der |der )?(?:{_WEEK_AFTER_NEXT_RE})",
    ),
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
        r"(?:(?:on|by|until|till|from|the|on the|by the|until the|from the|around|around the|about the) (?P<d>\d{1,2})(?:st|nd|rd|th)"
        r"|(?:am|bis|bis zum|ab dem|vom|zum|nach dem|seit dem|um den|gegen den) (?P<d2>\d{1,2})\."
        rf"|(?:{_WEEKDAY_RE}),? (?P<d4>\d{{1,2}})(?:st|nd|rd|th|er|e)?"
        r"|(?:le|vers le|autour du|sobre el|hacia el|alrededor del|por volta do dia|rond de|omstreeks de|apres le|jusqu'au|a partir du|des le|el|el dia|hasta el|desde el|a partir del|del dia|despues del|dia|no dia|ate|ate dia|ate o dia|a partir do dia|op de|tot de|vanaf de|na de) (?P<d3>\d{1,2})(?:er|e|ste|de|º|o)?)"
        r"(?! ?(?:-|–|bis|to|au|al|a|ate|tot|t/m|tot en met) (?:(?:zum|le|el|o|de|dia) )?\d)"
        r"(?![\d:/]|,\d|[-–]\d|\.\d| ?(?:am|pm|h|uhr|uur|euro|eur)(?![\w])| ?%| \d{2})(?! (?:of |de |d')?(?:"
        + _MONTH_RE
        + r"|week|weeks|days|months|mal|fois|veces|vezes|keer|people|personen|personnes|personas|pessoas|mensen|minutes|minuten|horas|heures|uur"
        r"|floor|etage|stock|stockwerk|planta|piso|andar|verdieping))",
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
        r"tomorrow|tmrw|tmr|tomoz|2moro|(?<!guten )(?<!am )(?<!heute )morgen(?!s)\w*|demain|(?<!la )(?<!de )(?<!esta )manana|amanha",
    ),
    (
        "today",
        r"today|tonight|tonite|this (?:afternoon|morning|evening|arvo|avo)(?![\w])|heute|aujourd'hui|cet apres-midi|cet aprem|ce soir|hoy|esta (?:tarde|noche|manana|manha|noite)|hoje|hj(?![\w])|vandaag|vanmiddag|vanavond|vanochtend|vanmorgen",
    ),
    # "call me back in an hour", "in zwei Stunden", "dans 30 minutes": now plus that.
    (
        "in_hours",
        r"(?:in|in about|within|dans|en|em|dentro de|daqui a|over|binnen) "
        r"(?:(?P<half>half an|une demi-|einer halben|media|meia|een half) ?(?:hour|stunde|heure|hora|uur)"
        r"|(?P<n>an?|one|einer|une|una|uma|um|een|\d{1,3}|two|zwei|deux|dos|duas|twee|three|drei|trois|tres|drie|ein paar|a few|quelques) "
        r"(?P<unit>hours?|stunden?|heures?|horas?|uur|minutes?|mins?|minuten?|minutos?))(?![\w])",
    ),
    (
        "weekday",
        rf"(?<![\w-])(?P<weekday>{_WEEKDAY_RE})(?:ochtend|middag|avond|morgen|nachmittag|vormittag|abend)?(?![\w])"
        # ("la segunda planta", "a quinta vez": an ordinal, not Monday or Thursday)
        r"(?! (?:planta|piso|vez|veces|mano|parte|fase|etapa|opcion|opiniao|andar|linea|linha|casa))",
    ),
    # A range, "zwei, drei Wochen", "deux ou trois semaines", "in 3-4 weeks": the larger amount.
    (
        "range",
        rf"(?<!last )(?<!past )(?<!letzten )(?<!dernieres )(?<!ultimas )(?<!afgelopen )"
        rf"(?P<n>{_NUM_RE})(?:, ?| or | oder | ou | o | of | to | bis | a | tot |-|–|/)(?P<n2>{_NUM_RE}) (?P<unit>{_UNIT_RE})"
        rf"(?! ago| geleden| atras| her)(?![\w])",
    ),
    # "anderthalb Wochen", "a week and a half", "une semaine et demie": 10 days (a month and a half 45).
    (
        "and_a_half",
        rf"(?:anderthalb|eineinhalb|anderhalve|anderhalf|one and a half|een en een halve?) (?P<unit>{_UNIT_RE})(?![\w])"
        rf"|(?:a|one|une|un|una|uma|um|een) (?P<unit2>{_UNIT_RE}) (?:and a half|et demie?|y media|e meia|en een half)",
    ),
    # A weekday as German and Dutch shorten it, only before a part of the day or an hour:
    # "fr nachmittag", "Do. ab 15 Uhr", "di ochtend".
    (
        "weekday_short",
        r"(?P<short>mo|ma|di|mi|wo|do|fr|vr|lun|mer|jeu|ven|sam|dim|mie|jue|vie|sab|dom|seg|ter|qua|qui|sex)\.? (?=(?:vormittags?|vorm|nachmittags?|nachm|abends?|mittags?|ochtend|middag|avond|matin|aprem|apres-midi|soir|por la (?:manana|tarde)|de (?:manha|tarde))(?![\w])"
        r"|(?:ab|um|gegen|vanaf|om|na|apres|vers|a partir de|des|despues de las|a las|desde las|depois das|as|a partir das) \d|\d{1,2}(?:[:.]\d\d)? ?(?:uhr|uur|h)(?![\w]))",
    ),
    (
        "unit_or_two",
        rf"(?P<unit>{_UNIT_RE}) (?:or|of|ou|o|oder) (?P<n>two|twee|deux|dos|dois|zwei|three|drie|trois|tres|drei)",
    ),
    (
        "relative",
        rf"(?<!every )(?<!alle )(?<!toutes les )(?<!tous les )(?<!cada )(?<!om de )(?<!elke )"
        rf"(?:in|within|for|after|in about|in around|dans|d'ici|pendant|apres|dentro de|en|durante|por|daqui a|em|por|uber|nach|fur|binnen|over|na|voor|"
        # "give me three weeks": wait that long
        rf"give (?:me|us|it)|gib mir|geben sie (?:mir|uns)|donnez-(?:moi|nous)|laissez-(?:moi|nous)|(?:deme|denos|dame)|de-?me|(?:me|nos) (?:da|de)|da-?(?:me|nos)|geef (?:me|ons))"
        rf"(?: (?:about|around|roughly|approximately|ungefahr|etwa|circa|rund|environ|a peu pres|unos|unas|uns|umas|cerca de|ongeveer|zo'n|een))?"
        rf" (?P<n>{_NUM_RE})(?: (?:more|of|de|d'|ou|o|oder))? (?P<unit>{_UNIT_RE})(?! ago| geleden| atras| her)(?![\w])",
    ),
    # Two weeks by one word: "in a fortnight", "in vierzehn Tagen", "dans quinze jours".
    (
        "fortnight",
        r"(?<!every )(?<!alle )(?<!tous les )(?<!cada )(?<!om de )"
        r"(?:(?:a|one) fortnight|(?:une |d'ici une |dans une )?quinzaine|(?:una |en una )?quincena|(?:uma )?quinzena|vierzehn tagen?|quinze jours|quince dias|quinze dias|veertien dagen)",
    ),
    (
        "half_year",
        r"half a year|six months|halbe[ns]? jahr|six mois|medio ano|meio ano|seis meses|half jaar|halfjaar",
    ),
    (
        "end_of_quarter",
        r"end of (?:q(?P<q>[1-4])|the quarter|this quarter)|ende (?:des )?(?:q(?P<q2>[1-4])|quartals)|fin (?:du )?(?:t(?P<q3>[1-4])|trimestre)|"
        r"final(?:es)? del trimestre|final do trimestre|fim do trimestre|eind (?:van )?(?:het )?(?:q(?P<q4>[1-4])|kwartaal)|"
        # "the end of the first quarter", "Ende des ersten Quartals", "fin du premier trimestre"
        r"(?:(?:the )?end of the|ende des|fin du|(?:a )?final(?:es)? del|(?:no )?(?:final|fim) do|eind van het) "
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|ersten|zweiten|dritten|vierten|premier|deuxieme|troisieme|quatrieme|primer|segundo|tercer|cuarto|primeiro|terceiro|quarto|eerste|tweede|derde|vierde) (?:quarter|quartals?|trimestre|kwartaal)",
    ),
    # The end or the middle of next month: its last day, its 15th.
    (
        "part_next_month",
        r"(?P<part>(?:the )?end of|ende|fin du|(?:a )?final(?:es)? del|(?:no )?(?:final|fim) do|eind(?: van)?|mid|the middle of|mitte|mi-|(?:a )?mediados del|(?:em )?meados do|half|midden) ?"
        r"(?:next month|nachsten monats|mois prochain|mes que viene|proximo mes|mes que vem|volgende maand)",
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
        # (not the year-end holidays: "les fêtes de fin d'année", "las fiestas de fin de año")
        r"(?<!fetes de )(?<!fiestas de )(?<!festas de )(?:end of (?:the|this) year|(?:year|year's)[ -]end|ende (?:des|dieses) jahres|jahresende|fin (?:d'annee|de l'annee|de cette annee)|"
        r"final(?:es)? (?:de|del) ano|fin de ano|fim do ano|final do ano|eind van (?:het|dit) jaar|einde van het jaar)",
    ),
    (
        "coming_weeks",
        r"(?:in )?the (?:coming|next few) (?P<unit>weeks|months)|(?:in )?(?:den )?(?:kommenden|nachsten) (?P<unit2>wochen|monaten)|"
        r"(?:dans )?les (?:prochaines semaines|prochains mois)|(?:dans )?les (?:semaines|mois) a venir|(?:en )?las proximas semanas|(?:en )?los proximos meses|"
        r"(?:nas )?proximas semanas|(?:nos )?proximos meses|(?:in )?de komende (?:weken|maanden)",
    ),
    (
        "end_of_month",
        r"end of (?:the|this) month|ende des monats|ende (?:dieses|des) monats|fin (?:du|de ce) mois|fin de mes|(?:a )?final(?:es)? de mes|final do mes|fim do mes|eind van de maand|einde van de maand",
    ),
    (
        "end_of_next_week",
        r"(?:end of|late|later) next week|ende nachster woche|ende der nachsten woche|fin de la semaine prochaine|fin de la semana que viene|final(?:es)? de la semana que viene|final(?:es)? de la proxima semana|final da semana que vem|(?:final|fim) da proxima semana|fim da semana que vem|eind volgende week|eind van volgende week",
    ),
    # The week after next: its Monday.
    (
        "week_after_next",
        _WEEK_AFTER_NEXT_RE,
    ),
    (
        "end_of_week",
        r"end of (?:the|this) week|ende der woche|fin de (?:la )?semaine|(?:fin|final|finales) de (?:la|esta) semana|a final de semana|(?:final|fim) da semana|eind van de week|eind deze week",
    ),
    (
        "next_week",
        r"next week|next wk|nxt week|nxt wk|la que viene(?= si)|the following week|nachste woche|nachsten woche|kommende woche|kommenden woche|semaine prochaine|semaine pro|la semana que viene|la proxima semana|semana proxima|semana entrante|semana que vem|proxima semana|volgende week|komende week",
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
        rf"(?:after|nach|apres|despues de|depois de|depois|na) (?:(?:the|den|les|las|as|das|de las|de) )?"
        rf"(?:(?:holidays?|ferien|vacances|vacaciones|ferias|vakantie|break) (?:in|im|of|de|d'|em|en|van|do|da) ?)?"
        rf"(?P<month>{_MONTH_RE})(?![\w])",
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
    ("pentecost", r"pentecost|whitsun\w*|pfingst\w*|pentecote|pentecostes|pinkster\w*"),
    ("christmas", r"christmas|xmas|weihnachten|noel|navidad|natal|kerst\w*"),
    (
        "new_year",
        r"new year|neujahr|jahreswechsel|nouvel an|ano nuevo|ano novo|nieuwjaar|jaarwisseling|reyes",
    ),
    (
        "holidays",
        r"the holidays|holiday season|year-end holidays|feiertage\w*|(?:les )?fetes de fin d'annee|les fetes|las fiestas|fiestas|as festas|festas|feestdagen",
    ),
]


COMPILED = [
    (kind, re.compile(r"(?<![\w])(?:" + elision_optional(rx) + r")")) for kind, rx in PATTERNS
]
# How sure each kind is: the most specific expression in a message wins.
SPECIFICITY = {
    "explicit": 0,
    "weekday_of_month": 0,
    "day_only": 0,
    "year": 4,
    "week_after": 2,
    "end_of_quarter": 3,
    "part_next_month": 2,
    "end_of_year": 4,
    "coming_weeks": 3,
    "next_week_day": 0,
    "weekday_week_after_next": 0,
    "weekday_next_week": 0,
    "after_tomorrow": 1,
    "tomorrow": 1,
    "today": 1,
    "weekday": 1,
    "relative": 2,
    "unit_or_two": 2,
    "weekday_short": 1,
    "in_hours": 1,
    "range": 2,
    "and_a_half": 2,
    "week_after_next": 3,
    "half_year": 2,
    "fortnight": 2,
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
    "easter_monday": 0,
    "pentecost": 4,
    "christmas": 4,
    "new_year": 4,
    "holidays": 4,
}
# Holidays and seasons: "before Christmas" names no day to come back on.
HOLIDAY_KINDS = {
    "easter",
    "pentecost",
    "christmas",
    "new_year",
    "holidays",
    "season",
    "summer_holidays",
}
