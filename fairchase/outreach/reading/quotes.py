"""The part of a message the person just wrote: the body as text, without the quoted
thread and without the signature.

quotequail finds the reply headers of Gmail, Apple Mail, Yahoo and Thunderbird
("On ... wrote:", "Am ... schrieb", "Le ... a écrit", "El ... escribió", "Em ...
escreveu", "Op ... schreef/geschreven") and the forward/original-message separators.
It does not know Outlook's header block written without ">" (From:/Sent:/To: in the
reader's language, with or without a line above it), Yahoo's "hat ... Folgendes
geschrieben" or the phones' "Sent from my ..." lines in six languages: those are ours.
"""

from __future__ import annotations

import html
import re
from email.message import EmailMessage, Message

import quotequail

from . import cues

# Outlook desktop and web: a From line followed within two lines by a Sent/Date line,
# in the languages we read (French puts a space before the colon).
_FROM = r"(?:from|von|de|van|da)"
_SENT = r"(?:sent|date|gesendet|datum|envoy[ée]|date d'envoi|enviado(?: el| em)?|enviada em|fecha|data|verzonden|verstuurd)"
OUTLOOK_BLOCK = re.compile(
    rf"^[ \t>*]*{_FROM}\s?:\s?\*?.+\n(?:.*\n)?[ \t>*]*{_SENT}\s?:\s?.+$", re.I | re.M
)
SEPARATORS = re.compile(
    r"^[ \t]*(?:_{8,}|-{2,}\s*(?:original message|urspr[üu]ngliche nachricht|message d'origine|mensaje original|"
    r"mensagem original|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|"
    r"mensaje reenviado|mensagem encaminhada|doorgestuurd bericht)\s*-{2,})\s*$",
    re.I | re.M,
)
# Reply headers quotequail misses (Yahoo's German and Dutch, Gmail's wrapped English line).
_LINE = r"[^\n]{0,160}(?:\n[^\n]{0,120})?"  # the header line, wrapped once at most
ATTRIBUTION = re.compile(
    rf"^[ \t>]*(?:on\b{_LINE}\bwrote:|am\b{_LINE}\b(?:schrieb|geschrieben)\b[^\n]{{0,120}}:|le\b{_LINE}\ba [ée]crit\s?:|"
    rf"el\b{_LINE}\bescribi[óo]:|em\b{_LINE}\bescreveu:|op\b{_LINE}\b(?:schreef|geschreven)\b[^\n]{{0,80}}:)[ \t]*$",
    re.I | re.M,
)
ATTRIBUTION_START = re.compile(r"^[ \t]*(?:on|am|le|el|em|op) .{0,120}\d{4}.{0,80}$", re.I | re.M)
# A closing line ("Best regards,", "Mit freundlichen Grüßen") ends what the person wrote:
# below it come their name, title, phone numbers, opening hours and legal small print.
# ("Thanks" is not one: people write "Thanks!" and then their answer.)
VALEDICTION = re.compile(
    r"^[ \t]*(?:best(?: regards| wishes)?|kind regards|warm regards|regards|many thanks|cheers|sincerely|yours sincerely|"
    r"yours truly|mit freundlichen gr(?:ü|ue)(?:ß|ss)en|freundliche gr(?:ü|ue)(?:ß|ss)e|viele gr(?:ü|ue)(?:ß|ss)e|beste gr(?:ü|ue)(?:ß|ss)e|"
    r"liebe gr(?:ü|ue)(?:ß|ss)e|sch(?:ö|oe)ne gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|lg|mfg|cordialement|bien cordialement|bien (?:à|a) vous|"
    r"salutations|meilleures salutations|saludos(?: cordiales)?|un saludo|atentamente|att|atenciosamente|abra(?:ç|c)os?|abs|"
    r"cumprimentos|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groet(?:en|jes)?|mvg)[ \t]*[,.!]?[ \t]*$",
    re.I | re.M,
)
QUOTED_LINE = re.compile(r"^[ \t]*>", re.M)
# Any client's attribution, in whatever form, on the line just above a quote ("owner
# <sales@acme.example> wrote:", "Tom Baker schrieb:"): the start of the history.
ATTRIBUTION_ABOVE_QUOTE = re.compile(
    r"^(?![ \t]*>)[^\n]{0,200}\b(?:wrote|writes|schrieb|schreibt|a [ée]crit|escribi[óo]|escreveu|schreef)\s?:[ \t]*\n(?=[ \t]*>)",
    re.I | re.M,
)
SIGNATURE = re.compile(
    r"^[ \t]*(?:--\s*$|sent from my\b|sent from (?:outlook|yahoo|mail)\b|get outlook for\b|von meinem .{0,30}gesendet|"
    r"gesendet von meinem\b|gesendet mit\b|outlook f[üu]r \w+ herunterladen|envoy[ée] (?:de|depuis) mon\b|"
    r"t[ée]l[ée]charger outlook\b|enviado desde mi\b|obtener outlook para\b|enviado do meu\b|obter o outlook\b|"
    r"verstuurd vanaf mijn\b|verzonden vanaf mijn\b|outlook voor \w+ downloaden)",
    re.I | re.M,
)


