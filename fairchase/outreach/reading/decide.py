"""How the words of a message are read: the cues of every intent gathered once (in
`gather.py`), then steps from the surest to the least sure, each deciding or passing the
message on (an automatic reply, a stop word, an opt-out, a refusal, a call on a day, a date,
interest). A "no" is never read as a "yes": what is unsure stays unclear."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

from . import clauses, cues, language, learned, sentences, when
from .gather import _gather, _Message

AUTO_REPLY, BOUNCE, OPT_OUT, NOT_INTERESTED, LATER, CALL_BACK, INTERESTED, UNCLEAR = (
    "auto_reply",
    "bounce",
    "opt_out",
    "not_interested",
    "later",
    "call_back",
    "interested",
    "unclear",
)
KINDS = (AUTO_REPLY, BOUNCE, OPT_OUT, NOT_INTERESTED, LATER, CALL_BACK, INTERESTED, UNCLEAR)
REFUSALS = (OPT_OUT, NOT_INTERESTED)
YES = (INTERESTED, LATER, CALL_BACK)  # what keeps us chasing: never read past a "no"
# Kinds the app acts on without a person (the others only record the message).
ACTED_ON = {AUTO_REPLY, OPT_OUT, NOT_INTERESTED, LATER, CALL_BACK}
# A call asked for on a day (a date, a weekday, tomorrow) within this is a call-back; a call
# "next week", "in a few weeks" or further out is a revisit.
CALL_BACK_HORIZON = timedelta(days=14)
CONTRACT = re.compile(r"contract|vertrag|contrat|contrato|overeenkomst")
# A reply in a script none of our languages use: read by a person, never guessed at.
NOT_OUR_LANGUAGE = "in a language Fairchase does not read: have it read before answering"
# The start of the evidence of a reply that refuses email alone and asks for a call ("Stop
# emailing me, just call me"), for people: the inbox suppresses the email address only (the
# reading's `no_email`, stored as the message's `no_email`).
NO_EMAIL = "No more email, asked for a call:"


def decide(
    fresh: str,
    folded: str,
    where: list[int],
    today,
    zone,
    channel: str,
    automatic: str,
    learner: learned.Learner | None = None,
    now: datetime | None = None,
):
    """The reading, in steps from the surest to the least sure: each step decides or
    passes the message on. What the rules leave unclear, the `learner` (the classifier
    trained on labelled replies) may read, under the safety rule (`_learned`). Returns
    (kind, until, evidence, language, whether it refuses email alone and asks for a call)."""
    if not automatic and not language.in_our_letters(fresh):
        return UNCLEAR, None, NOT_OUR_LANGUAGE, "", False
    m = _gather(fresh, folded, where, today, zone, channel, automatic, now)
    reading = _rules(m)
    if reading[0] in YES and learner is not None:
        reading = _second_opinion(m, reading, learner)
    elif (
        reading[0] == UNCLEAR
        and learner is not None
        and len(m.folded.split()) >= MIN_WORDS
        and not _torn(m)
    ):
        reading = _learned(m, reading, learner)
    if m.no_email:
        reading = (reading[0], reading[1], f"{NO_EMAIL} {m.said(m.no_email)}; {reading[2]}")
    return (*reading, m.language, bool(m.no_email))


def _torn(m: _Message) -> bool:
    """The rules found a refusal or a doubt and left the message unclear on purpose (a
    refusal that also asks, a "no" with more after it, "not sure yet"), or the message is
    handed on to someone who has not answered yet: a person reads it."""
    return bool(
        m.opt_out or m.refusal or m.unsure or m.kept_on or m.footer or cues.HANDOFF.search(m.folded)
    )


def _rules(m: _Message):
    """The hand-written steps, from the surest to the least sure."""
    for step in (_automatic_reply, _nothing_new, _kept_on, _stop_word, _opt_out):
        if reading := step(m):
            return reading
    date = _pick(m.found, m.later, m.folded)
    for dated_step in (_refused, _call_on_a_day, _dated, _later_without_date):
        if reading := dated_step(m, date):
            return reading
    return _interest_or_unclear(m)


# In fewer words one word decides, and "thanks" opens most polite refusals: the rules know
# the short answers ("No thanks", "Stop", "Call me"), the classifier reads longer ones.
MIN_WORDS = 5
# The safety rule's thresholds on the classifier's own probabilities (tuned by
# leave-one-batch-out in bench/replies.py, never on a held-out batch).
SAFE_REFUSAL = 0.10  # above this P(refusal), never interest, a revisit or a call-back
YES_MIN, YES_MARGIN = 0.5, 0.2  # how sure it must be of interest, a revisit or a call-back
NO_MIN, NO_MARGIN = 0.7, 0.2  # how sure of a refusal (both refusal kinds together)
NO_MIN_NEGATED = 0.65  # the same, with a negation in the message
# Above this P(refusal) the classifier sends a rules' "yes" to a person.
VETO = 0.7
REST_MIN = 0.5  # how sure of a refusal still with its thanks taken out


def _second_opinion(m: _Message, rules, learner: learned.Learner):
    """Interest, a revisit or a call-back read by the rules, unless the classifier finds a
    refusal most likely (VETO, not resting on thanks): then a person reads it
    ("I'd love to, but we just put pen to paper with another outfit")."""
    w = learner.weigh(m.fresh)
    if w.refusal >= VETO and w.kind in REFUSALS and not _on_thanks(m, learner):
        said = ", ".join(f'"{word}"' for word in w.words)
        return (
            UNCLEAR,
            None,
            f"{rules[0]} by the rules, but learned {w.refusal:.0%} a refusal: {said}",
        )
    return rules


def _on_thanks(m: _Message, learner: learned.Learner) -> bool:
    """A refusal that rests on thanks: with the thanks taken out ("Muchas gracias por su
    correo") the words left are too few, or no longer likely a refusal. Most polite
    refusals begin with thanks, so thanks alone weigh as a refusal."""
    rest = THANKS.sub(" ", m.folded)
    return len(rest.split()) < MIN_REST or learner.weigh(rest).refusal < REST_MIN


# Thanks in each language, with what they thank for ("vielen Dank für Ihre Nachricht").
THANKS = re.compile(
    r"(?<![\w'])(?:(?:many|muchas|mil|vielen|herzlichen|besten|heel erg|hartelijk|muito|merci)\s)?"
    r"(?:thanks?(?: you)?|thx|cheers|ta|danke(?:schon)?|dank(?: je(?: wel)?| u(?: wel)?)?|"
    r"merci|gracias|obrigad[oa]s?|obg|agradec\w*|agradeco|bedankt)"
    r"(?: (?:a lot|very much|so much|again|beaucoup|vielmals|mil|muito|igualmente|anyway))?"
    r"(?: (?:for|fur|pour|por|pel[oa]s?|voor)(?: [\w'-]+){0,3})?(?![\w'])"
)
MIN_REST = 3  # words a learned refusal needs besides its thanks


def _learned(m: _Message, rules, learner: learned.Learner):
    """What the rules left unclear for want of words they know, read by the classifier.
    A "no" is never read as a "yes": it never reads a message with a refusal cue
    (`_torn`), and reads interest, a revisit or a call-back only when its own P(refusal)
    is at most SAFE_REFUSAL; a refusal only with a clear margin over any other reading
    and not resting on thanks; a revisit or call-back only with a date the rules read.
    Otherwise the rules' "unclear" stands."""
    w = learner.weigh(m.fresh)
    kind, p = w.kind, w.probabilities[w.kind]
    said = ", ".join(f'"{word}"' for word in w.words)
    # Both refusal kinds together against the likeliest other reading; a "not" in the
    # message (one the rules could not place) is evidence of a refusal too.
    other = max(v for k, v in w.probabilities.items() if k not in REFUSALS)
    negated = clauses.negations(m.folded, m.negation)
    no_min = NO_MIN_NEGATED if negated else NO_MIN
    # A message that only asks ("¿Es la empresa que tenía mi vecino?") refuses nothing.
    only_asks = not negated and re.fullmatch(r"[^.!;]*\?[?\s]*", m.folded)
    if w.refusal >= no_min and w.refusal - other >= NO_MARGIN and not only_asks:
        if _on_thanks(m, learner):
            return rules
        kind = max(REFUSALS, key=lambda k: w.probabilities[k])
        said = ", ".join(f'"{word}"' for word in learner.weigh(m.fresh, kind).words)
        return kind, None, f"learned ({w.refusal:.0%} a refusal): {said}"
    if kind in REFUSALS:
        return rules
    if kind == UNCLEAR or p < YES_MIN or w.margin < YES_MARGIN:
        return rules
    if w.refusal > SAFE_REFUSAL:
        return rules  # (a refusal cue of the rules' own: never here, see `_torn`)
    evidence = f"learned ({p:.0%}): {said}"
    if kind == INTERESTED:
        return INTERESTED, None, evidence
    date = _pick(m.found, m.later, m.folded)
    if date is None:
        return rules
    at = m.at(date)
    if kind == CALL_BACK and not (
        when.SPECIFICITY[date.kind] <= 1 and date.day - m.today <= CALL_BACK_HORIZON
    ):
        kind = LATER
    return kind, at, f'{evidence} "{date.words}"'


def _automatic_reply(m: _Message):
    """1. A header, or an out-of-office's words with nothing a person would add (without a
    header, it says so before anything a person would ask)."""
    # (a cue that shares the out-of-office's words is not another: "derzeit nicht im Büro")
    others = [
        c[2]
        for c in (m.opt_out, m.refusal, m.call, m.interest, m.later)
        if c and not (m.auto and c[2] < m.auto[3] and m.auto[2] < c[3])
    ]
    by_words = m.auto and m.channel == "email" and (not others or m.auto[2] < min(others))
    # A Precedence header is put on people's mail too (helpdesks, list relays): it marks an
    # automatic reply only beside an out-of-office's words, or with nothing a person asks.
    weak = m.automatic.startswith("Precedence:") and not (m.auto or not others)
    if not (m.automatic and not weak) and not by_words:
        return None
    back = when.return_date(m.fresh, m.found)
    until = m.at(back) if back else None
    evidence = m.automatic or m.said(m.auto)
    return AUTO_REPLY, until, evidence + (f'; back "{back.words}"' if back else "")


def _nothing_new(m: _Message):
    return (UNCLEAR, None, "no new text") if not m.folded else None


def _kept_on(m: _Message):
    """A stop verb that a negation governs in its clause ("Please don't stop emailing me",
    "Bitte hören Sie nicht auf", "No dejen de escribirme"), or "stop calling me so rarely":
    no request to stop, and an opt-out is final, so a person reads it (never an opt-out,
    nor a refusal from a "don't want" beside it). A stop outside the negated clause
    (`m.opt_out`, read without it) is the person's own and goes on to `_opt_out`."""
    if not m.kept_on or m.opt_out:
        return None
    return UNCLEAR, None, f"asked us not to stop, or to do more: {m.said(m.kept_on)}"


def _stop_word(m: _Message):
    """A one-word reply people send to stop, besides the carriers' keywords."""
    word = m.folded.strip(" .!")
    if word in LOCAL_STOP_WORDS:
        m.language = LOCAL_STOP_WORDS[word]
        return OPT_OUT, None, f'"{m.fresh.strip()}"'
    return None


# A sentence that asks why ("Why do you have my number?"), or who gave or where they got
# the person's number or address ("Quem vos deu o meu número?"), complains; it asks for nothing.
WHY = re.compile(
    r"(?:why|warum|wieso|weshalb|pourquoi|por que|porque|waarom)(?![\w])|"
    r"(?:who|how|where|wer|wie|woher|qui|comment|d'ou|ou|quien|como|donde|de donde|quem|onde|hoe|waar|waarvandaan)"
    r"(?![\w])[^.!?]*(?<![\w])(?:numbers?|nummer|numero|address|adresse|adres|endereco|e-?mail|mail|contacto?|contact\w*|details|daten|gegevens|datos|dados|coordonnees)(?![\w])[^.!?]*\?"
)


def _against(m: _Message, no: tuple, strict: bool) -> tuple | None:
    """What goes against a refusal: a request or doubt after a turn that follows it
    ("no thanks, but what would X cost?"), a question after such a turn, or (for an
    opt-out, `strict`) a request in a later sentence ("Stop calling my mobile, email
    is better. I'm still interested though.")."""
    folded = m.folded
    turn = next((t for t in m.turns if t > no[2]), None)
    ends = [i for i in (folded.find(ch, no[3]) for ch in ".!?;\n") if i >= 0]
    sentence_end = min(ends) if ends else len(folded)
    for c in m.wants + m.doubts:
        if no[2] <= c[2] < no[3]:
            continue  # the refusal's own words ("dejen de llamarme")
        if _complains(folded, c[2]):
            continue  # a complaint, not an ask ("Waarom hebben jullie mijn nummer?")
        if (turn is not None and c[2] > turn) or (strict and c[2] > sentence_end and c in m.wants):
            return c
    if turn is not None and "?" in folded[turn:]:
        return ("", "", turn, folded.index("?", turn) + 1)
    others = [c for c in m.wants if not no[2] <= c[2] < no[3] and not _complains(folded, c[2])]
    if "?" in m.fresh and others:
        return others[0]
    return None


def _complains(folded: str, at: int) -> bool:
    """The sentence of the place `at` asks why, or who gave us the number (`WHY`)."""
    start = _sentence_at(folded, at)[0]
    while start < len(folded) and folded[start].isspace():
        start += 1
    return bool(WHY.match(folded, start))


def _opt_out(m: _Message):
    """2. Asked us to stop: final, unless it also asks for the offer."""
    if not m.opt_out:
        return None
    other = _against(m, m.opt_out, strict=True)
    if other:
        return UNCLEAR, None, f"mixed: {m.said(m.opt_out, other)}"
    return OPT_OUT, None, m.said(m.opt_out)


def _refused(m: _Message, date):
    """3. Refused. A softened refusal with a date and an invitation is a revisit; with a
    question about the offer or doubt after it, it is for a person. Praise around a
    refusal ("sounds great, but we went with someone else") does not make it a yes."""
    refusal = m.refusal
    if not refusal:
        return None
    if refusal[0] == "" and (m.wants or m.later or date or m.doubts):
        # A bare "No," with more after it ("No, Monday works better", "Nein, A nicht, aber
        # was kostet B?") is no clear refusal: a person reads it.
        return UNCLEAR, None, f"a no with more: {m.said(refusal)}"
    # A refusal becomes a revisit only with words that put us off or ask again, or a
    # softener ("not right now") next to the date ("..., maybe in the spring").
    soft = cues.SOFTENERS.search(m.folded)
    # (A contract "running until June" says when it ends, not that we should come back.)
    deferrals = [c for c in cues.every(cues.LATER, m.folded) if not CONTRACT.search(c[1])]
    if date and (
        deferrals
        or _asks_again(m.folded, date.start, refusal[2])
        or (soft and abs(date.start - soft.start()) <= 80)
        # "No hay presupuesto hasta julio": the "no" holds until a day, it says when (a
        # contract "until December" says when it ends, not when to come back)
        or (_not_before(m, date) and not CONTRACT.search(m.folded))
    ):
        return LATER, m.at(date), f'{m.said(refusal, m.later)} "{date.words}"'
    # (the refusal's own words are no request: "ni ahora ni más adelante")
    wants = [c for c in m.wants + m.doubts if not refusal[2] <= c[2] < refusal[3]]
    if refusal[0] == "~" and (wants or "?" in m.fresh):
        # A refusal read from a clause's grammar, beside a request, a question or doubt: for a person.
        return (
            UNCLEAR,
            None,
            f"a refusal with a request, question or doubt: {m.said(refusal, *wants[:1])}",
        )
    other = _against(m, refusal, strict=False)
    if other is None and "?" in m.folded[refusal[3] :]:
        # A question after the refusal ("Brauchen wir nicht. Oder lohnt sich das doch?")
        # may reopen it: a person reads it.
        q = m.folded.index("?", refusal[3])
        other = ("", "", m.folded.rfind(" ", 0, max(q - 20, 0)) + 1, q + 1)
    if other:
        return UNCLEAR, None, f"refusal with a question or doubt: {m.said(refusal, other)}"
    return NOT_INTERESTED, None, m.said(refusal)


def _call_on_a_day(m: _Message, date):
    """4. A call with a day or time soon is a call-back; further out it is a revisit."""
    if not (m.call and date):
        return None
    at = m.at(date)
    if m.unsure:
        return UNCLEAR, None, f"unsure: {m.said(m.unsure, m.call)}"
    if when.SPECIFICITY[date.kind] <= 1 and date.day - m.today <= CALL_BACK_HORIZON:
        return CALL_BACK, at, f'{m.said(m.call)} "{date.words}"'
    return LATER, at, f'{m.said(m.call)} "{date.words}"'


def _dated(m: _Message, date):
    """5. Not now, with a date: a revisit. A date and nothing else is the same. Politeness
    alone ("Im neuen Jahr gerne") asks for nothing now: with a vague date it defers."""
    positive = m.interest or m.call
    if not date:
        return None
    later = m.later
    if not later and (again := _again_in_sentence(m.folded, date.start)):
        # "schreiben Sie mir am 15. April nochmal": "again" beside the date asks for a revisit.
        later = ("", again.group(0), again.start(), again.end())
    if not (later or not positive or (not m.wants and when.SPECIFICITY[date.kind] >= 2)):
        return None
    if (
        not later
        and cues.NEGATION.get(m.language, cues.NEGATORS).search(m.folded)
        and not _not_before(m, date)
    ):
        # A date, no deferral words and a "not" we could not place: perhaps a refusal
        # in words we do not know ("el mes que viene ... no os necesitaremos"). A person reads it.
        return UNCLEAR, None, f'a date with a negation: "{date.words}"'
    if not later and when.SPECIFICITY[date.kind] <= 1:
        # "Friday at 10?" with nothing else: a visit, a call or a meeting; a person decides.
        return UNCLEAR, None, f'a day but no ask: "{date.words}"'
    return LATER, m.at(date), f'{m.said(later)} "{date.words}"'.strip()


# "Not before September", "Vor September wird das nichts", "Rien avant septembre": the
# negation says when, it refuses nothing.
BEFORE = re.compile(
    r"(?<![\w])(?:before|until|till|vor|bis|avant|jusqu'(?:a|en|au)|antes de|antes|hasta|ate|voor|tot)"
    r"(?: (?:the|dem|der|la|le|el|o|a|de))? $"
)


def _not_before(m: _Message, date) -> bool:
    """Every negation of the message shares its sentence with a date that follows a
    "before" or "until" ("Vor September wird das nichts. Schreiben Sie im September."),
    or with a date before the one read ("Im Dezember geht gar nichts. Mitte Januar gern.")."""
    before = [
        f.start
        for f in m.found
        if BEFORE.search(m.folded[max(0, f.start - 20) : f.start])
        or BEFORE.match(cues.fold(f.words).split(" ")[0] + " ")
        or f.day < date.day
    ]
    negation = cues.NEGATION.get(m.language, cues.NEGATORS)
    return bool(before) and all(
        any(_same_sentence(m.folded, n.start(), at) for at in before)
        for n in negation.finditer(m.folded)
    )


def _same_sentence(folded: str, a: int, b: int) -> bool:
    return sentences.of(folded).same(a, b)


def _later_without_date(m: _Message, date):
    if m.later and not (m.interest or m.call):
        return UNCLEAR, None, f"later, but no date: {m.said(m.later)}"
    return None


def _interest_or_unclear(m: _Message):
    """6. Interest (or a call with no time), unless in doubt."""
    positive = m.interest or m.call
    if positive:
        if m.unsure:
            return UNCLEAR, None, f"unsure: {m.said(m.unsure, positive)}"
        # A "no" anywhere that no step could place: interest is never read past it.
        negations = clauses.unplaced(m.folded, m.negation)
        if m.no_email:  # (the "no" of "no more emails" refuses email, read already)
            negations = [n for n in negations if not m.no_email[2] <= n.start() < m.no_email[3]]
        if negations:
            no = negations[0]
            return (
                UNCLEAR,
                None,
                f"interest beside a negation: {m.said(positive, ('', '', no.start(), no.end()))}",
            )
        return INTERESTED, None, m.said(positive)
    return UNCLEAR, None, m.said(m.unsure) if m.unsure else ""


def _sentence_at(folded: str, at: int) -> tuple[int, int]:
    return sentences.of(folded).around(at)


def _again_in_sentence(folded: str, at: int) -> re.Match | None:
    """An "again" in the sentence of the date at `at` ("mail me on 15 April again")."""
    return _again_between(folded, *_sentence_at(folded, at))


def _asks_again(folded: str, at: int, refused: int) -> bool:
    """An "again" in the date's own sentence, not the refusal's ("Kein Budget vor Juli.
    Fragen Sie im Juli nochmal nach." but not "They start on Monday. Thanks again.")."""
    start, end = _sentence_at(folded, at)
    return bool(_again_between(folded, start, end)) and not start <= refused < end


@lru_cache(maxsize=64)  # every date of one sentence asks about the same sentence
def _again_between(folded: str, start: int, end: int) -> re.Match | None:
    return cues.AGAIN.search(folded, start, end)


def _pick(found: list, later, folded: str = "") -> when.Found | None:
    """The most specific date; among equals the one nearest the words that put us off
    ("En agosto cerramos. A partir de septiembre lo vemos."), else the first."""
    if not found:
        return None
    if later and folded:
        # "Can you circle back early next month? We sign off the budget on the 28th": a day
        # of the month alone, the most specific kind, in another sentence than the words
        # that put us off names another event (a deadline, a meeting) when the sentence
        # that puts us off names its own date.
        def apart(f):
            return sentences.of(folded).apart(min(f.start, later[2]), max(f.start, later[3]))

        if any(not apart(f) for f in found):
            found = [f for f in found if not (f.kind == "day_only" and apart(f))]
    if folded:
        # "We move in June; try me again in September", "heading into winter ... try me
        # again in spring": a date in a sentence that asks again is when to come back; the
        # others name what happens meanwhile.
        again = [f for f in found if _asks_again(folded, f.start, -1)]
        if again and len(again) < len(found):
            found = again
    top = min(when.SPECIFICITY[f.kind] for f in found)
    tied = [f for f in found if when.SPECIFICITY[f.kind] == top]
    if later and len(tied) > 1:
        return min(tied, key=lambda f: abs(f.start - later[2]))
    if len(tied) > 1 and folded:
        # "a tender that closes in September. Please contact me again in October": the date
        # whose sentence asks again.
        again = [f for f in tied if _asks_again(folded, f.start, -1)]
        if again:
            return again[0]
    return min(tied, key=lambda f: f.start)


# One-word texts people send to stop, besides the carriers' keywords.
LOCAL_STOP_WORDS = {
    "stopp": "de",
    "abmelden": "de",
    "baja": "es",
    "alto": "es",
    "sair": "pt",
    "parar": "pt",
    "afmelden": "nl",
    "desabonner": "fr",
    "arret": "fr",
    "arreter": "fr",
    "remove": "en",
}
