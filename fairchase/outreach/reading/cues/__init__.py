"""The words that carry intent, per language, and how they decide a reading.

No library reads sales-reply intent in six languages (the multilingual classifiers
want model weights we cannot ship, and would not explain themselves), so these cue
lists are ours. They are written as the grammar of each intent (a request to stop
contact, a refusal, a deferral, a request for a call, a request for the offer, doubt),
not as sentences from our corpus, and matched on text folded to lower case without
accents. Every language's cues are tried on every message: a Spanish reply with an
English word, or a language guessed wrong on three words, is still read.

Each language's cue lists live in their own module (en.py, de.py, fr.py, es.py, pt.py,
nl.py), one list per intent under the same names as the tables here; this module holds
what is shared: folding, the tables built from those lists, and how a cue is matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import de, en, es, fr, nl, pt

_COMBINING = re.compile(r"[\u0300-\u036f]")
_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, accents off, one kind of apostrophe, one space between words."""
    return " ".join(
        _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower())).translate(_MARKS).split()
    )


@lru_cache(maxsize=64)  # the sentences of the message being read
def fold_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, where it came from in `text` (so the
    words that decided can be quoted as the person wrote them)."""
    out: list[str] = []
    where: list[int] = []
    space = True
    chars = _CHARS
    for i, ch in enumerate(text):
        folded = chars.get(ch)
        if folded is None:
            folded = chars[ch] = (
                " "
                if ch.isspace()
                else "".join(
                    c
                    for c in unicodedata.normalize("NFKD", ch.lower())
                    if not unicodedata.combining(c)
                ).translate(_MARKS)
            )
        if folded == " ":
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        if len(folded) == 1:
            out.append(folded)
            where.append(i)
        else:
            out.extend(folded)
            where.extend([i] * len(folded))
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


_CHARS: dict[str, str] = {}


def original(text: str, where: list[int], start: int, end: int) -> str:
    """The words of `text` behind folded[start:end]."""
    if not where or start >= len(where):
        return ""
    return text[where[start] : where[min(end, len(where)) - 1] + 1]


# The languages, in the order their cues are tried (ties go to the earlier one).
LANGUAGES = {"en": en, "de": de, "fr": fr, "es": es, "pt": pt, "nl": nl}


def _table(name: str) -> dict[str, list[str]]:
    """One intent's cue lists, from every language's module."""
    return {lang: getattr(module, name) for lang, module in LANGUAGES.items()}


def _table_or_none(name: str) -> dict[str, list[str]]:
    """One intent's cue lists, from the languages' modules that have it."""
    return {lang: getattr(module, name, []) for lang, module in LANGUAGES.items()}


def elision_optional(rx: str) -> str:
    """An elision's apostrophe may be typed as a space or not at all on a phone ("fin de
    l annee", "jusqu au", "la semaine d apres"): outside lookbehinds, which need a fixed
    width."""
    out, depth, behind = [], 0, []  # behind: the depths at which a lookbehind opened
    for i, ch in enumerate(rx):
        escaped = i > 0 and rx[i - 1] == "\\"
        if ch == "(" and not escaped:
            depth += 1
            if rx.startswith("(?<", i) and rx[i + 3 : i + 4] in "=!":
                behind.append(depth)
        elif ch == ")" and not escaped:
            if behind and behind[-1] == depth:
                behind.pop()
            depth -= 1
        elif ch == "'" and not behind and rx[i - 1 : i].isalpha() and rx[i + 1 : i + 2].isalpha():
            out.append("(?:'| )?")
            continue
        out.append(ch)
    return "".join(out)


def _c(patterns: dict[str, list[str]]) -> dict[str, re.Pattern]:
    # Longer cues first, so the words quoted as evidence are the fullest ("bel me", not "bel").
    # French elisions may be typed without their apostrophe ("j en ai pas besoin", "d accord").
    return {
        lang: re.compile(
            r"(?<![\w])(?:"
            + "|".join(
                elision_optional(p) if lang == "fr" else p
                for p in sorted(ps, key=len, reverse=True)
            )
            + r")(?![\w])"
        )
        for lang, ps in patterns.items()
    }


# Asked us to stop contacting them (opt out: suppression, never contacted again).
OPT_OUT = _c(_table("OPT_OUT"))
# A stop verb a negation governs in its clause, or "stop calling so rarely": no stop.
KEEP_ON = _c(_table("KEEP_ON"))
# A footer's or newsletter's instructions on how to stop hearing from the writer.
FOOTER = _c(_table("FOOTER"))
# A first-person request to stop ("I want to unsubscribe", "remove me"): the person's own,
# never a footer (only the languages that list them).
OWN_STOP = _c({lang: ps for lang, ps in _table_or_none("OWN_STOP").items() if ps})
# What a request to stop names: email alone, or another way (or contact as a whole).
BY_EMAIL = _c(_table("BY_EMAIL"))
BY_OTHER = _c(_table("BY_OTHER"))
# Refused (not interested: the lead is closed). Negated interest is handled here too.
REFUSAL = _c(_table("REFUSAL"))
# Not now: come back later (a revisit, when a date goes with it).
LATER = _c(_table("LATER"))
# Asked for a call (a call-back when a day or time goes with it).
CALL = _c(_table("CALL"))
# Wants the offer: yes, send the quote, what does it cost, when can you start.
INTEREST = _c(_table("INTEREST"))
# A plain no where a sentence starts ("Nein, ...", "No.", "Non merci"), not "no problem".
NO = re.compile(
    r"(?:^|(?<=[.!?] ))(?:(?:bof|euh|hmm+|ah|oh|well|ach|naja|na|bueno|pues|hum|nou|tja|pff+),? )?"
    r"(?:no|nope|nah|nein|non|nee|nao)(?=[,.!]|$| (?:thanks|thank you|danke|merci|gracias|obrigad[oa]|bedankt|dank je|ca ira)\b)"
)
# A plain yes, only where a sentence starts: "ja" is also Portuguese for "already",
# "si" Spanish and French for "if".
AFFIRM = re.compile(
    r"(?:^|(?<=[.!?,;:] ))(?:(?:yes|yeah|yep|sure|jawohl|oui|sim|claro|jazeker)(?=[ ,.!]|$)|"
    r"(?:ja|si)(?=[,.!]|$| (?:gerne|gern|bitte|klar|sicher|genau|graag|hoor|prima|natuurlijk|zeker|me interesa|claro|por favor|perfecto|seguro)))"
)
# Doubt: a person should read it.
UNSURE = _c(_table("UNSURE"))
# Automatic replies recognised by their words when no header says so.
AUTO = _c(_table("AUTO"))
AUTO_SUBJECT = re.compile(
    r"(?<![\w])(?:automatic reply|away from (?:my )?(?:e-?mail|mail|the office|office)|auto[- ]?reply|autoreply|auto[- ]?response|out of (?:the )?office|ooo|vacation|holiday notice|"
    r"abwesenheitsnotiz|abwesend|automatische antwort|abwesenheit|reponse automatique|absence|absent|respuesta automatica|"
    r"fuera de la oficina|ausente|resposta automatica|ferias|automatisch antwoord|afwezig|afwezigheid)(?![\w])"
)
# Words that turn a refusal into "not now" ("not interested right now, maybe in the spring").
SOFTENERS = re.compile(
    r"(?<![\w])(?:right now|just now|at the moment|at this (?:time|stage|point)|for now|yet|currently|"
    r"im moment|derzeit|aktuell|momentan|zurzeit|gerade|noch nicht|vielleicht|"
    r"pour le moment|pour l'instant|actuellement|peut-etre|de momento|ahora|por ahora|quizas?|tal vez|"
    r"no momento|por enquanto|agora|talvez|nu|op dit moment|momenteel|voorlopig|misschien|maybe|perhaps)(?![\w])"
)
# "Again": with a date, it turns a refusal into "come back then" ("kein Budget, fragen Sie im Juli nochmal").
AGAIN = re.compile(
    r"(?<![\w])(?:again|nochmal|noch einmal|erneut|wieder|de nouveau|a nouveau|otra vez|de nuevo|novamente|de novo|"
    r"outra vez|opnieuw|nog eens|nog een keer|recontact\w*|vuelv\w* a|volver a|volte a|voltar a|"
    r"weer (?:contact|bellen|mailen))(?![\w])"
)
# A reply that also asks something after turning something down ("..., but do you ...?").
CONTRAST = re.compile(
    r"(?<![\w])(?:but|however|although|though|aber|jedoch|allerdings|mais|cependant|toutefois|pero|sin embargo|"
    r"no obstante|mas|porem|contudo|entretanto|maar|echter|alleen)(?![\w])"
)
# A negation in each language, for a date with nothing else to go on ("no" is Portuguese
# for "in the", so it counts only in English and Spanish; "no rush" negates nothing).
NEGATION = {
    "en": re.compile(
        r"(?<![\w])(?:not|never|no longer|nope|no(?! rush| hurry| worries| problem| pressure)|"
        r"(?:do|does|did|is|are|was|were|wo|ca|would|could|should|have|has)nt)(?![\w])|n't"
    ),
    # Spoken forms too: "nich", "nix", "ned", "niks", "nem".
    "de": re.compile(r"(?<![\w])(?:nicht|nichts|nich|nix|ned|kein\w*|nie|niemals)(?![\w])"),
    "fr": re.compile(r"(?<![\w])(?:pas|jamais|ne|n')(?![\w])|(?<![\w])n'"),  # "plus": "au plus tôt"
    "es": re.compile(r"(?<![\w])(?:no|nunca|tampoco|jamas|ni)(?![\w])"),
    "pt": re.compile(r"(?<![\w])(?:nao|nunca|jamais|nem)(?![\w])"),
    "nl": re.compile(r"(?<![\w])(?:niet|geen|nooit|niks|niets)(?![\w])"),
}
NEGATORS = re.compile(
    r"(?<![\w])(?:not|no|never|n't|no longer|nicht|kein\w*|pas|plus|jamais|ne|n'|nunca|nao|sem|niet|geen|nooit|nor)(?![\w])|n't"
)
THANKS_FOR = re.compile(
    r"(?:thanks?|thank you|danke|dank) (?:for|fur|voor)(?: (?:your|the|ihr|ihre|ihren|das|die|den|je|uw|het|de))?(?: \w+)? $|"
    r"(?:merci|gracias|obrigad[oa]|agradeco|agradezco|bedankt) (?:pour|por|pel[oa]|voor)(?: (?:votre|vos|le|la|les|su|sus|el|la|o|a|os|as|seu|sua|je|uw|het|de))?(?: \w+)? $|"
    r"merci pour l'$"
)
CARRIER_KEYWORDS = {
    "stop",
    "stopall",
    "quit",
    "end",
    "revoke",
    "opt out",
    "optout",
    "opt-out",
    "cancel",
    "unsubscribe",
    "stop all",
}


def carrier_keyword(text: str) -> bool:
    """STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE: any case, any punctuation around."""
    words = re.sub(r"[^\w\s-]", " ", fold(text)).split()
    return " ".join(words) in CARRIER_KEYWORDS


def every(patterns: dict[str, re.Pattern], text: str, negatable: bool = False) -> list[tuple]:
    """Every match of any language's cue, (language, words, start, end), in text order."""
    out = []
    for lang, pattern in patterns.items():
        for m in pattern.finditer(text):
            if not (negatable and negated(text, m)):
                out.append((lang, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda c: c[2])


# Handing the message on to someone else ("I'll pass it on", "Ich gebe es weiter", "Je
# transmets", "Lo paso", "Vou reencaminhar", "Ik geef het door"): who decides has not
# spoken yet, so the classifier does not guess (the rules still read what else it says,
# such as a colleague who will call to book the visit).
HANDOFF = re.compile(
    r"(?<![\w])(?:"
    # ("vou passar", "paso" alone are also "I'll pass": a refusal)
    r"(?:pass|passed|passing|forward|forwarded|forwarding|hand|handed|handing) (?:it|this|that|them|your \w+|her|him|them your \w+|her your \w+|him your \w+)(?: on| over| along)?|"
    r"(?:gebe|geben|gab|leite|leiten|reiche|reichen)(?: \w+){0,4} weiter|weitergeleitet|weitergegeben|"
    r"(?:je |j'ai |on )?(?:transmets|transmis|transfere|fais suivre|fait suivre|transmettre)|"
    r"(?:lo|la|se lo|se la|le|les) (?:paso|pasare|he pasado|reenvio|reenviare|he reenviado)|"
    r"(?:passar|passei|passo)(?:-lhe| lhe)? (?:isso|isto|a proposta|o orcamento|a mensagem|o email|ao|para o|para a|pro|pra)|reencaminh\w*|encaminh\w*|"
    r"(?:geef|gaf|stuur|stuurde) (?:het|dit|dat|ze|hem)(?: \w+){0,3} door|doorgestuurd|doorgegeven"
    r")(?![\w])"
)

# Praise and politeness: they soften a refusal ("sounds great, but ..."), they ask for nothing.
POLITE = re.compile(
    r"(?:great|perfect|sounds (?:good|great|perfect|fine|interesting|promising)|looking forward|super|top|prima|parfait|"
    r"tres bien|perfecto|genial|otimo|perfeito|klingt (?:gut|super|prima|interessant|spannend|vernunftig)|"
    r"(?:ca|cela) (?:me|nous) (?:parait|semble|va|convient).*|me parece.*|klinkt (?:goed|interessant|prima)|"
    r"yes|yeah|yep|sure|ja|jawohl|oui|si|sim|claro|jazeker|gerne?|graag|volontiers|avec plaisir|sehr gerne)$"
)


def first(patterns: dict[str, re.Pattern], text: str, negatable: bool = False):
    """The earliest match of any language's cue: (language, words, position) or None."""
    best = None
    for lang, pattern in patterns.items():
        for m in pattern.finditer(text):
            if negatable and negated(text, m):
                continue
            if best is None or m.start() < best[2]:
                best = (lang, m.group(0), m.start(), m.end())
            break
    return best


def negated(text: str, m: re.Match) -> bool:
    """A cue inside a negation in the same clause ("not interested", "ça ne nous intéresse pas")."""
    if THANKS_FOR.search(text[max(0, m.start() - 30) : m.start()]):
        return True  # "thanks for your quote" is no request for one
    before = re.split(r"[.;!?,:]", text[max(0, m.start() - 30) : m.start()])[-1]
    after = re.split(r"[.;!?,:]", text[m.end() : m.end() + 20])[0]
    return bool(
        NEGATORS.search(before) or re.search(r"(?<![\w])(?:pas|plus|nicht|niet|not)(?![\w])", after)
    )


def language_vote(text: str) -> str | None:
    """The language whose cues match most in `text` (a hint for texts too short to detect)."""
    votes: dict[str, int] = {}
    for table in (OPT_OUT, REFUSAL, LATER, CALL, INTEREST, UNSURE, AUTO):
        for lang, pattern in table.items():
            n = len(pattern.findall(text))
            if n:
                votes[lang] = votes.get(lang, 0) + n
    if not votes:
        return None
    top = max(votes.values())
    return ",".join(
        lang for lang in votes if votes[lang] == top
    )  # ties are left for langid to settle