# A legal disclaimer or a company footer below what the person wrote: boilerplate, never
# their answer (its "unsubscribe" is the company's newsletter, not a request to us).
DISCLAIMER = re.compile(
    r"^[ \t*]*(?:confidentiality notice|confidential(?:ity)?\b|disclaimer|legal notice|privileged (?:and|&) confidential|"
    r"this (?:e-?mail|message|communication)(?: and any (?:attachments?|files))? (?:is|are|may|contains?)\b|"
    r"the information (?:contained )?in this|vertraulichkeitshinweis|haftungsausschluss|diese (?:e-?mail|nachricht) (?:ist|enth[äa]lt|kann)\b|"
    r"avis de confidentialit[ée]|ce (?:message|courriel|mail) (?:est|et|peut)\b|aviso (?:legal|de confidencialidad)|"
    r"este (?:mensaje|correo) (?:es|contiene|puede)\b|esta mensagem (?:[ée]|cont[ée]m|pode)\b|dit (?:e-?mail)?bericht (?:is|bevat|kan)\b)",
    re.I | re.M,
)


def body_text(msg: Message) -> str:
    """The text of the first text/plain part, or of the text/html part with its quoted
    blocks (<blockquote>, Gmail's and Outlook's quote containers) left out."""
    part = msg.get_body(preferencelist=("plain", "html")) if isinstance(msg, EmailMessage) else None
    if part is None:
        parts = [
            p
            for p in msg.walk()
            if p.get_content_type() in ("text/plain", "text/html") and not p.get_filename()
        ]
        part = next(
            (p for p in parts if p.get_content_type() == "text/plain"), parts[0] if parts else None
        )
    if part is None:
        return ""
    try:
        if isinstance(part, EmailMessage):
            text = part.get_content()
        else:
            payload = part.get_payload(decode=True) or b""
            text = payload.decode(part.get_content_charset() or "utf-8", "replace")
    except (LookupError, ValueError, AttributeError):
        text = str(part.get_payload())
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return text


def html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", markup)
    # Everything from the first quote container on is history.
    markup = re.split(
        r"(?i)<blockquote\b|<div[^>]+(?:gmail_quote|divRplyFwdMsg|OutlookMessageHeader|yahoo_quoted)",
        markup,
        maxsplit=1,
    )[0]
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def new_text(body: str) -> str:
    """What the person wrote above the quoted thread, signature dropped; or, when nothing
    is written above it, what they wrote below and between its quoted lines (a reply
    written at the bottom, or answers put between the lines of our message)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    head = _above_the_quote(body)
    if head or not QUOTED_LINE.search(body):
        return head
    body = ATTRIBUTION_ABOVE_QUOTE.sub("", body)
    below = "\n".join(ln for ln in body.split("\n") if not ln.lstrip().startswith(">"))
    return _above_the_quote(ATTRIBUTION.sub("", below))


def inline_answers(body: str) -> list[tuple[str, str]]:
    """A reply written between the lines of ours: each answer with the quoted lines just
    above it it answers ("> Would you like a quote?" / "Yes.")."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not QUOTED_LINE.match(body.lstrip("\n")) and not ATTRIBUTION_ABOVE_QUOTE.match(body):
        return []  # written above the quote (or no quote): not between its lines
    out, quoted, answer = [], [], []
    for line in body.split("\n"):
        if line.lstrip().startswith(">"):
            if answer:
                out.append(("\n".join(quoted), "\n".join(answer).strip()))
                quoted, answer = [], []
            quoted.append(line.lstrip().lstrip(">").strip())
        elif line.strip() and quoted:
            answer.append(line)
    if answer and quoted:
        out.append(("\n".join(quoted), "\n".join(answer).strip()))
    return out


