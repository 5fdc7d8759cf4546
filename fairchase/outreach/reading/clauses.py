"""Reading a message clause by clause, with the grammar of each language rather than its
set phrases: a clause that names contact with us and its end ("no more texts", "cease all
further correspondence", "niet langer gemaild worden") asks us to stop; a negation that
takes back a need, a wish or a fit in its own clause ("brauchen wir nicht", "it isn't
worth it", "nix für uns") refuses, as does a decision against us or for another party in
one sentence ("den Zuschlag einem regionalen Anbieter erteilt"); a noun of the offer
("price", "Angebot") asks for it only in a clause that asks; and praise before a turn
("I'd love to, but ...") says nothing when what follows the turn is a "no".

The word lists are per language in grammar/ (en.py, ...: CONTACT, CEASE,
REMOVE, LISTS, NEGATED, AGAINST, DECISION, OTHER_PARTY, TOPIC, REQUEST, APPROVE, ACCEPT,
OFFER).
"""

from __future__ import annotations

import re

from .grammar import de, en, es, fr, nl, pt
from .when.words import TIME

GRAMMAR = (en, de, fr, es, pt, nl)


def words(name: str) -> re.Pattern:
    """One pattern for a word list every language has, longest first."""
    listed = {p for module in GRAMMAR for p in getattr(module, name)}
    return re.compile(
        r"(?<![\w])(?:" + "|".join(sorted(listed, key=len, reverse=True)) + r")(?![\w])"
    )


SENTENCE_BREAK = re.compile(r"[.;!?\n]+")
CLAUSE_BREAK = re.compile(
    r"[.;:!?\n,]+|(?<![\w])(?:but|however|aber|jedoch|doch|mais|pero|(?<!no )(?<!ni )mas|porem|maar)(?![\w])"
)
CONTACT, CEASE, REMOVE, LISTS = (words(n) for n in ("CONTACT", "CEASE", "REMOVE", "LISTS"))
NEGATED, AGAINST, DECISION, OTHER_PARTY = (
    words(n) for n in ("NEGATED", "AGAINST", "DECISION", "OTHER_PARTY")
)
TOPIC, REQUEST, APPROVE = (words(n) for n in ("TOPIC", "REQUEST", "APPROVE"))
ACCEPT, OFFER = words("ACCEPT"), words("OFFER")
UNTIL = re.compile(
    r"(?<![\w])(?:before|until|till|bis|vor|avant|jusqu'\w+|antes|hasta|ate|tot)(?![\w])"
)
# Negations that refuse nothing: "no problem", "why not", "not uninterested", "don't hesitate".
BENIGN = re.compile(
    r"(?<![\w])(?:no (?:problem|worries|rush|hurry|pressure|doubt)|not only|why not|don't hesitate|can't wait|"
    r"(?:not|nicht|pas|niet|no|nao) (?:un|on|in|des)interes\w*|(?:not|nicht|niet) (?:un|on)geinteresseerd|"
    r"kein (?:problem|stress|thema)|keine (?:eile|sorge)|nicht nur|warum nicht|zogern sie nicht|"
    r"pas de (?:souci|soucis|probleme|urgence)|pourquoi pas|n'hesitez pas|pas seulement|"
    r"no hay (?:problema|prisa)|sin (?:problema|prisa)|no pasa nada|por que no|no solo|no dude\w*|"
    r"sem (?:problema|pressa)|por que nao|nao hesite|nao so|geen (?:probleem|haast|punt|zorgen)|waarom niet|niet alleen|"
    r"aarzel niet|nichts dagegen|nothing against|rien contre|nada en contra|nada contra|niets op tegen|"
    r"no objections?|keine einwande|pas d'objection|ninguna objecion|nenhuma objecao|geen bezwaar|"
    r"ne (?:\w+ )?pas presse\w*|nothing fancy|not in a hurry|not wait any longer|pas presse\w*|sin prisa|sem pressa|geen haast|keine eile|"
    r"don't forget|nicht vergessen|n'oubliez pas|no olvide\w*|nao esquec\w*|vergeet niet|"
    # "still interested, if not too late", "si ce n'est pas trop tard": a condition, no "no"
    r"(?:if|falls|wenn|sofern|si|als|indien|se)(?: [\w']+){0,4}? "
    r"(?:too late|zu spat|trop tard|demasiado tarde|tarde demais|muito tarde|te laat))(?![\w])"
)


