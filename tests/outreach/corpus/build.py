"""Build the labelled reply corpus (one .eml or .txt per message, plus labels.csv) from
the hand-written replies in source/*.txt, wrapping each in the quoting style of a real
mail client (Gmail, Outlook desktop and web, Apple Mail, Yahoo, Exchange, mobile).

    python tests/outreach/corpus/build.py

A source block is `### id | style | kind | date [| now=YYYY-MM-DDTHH:MM]` followed by the
text the lead wrote. The quoted history is our own follow-up in the lead's language,
footer and unsubscribe line included, so words there must never decide a reading.
`heldout_*.txt` blocks go to heldout/ (written before the rules); `fresh_*.txt` to fresh/
(written after the first rules, as a second check on replies the rules had not seen);
`unseen_*.txt` to unseen/ (batches written with their labels before the reader saw them,
scored at first sight, then kept as held-out: their rules are never tuned on their phrases).
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).parent
NOW = "2026-03-10T10:00"  # a Tuesday; the default reference time of every message
ZONES = {
    "en": "America/New_York",
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "es": "Europe/Madrid",
    "pt": "America/Sao_Paulo",
    "nl": "Europe/Amsterdam",
}
PEOPLE = {
    "en": ["Sarah Collins", "Mark Dunn", "Priya Shah", "Jim O'Neill", "Beth Carter"],
    "de": ["Jonas Weber", "Petra Lang", "Katrin Hoffmann", "Uwe Schmitt", "Lena Braun"],
    "fr": ["Camille Laurent", "Julien Moreau", "Sophie Martin", "Nicolas Petit", "Claire Dubois"],
    "es": ["Lucía Martín", "Javier Ortega", "Carmen Ruiz", "Diego Navarro", "Marta Gil"],
    "pt": ["Rafael Costa", "Ana Souza", "Tiago Ferreira", "Beatriz Lima", "João Pereira"],
    "nl": ["Femke de Vries", "Joost Bakker", "Sanne Visser", "Pieter Jansen", "Lotte Smit"],
}
OURS = "Tom Baker <tom@fairchase.test>"
SUBJECT = {
    "en": "Your enquiry about office cleaning",
    "de": "Ihre Anfrage zur Büroreinigung",
    "fr": "Votre demande de nettoyage de bureaux",
    "es": "Su consulta sobre limpieza de oficinas",
    "pt": "Seu pedido de orçamento de limpeza",
    "nl": "Uw aanvraag voor kantoorschoonmaak",
}
# Our follow-up, as the lead's client quotes it: a question, an offer to call, a footer.
FOLLOW_UP = {
    "en": "Hi {first},\n\nJust following up on your enquiry about office cleaning. Are you still interested?\n"
    "I'd be happy to send a quote or give you a call, whatever suits you.\n\nBest regards,\nTom Baker\n"
    "Brightside Cleaning\n\nNot interested? Unsubscribe here: https://crm.example.test/u/k9d2 or reply STOP.",
    "de": "Hallo {first},\n\nich wollte kurz nachhaken: Haben Sie noch Interesse an einer Büroreinigung?\n"
    "Gerne schicke ich Ihnen ein Angebot oder rufe Sie an.\n\nViele Grüße\nTom Baker\nBrightside Cleaning\n\n"
    "Kein Interesse? Hier abmelden: https://crm.example.test/u/k9d2",
    "fr": "Bonjour {first},\n\nJe reviens vers vous au sujet de votre demande. Êtes-vous toujours intéressé(e) ?\n"
    "Je peux vous envoyer un devis ou vous appeler, comme vous préférez.\n\nBien cordialement,\nTom Baker\n"
    "Brightside Cleaning\n\nPour ne plus recevoir nos messages, désabonnez-vous : https://crm.example.test/u/k9d2",
    "es": "Hola {first}:\n\nLe escribo para dar seguimiento a su consulta. ¿Sigue interesado/a?\n"
    "Puedo enviarle un presupuesto o llamarle, como prefiera.\n\nSaludos cordiales,\nTom Baker\n"
    "Brightside Cleaning\n\nSi no desea recibir más correos, darse de baja: https://crm.example.test/u/k9d2",
    "pt": "Olá {first},\n\nEstou retomando o contato sobre o seu pedido. Ainda tem interesse?\n"
    "Posso enviar um orçamento ou ligar para você, como preferir.\n\nAbraço,\nTom Baker\nBrightside Cleaning\n\n"
    "Não quer mais receber nossos e-mails? Cancelar inscrição: https://crm.example.test/u/k9d2",
    "nl": "Hallo {first},\n\nIk wilde even navragen: heeft u nog interesse in kantoorschoonmaak?\n"
    "Ik stuur graag een offerte of bel u even op, wat u het beste uitkomt.\n\nMet vriendelijke groet,\nTom Baker\n"
    "Brightside Cleaning\n\nGeen interesse meer? Afmelden: https://crm.example.test/u/k9d2",
}
DAYS = {
    "en": "Mon Tue Wed Thu Fri Sat Sun",
    "de": "Mo. Di. Mi. Do. Fr. Sa. So.",
    "fr": "lun. mar. mer. jeu. ven. sam. dim.",
    "es": "lun mar mié jue vie sáb dom",
    "pt": "seg. ter. qua. qui. sex. sáb. dom.",
    "nl": "ma di wo do vr za zo",
}
MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene feb mar abr may jun jul ago sept oct nov dic",
    "pt": "jan. fev. mar. abr. mai. jun. jul. ago. set. out. nov. dez.",
    "nl": "jan feb mrt apr mei jun jul aug sep okt nov dec",
}
ATTRIBUTION = {  # Gmail's "On ... wrote:" line
    "en": "On {d}, {m} {n}, {y} at {t} {who} wrote:",
    "de": "Am {d}, {n}. {m} {y} um {t} Uhr schrieb {who}:",
    "fr": "Le {d} {n} {m} {y} à {t}, {who} a écrit :",
    "es": "El {d}, {n} {m} {y} a las {t}, {who} escribió:",
    "pt": "Em {d}, {n} de {m} de {y} às {t}, {who} escreveu:",
    "nl": "Op {d} {n} {m} {y} om {t} schreef {who}:",
}
APPLE = {
    "en": "On {n} {m} {y}, at {t}, {who} wrote:",
    "de": "Am {n}.{mm}.{y} um {t} schrieb {who}:",
    "fr": "Le {n} {m} {y} à {t}, {who} a écrit :",
    "es": "El {n} {m} {y}, a las {t}, {who} escribió:",
    "pt": "Em {n} de {m} de {y}, à(s) {t}, {who} escreveu:",
    "nl": "Op {n} {m} {y} om {t} heeft {who} het volgende geschreven:",
}
YAHOO = {
    "en": "On Monday, March 9, 2026, 04:05:12 PM EDT, {who} wrote:",
    "de": "Am Montag, 9. März 2026, 16:05:12 MEZ hat {who} Folgendes geschrieben:",
    "fr": "Le lundi 9 mars 2026, 16:05:12 UTC+1, {who} a écrit :",
    "es": "El lunes, 9 de marzo de 2026, 16:05:12 CET, {who} escribió:",
    "pt": "Em segunda-feira, 9 de março de 2026 16:05:12 BRT, {who} escreveu:",
    "nl": "Op maandag 9 maart 2026 16:05:12 CET schreef {who}:",
}
OUTLOOK = {  # From / Sent / To / Subject
    "en": ("From", "Sent", "To", "Subject", "Monday, March 9, 2026 4:05 PM"),
    "de": ("Von", "Gesendet", "An", "Betreff", "Montag, 9. März 2026 16:05"),
    "fr": ("De", "Envoyé", "À", "Objet", "lundi 9 mars 2026 16:05"),
    "es": ("De", "Enviado el", "Para", "Asunto", "lunes, 9 de marzo de 2026 16:05"),
    "pt": ("De", "Enviado", "Para", "Assunto", "segunda-feira, 9 de março de 2026 16:05"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp", "maandag 9 maart 2026 16:05"),
}
ORIGINAL = {
    "en": "-----Original Message-----",
    "de": "-----Ursprüngliche Nachricht-----",
    "fr": "-----Message d'origine-----",
    "es": "-----Mensaje original-----",
    "pt": "-----Mensagem original-----",
    "nl": "-----Oorspronkelijk bericht-----",
}
MOBILE = {
    "en": ["Sent from my iPhone", "Sent from my Galaxy", "Get Outlook for Android"],
    "de": [
        "Von meinem iPhone gesendet",
        "Gesendet von meinem Samsung Galaxy",
        "Outlook für Android herunterladen",
    ],
    "fr": [
        "Envoyé de mon iPhone",
        "Envoyé depuis mon smartphone Samsung Galaxy",
        "Télécharger Outlook pour Android",
    ],
    "es": [
        "Enviado desde mi iPhone",
        "Enviado desde mi smartphone Samsung Galaxy",
        "Obtener Outlook para Android",
    ],
    "pt": [
        "Enviado do meu iPhone",
        "Enviado do meu smartphone Galaxy",
        "Obter o Outlook para Android",
    ],
    "nl": [
        "Verstuurd vanaf mijn iPhone",
        "Verzonden vanaf mijn Galaxy",
        "Outlook voor Android downloaden",
    ],
}
AUTO_SUBJECT = {
    "en": "Automatic reply",
    "de": "Automatische Antwort",
    "fr": "Réponse automatique",
    "es": "Respuesta automática",
    "pt": "Resposta automática",
    "nl": "Automatisch antwoord",
}


def pick(seq, key: str, salt: str = ""):
    return seq[int(hashlib.sha1((key + salt).encode()).hexdigest(), 16) % len(seq)]


def quoted(text: str) -> str:
    return "\n".join(("> " + ln).rstrip() for ln in text.splitlines())


def history(style: str, lang: str, first: str, key: str) -> str:
    ours = FOLLOW_UP[lang].format(first=first)
    days, months = DAYS[lang].split(), MONTHS[lang].split()
    parts = dict(
        d=days[0],
        m=months[2],
        n=9,
        y=2026,
        t="16:05" if lang != "en" else "4:05 PM",
        who=OURS,
        mm="03",
    )
    if style in ("gmail", "mobile"):
        line = ATTRIBUTION[lang].format(**parts)
        if lang == "en" and pick([0, 1], key):  # Gmail wraps long attribution lines
            line = line.replace(" Tom Baker", "\nTom Baker")
        return f"{line}\n{quoted(ours)}"
    if style == "apple":
        return "\n" + quoted(APPLE[lang].format(**parts) + "\n\n" + ours)
    if style == "yahoo":
        return (
            "\n    "
            + YAHOO[lang].format(who=OURS)
            + "  \n\n"
            + "\n".join("    " + ln for ln in ours.splitlines())
        )
    f, s, t, subj, when = OUTLOOK[lang]
    sep = {" ": ":", "fr": " :"}.get(lang, ":")
    block = (
        f"{f}{sep} Tom Baker <tom@fairchase.test>\n{s}{sep} {when}\n{t}{sep} {first} <lead@example.test>\n"
        f"{subj}{sep} {SUBJECT[lang]}\n\n{ours}"
    )
    if style == "outlook":
        return "________________________________\n" + block
    if style == "outlook-noline":
        return block
    if style in ("outlookweb", "exchange"):
        return ORIGINAL[lang] + "\n" + block
    return ""


def parse_source(path: Path):
    blocks = re.split(r"^### ", path.read_text(), flags=re.M)[1:]
    for block in blocks:
        head, _, body = block.partition("\n")
        fields = [f.strip() for f in head.split("|")]
        ident, style, kind, date = fields[:4]
        extra = dict(f.split("=", 1) for f in fields[4:])
        yield ident, style, kind, None if date == "-" else date, extra, body.strip("\n")


def bounce(style: str, ident: str, zone: str, sent: datetime) -> str:
    msg = EmailMessage()
    rcpt = f"{ident.replace('-', '.')}@example.test"
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = f"<{ident}@bounce.example.test>"
    msg["To"] = "tom@fairchase.test"
    if style == "bounce-postfix":
        msg["From"] = "MAILER-DAEMON@mail.example.test (Mail Delivery System)"
        msg["Subject"] = "Undelivered Mail Returned to Sender"
        text = (
            f"This is the mail system at host mail.example.test.\n\nI'm sorry to have to inform you that your message "
            f"could not\nbe delivered to one or more recipients.\n\n<{rcpt}>: host mx.example.test said: 550 5.1.1 "
            f"<{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"
        )
    elif style == "bounce-exim":
        msg["From"] = "Mail Delivery System <Mailer-Daemon@mx.example.test>"
        msg["Subject"] = "Mail delivery failed: returning message to sender"
        text = (
            f"This message was created automatically by mail delivery software.\n\nA message that you sent could not "
            f"be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) "
            f"failed:\n\n  {rcpt}\n    host mx.example.test\n    SMTP error from remote mail server after RCPT TO:<{rcpt}>:\n"
            f"    550 No such user here"
        )
    else:
        msg["From"] = "Microsoft Outlook <postmaster@example.onmicrosoft.test>"
        msg["Subject"] = f"Undeliverable: {SUBJECT['en']}"
        text = (
            f"Your message to {rcpt} couldn't be delivered.\n{rcpt.split('@')[0]} wasn't found at example.test.\n\n"
            f"Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'"
        )
    # A multipart/report DSN as MTAs write it (built by hand: EmailMessage cannot attach one).
    raw = (
        f"{msg.as_string().rstrip()}\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"\n\n'
        f"--dsn\nContent-Type: text/plain; charset=utf-8\n\n{text}\n\n--dsn\nContent-Type: message/delivery-status\n\n"
        f"Reporting-MTA: dns; mail.example.test\n\nFinal-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.1.1\n\n"
        f"--dsn\nContent-Type: text/rfc822-headers\n\nMessage-ID: <f0110w.up@fairchase.test>\nTo: {rcpt}\n"
        f"Subject: {SUBJECT['en']}\n\n--dsn--\n"
    )
    return raw
    return msg


def build(out: Path, sources: list[Path]) -> list[dict]:
    out.mkdir(exist_ok=True)
    for old in [*out.glob("*.eml"), *out.glob("*.txt")]:
        old.unlink()
    rows = []
    for src in sources:
        lang = src.stem.split("_")[-1].rstrip("0123456789")
        for ident, style, kind, date, extra, body in parse_source(src):
            zone = extra.get("zone", ZONES[lang])
            now = datetime.fromisoformat(extra.get("now", NOW)).replace(tzinfo=ZoneInfo(zone))
            sent = now - timedelta(minutes=7)
            name = pick(PEOPLE[lang], ident)
            first = name.split()[0]
            row = {
                "file": "",
                "kind": kind,
                "date": date or "",
                "language": extra.get("lang", lang),
                "style": style,
                "zone": zone,
                "now": now.isoformat(timespec="minutes"),
            }
            if style == "text":
                row["file"] = f"{ident}.txt"
                (out / row["file"]).write_text(body + "\n")
                rows.append(row)
                continue
            if style.startswith("bounce"):
                msg = bounce(style, ident, zone, sent)
            else:
                msg = EmailMessage()
                msg["From"] = f"{name} <{first.lower()}@example.test>"
                msg["To"] = OURS
                msg["Date"] = format_datetime(sent)
                msg["Message-ID"] = f"<{ident}@mail.example.test>"
                msg["In-Reply-To"] = "<f0110w.up@fairchase.test>"
                subject = (
                    f"Re: {SUBJECT[lang]}"
                    if not style.startswith("ooo")
                    else extra.get("subject", f"{AUTO_SUBJECT[lang]}: {SUBJECT[lang]}")
                )
                msg["Subject"] = subject
                if style in ("ooo-outlook", "ooo-exchange"):
                    msg["Auto-Submitted"] = "auto-replied"
                    msg["X-Auto-Response-Suppress"] = "All"
                elif style == "ooo-gmail":
                    msg["Auto-Submitted"] = "auto-replied"
                    msg["Precedence"] = "bulk"
                text = body
                if not style.startswith("ooo") and style not in ("plain", "html"):
                    sig = ""
                    if style == "mobile" or (style == "apple" and pick([0, 1, 1], ident)):
                        sig = "\n\n" + pick(MOBILE[lang], ident)
                    text = f"{body}{sig}\n\n{history(style, lang, first, ident)}\n"
                if style == "html":
                    paras = "".join(
                        f"<p>{p.replace(chr(10), '<br>')}</p>" for p in body.split("\n\n")
                    )
                    ours = FOLLOW_UP[lang].format(first=first).replace("\n", "<br>")
                    msg.set_content(
                        f'<html><body><div dir="ltr">{paras}</div><br><div class="gmail_quote">'
                        f'<blockquote style="margin:0 0 0 .8ex">{ours}</blockquote></div></body></html>',
                        subtype="html",
                    )
                else:
                    msg.set_content(text + ("\n" if not text.endswith("\n") else ""))
            row["file"] = f"{ident}.eml"
            (out / row["file"]).write_bytes(msg.encode() if isinstance(msg, str) else bytes(msg))
            rows.append(row)
    with open(out / "labels.csv", "w", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=["file", "kind", "date", "language", "style", "zone", "now"]
        )
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main() -> int:
    src = HERE / "source"
    tuned = build(
        HERE / "tuning",
        sorted(
            p for p in src.glob("*.txt") if not p.name.startswith(("heldout_", "fresh_", "unseen_"))
        ),
    )
    held = build(HERE / "heldout", sorted(src.glob("heldout_*.txt")))
    fresh = build(HERE / "fresh", sorted(src.glob("fresh_*.txt")))
    unseen = build(HERE / "unseen", sorted(src.glob("unseen_*.txt")))
    print(
        f"{len(tuned)} tuning, {len(held)} held-out, {len(fresh)} fresh and {len(unseen)} unseen replies written"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