def answers_to_our_stop(body: str) -> list[str]:
    """The answers written just below our own stop line ("> If you'd rather not hear from us
    again, unsubscribe here" / "No, keep me on."): their yes or no answers that line, not
    our offer, so they are never read as a refusal of it."""
    return [
        answer for question, answer in inline_answers(body) if _names_our_stop(cues.fold(question))
    ]


def _names_our_stop(folded: str) -> bool:
    return any(p.search(folded) for table in (cues.FOOTER, cues.OPT_OUT) for p in table.values())


def _above_the_quote(body: str) -> str:
    cut = len(body)
    for pattern in (OUTLOOK_BLOCK, SEPARATORS, ATTRIBUTION, QUOTED_LINE):
        m = pattern.search(body, 0, cut)
        if m:
            cut = min(cut, m.start())
    # quotequail looks at what is left (the thread is cut off already: much less to scan).
    parts = quotequail.quote(body[:cut] if cut < len(body) else body, quote_intro_line=True)
    if len(parts) > 1:
        cut = min(cut, len(parts[0][1]))
    head = body[:cut]
    if (m := ATTRIBUTION_ABOVE_QUOTE.search(body, 0, cut + 1)) and m.start() < cut:
        head = body[: m.start()]
    # A wrapped attribution ("On Mon, 9 Mar 2026 at 16:05 Tom\nBaker <...> wrote:") leaves its first line.
    lines = head.rstrip().split("\n")
    if lines and ATTRIBUTION_START.match(lines[-1]) and len(lines) > 1:
        head = "\n".join(lines[:-1])
    m = SIGNATURE.search(head)
    if m:
        head = head[: m.start()]
    m = VALEDICTION.search(head)
    if m and head[: m.start()].strip():
        head = head[: m.start()]
    kept = [ln for ln in head.split("\n") if not ln.lstrip().startswith(">")]
    return _without_footer(kept)


def _without_footer(lines: list[str]) -> str:
    """The lines above a disclaimer or a footer's instructions on how to stop hearing from
    the writer ("To unsubscribe from our newsletter, click here"), when the person wrote
    something above it. A footer is a block below the person's text: never cut when only
    a greeting stands above it ("Hi,"), nor when the block holds a request of the person's
    own ("This email is to ask you to remove me", "Confidential: ... stop emailing me"). A
    footer alone is kept, for the reader to weigh (never to decide)."""
    for i, line in enumerate(lines):
        if not _is_footer(line) or not _said_above(lines[:i]):
            continue
        if cues.first(cues.OWN_STOP, cues.fold("\n".join(lines[i:]))) is None:
            return "\n".join(lines[:i]).strip()
    return "\n".join(lines).strip()


# A greeting line alone ("Hi,", "Hello Tom,", "Dear Mr Baker,"): no text of the person's yet.
GREETING = re.compile(
    r"^[ \t]*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|sehr geehrte[rs]?|"
    r"guten (?:tag|morgen)|bonjour|bonsoir|cher|ch[èe]re|hola|estimad[oa]s?|ol[áa]|prezad[oa]s?|beste|geachte)"
    r"\b[^.!?\n]{0,40}[,:!]?[ \t]*$",
    re.IGNORECASE,
)


def _said_above(lines: list[str]) -> bool:
    """Whether the person wrote something above a line: more than blank lines and a greeting."""
    return any(ln.strip() and not GREETING.match(ln) for ln in lines)


def _is_footer(line: str) -> bool:
    if DISCLAIMER.match(line):
        return True
    folded = cues.fold(line)
    return any(p.search(folded) for p in cues.FOOTER.values())