def spans(pattern: re.Pattern, folded: str) -> list[tuple[int, int]]:
    """The stretches of `folded` between the breaks `pattern` finds."""
    out, start = [], 0
    for m in pattern.finditer(folded):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(folded):
        out.append((start, len(folded)))
    return out


def _cue(folded: str, a: re.Match, b: re.Match) -> tuple:
    start, end = min(a.start(), b.start()), max(a.end(), b.end())
    return ("~", folded[start:end], start, end)


def stop_request(folded: str) -> tuple | None:
    """A clause naming contact with us and its end, or our list and taking them off it."""
    for a, b in spans(CLAUSE_BREAK, folded):
        contact, cease = CONTACT.search(folded, a, b), CEASE.search(folded, a, b)
        if contact and cease:
            return _cue(folded, contact, cease)
        remove = REMOVE.search(folded, a, b)
        listed = remove and next(
            (
                x
                for x in LISTS.finditer(folded, a, b)
                if not remove.start() <= x.start() < remove.end()
            ),
            None,
        )
        if remove and listed:
            return _cue(folded, remove, listed)
    return None


def negations(folded: str, negation: re.Pattern) -> list[re.Match]:
    """The negations of the text that take something back ("no problem" takes back nothing)."""
    benign = [(m.start(), m.end()) for m in BENIGN.finditer(folded)]
    return [n for n in negation.finditer(folded) if not any(a <= n.start() < b for a, b in benign)]


def unplaced(folded: str, negation: re.Pattern) -> list[re.Match]:
    """The negations that take something back, less those in a clause that sets a time
    ("please don't come before 8", "bitte nicht vor 8 Uhr"): a condition of the visit,
    not a "no" to it."""
    timed = [(a, b) for a, b in spans(CLAUSE_BREAK, folded) if TIME.search(folded, a, b)]
    return [n for n in negations(folded, negation) if not any(a <= n.start() < b for a, b in timed)]


def refusal(folded: str, negation: re.Pattern) -> tuple | None:
    """A decision against us, a decision for another party in one sentence, or a negation
    of a need, a wish or a fit in one clause."""
    against = AGAINST.search(folded)
    if against:
        return ("~", against.group(0), against.start(), against.end())
    for a, b in spans(SENTENCE_BREAK, folded):
        decision, other = DECISION.search(folded, a, b), OTHER_PARTY.search(folded, a, b)
        if decision and other:
            return _cue(folded, decision, other)
    negs = negations(folded, negation)
    for a, b in spans(CLAUSE_BREAK, folded):
        if UNTIL.search(folded, a, b):
            continue  # "can't commit before the board meets": not yet, not no
        neg = next((n for n in negs if a <= n.start() < b), None)
        taken_back = neg and NEGATED.search(folded, a, b)
        if neg and taken_back:
            return _cue(folded, neg, taken_back)
    return None


def asked_topics(folded: str) -> list[tuple]:
    """The offer's nouns ("price", "Angebot", "orçamento") in sentences that ask for
    something (a question, a request) or approve it ("the quote looks fine"). "The price
    you quoted was more than we can justify" asks for nothing."""
    out = []
    for a, b in spans(SENTENCE_BREAK, folded):
        end = b + 1 if b < len(folded) else b
        if not (
            "?" in folded[b:end] or REQUEST.search(folded, a, b) or APPROVE.search(folded, a, b)
        ):
            continue
        out += [("~", t.group(0), t.start(), t.end()) for t in TOPIC.finditer(folded, a, b)]
    return out


def accepted(folded: str) -> tuple | None:
    """Taking one of our options in one sentence, with no other party named ("we'll go
    with the fortnightly option", "Wir nehmen das 14-tägige Paket", "Vamos ficar com o
    plano quinzenal")."""
    for a, b in spans(SENTENCE_BREAK, folded):
        take = ACCEPT.search(folded, a, b)
        offer = take and OFFER.search(folded, take.end(), min(b, take.end() + 40))
        if take and offer and not OTHER_PARTY.search(folded, a, b):
            return _cue(folded, take, offer)
    return None


def undone_by_turn(folded: str, at: int, negation: re.Pattern, turns: list[int]) -> bool:
    """Praise or a yes before a turn whose clause is a "no" ("I'd love to, but we already
    signed with ..."; "Klingt gut, aber wir brauchen das nicht")."""
    turn = next((t for t in turns if t > at), None)
    if turn is None:
        return False
    end = SENTENCE_BREAK.search(folded, turn)
    clause = folded[turn : end.start() if end else len(folded)]
    return bool(negations(clause, negation)) or bool(
        DECISION.search(clause) and OTHER_PARTY.search(clause)
    )
