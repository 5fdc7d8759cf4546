"""Words in the quoted history (our own question, our offer to call, our unsubscribe
line), in phones' signatures and in an HTML reply's blockquote never decide a reading."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fairchase.outreach import replies
from fairchase.outreach.reading.quotes import new_text

LANGUAGES = ("en", "de", "fr", "es", "pt", "nl")

# Our follow-up as each client quotes it: it asks "still interested?", offers a call and
# carries our unsubscribe line. None of that may decide what the reply says.
OUR_FOLLOW_UP = {
    "en": (
        "On Mon, 9 Mar 2026 at 16:05, Tom <tom@fairchase.test> wrote:",
        "Are you still interested? Happy to call you tomorrow. Not interested? Unsubscribe here or reply STOP.",
    ),
    "de": (
        "Am Mo., 9. März 2026 um 16:05 Uhr schrieb Tom <tom@fairchase.test>:",
        "Haben Sie noch Interesse? Ich rufe Sie gerne morgen an. Kein Interesse? Hier abmelden.",
    ),
    "fr": (
        "Le lun. 9 mars 2026 à 16:05, Tom <tom@fairchase.test> a écrit :",
        "Êtes-vous toujours intéressé ? Je peux vous appeler demain. Pour ne plus recevoir nos messages, désabonnez-vous.",
    ),
    "es": (
        "El lun, 9 mar 2026 a las 16:05, Tom (<tom@fairchase.test>) escribió:",
        "¿Sigue interesado? Puedo llamarle mañana. Si no desea recibir más correos, darse de baja aquí.",
    ),
    "pt": (
        "Em seg., 9 de mar. de 2026 às 16:05, Tom <tom@fairchase.test> escreveu:",
        "Ainda tem interesse? Posso ligar amanhã. Não quer mais receber? Cancelar inscrição.",
    ),
    "nl": (
        "Op ma 9 mrt 2026 om 16:05 schreef Tom <tom@fairchase.test>:",
        "Heeft u nog interesse? Ik bel u morgen graag. Geen interesse? Afmelden.",
    ),
}
OUTLOOK_HEADERS = {
    "en": ("From", "Sent", "To", "Subject"),
    "de": ("Von", "Gesendet", "An", "Betreff"),
    "fr": ("De", "Envoyé", "À", "Objet"),
    "es": ("De", "Enviado el", "Para", "Asunto"),
    "pt": ("De", "Enviado", "Para", "Assunto"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp"),
}
NEUTRAL = {
    "en": "Thanks Tom, got it.",
    "de": "Danke Tom, habe es erhalten.",
    "fr": "Merci Tom, bien reçu.",
    "es": "Gracias Tom, recibido.",
    "pt": "Obrigado Tom, recebido.",
    "nl": "Dank je Tom, ontvangen.",
}


def _quoted_styles(lang: str) -> dict[str, str]:
    line, ours = OUR_FOLLOW_UP[lang]
    f, s, t, subj = OUTLOOK_HEADERS[lang]
    block = f"{f}: Tom <tom@fairchase.test>\n{s}: Monday, 9 March 2026 16:05\n{t}: Ann <ann@example.test>\n{subj}: Re\n\n{ours}"
    return {
        "gmail": f"{line}\n> {ours}",
        "outlook without >": block,
        "outlook with a line": "_" * 32 + "\n" + block,
        "original message": "-----Original Message-----\n" + block,
        "bare > quote": "> " + ours,
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_words_in_the_quoted_history_never_decide(lang):
    sent = datetime(2026, 3, 10, 9, tzinfo=UTC)
    for style, history in _quoted_styles(lang).items():
        reading = replies.read_text(
            f"{NEUTRAL[lang]}\n\n{history}\n", sent, "Europe/Berlin", channel="email"
        )
        assert reading.kind == "unclear", (style, reading)
        assert reading.text == NEUTRAL[lang], (style, reading.text)


def test_signatures_from_phones_are_not_part_of_the_reply():
    for sig in (
        "Sent from my iPhone",
        "Von meinem iPhone gesendet",
        "Envoyé de mon iPhone",
        "Enviado desde mi Galaxy",
        "Enviado do meu iPhone",
        "Verstuurd vanaf mijn iPhone",
        "Get Outlook for Android",
        "--\nTom",
    ):
        assert new_text(f"Sounds good.\n\n{sig}\nUnsubscribe") == "Sounds good."


def test_an_html_reply_is_read_without_its_blockquote():
    html = (
        '<html><body><div>Bitte rufen Sie mich morgen an.</div><div class="gmail_quote"><blockquote>'
        "Kein Interesse? Hier abmelden.</blockquote></div></body></html>"
    )
    raw = f"From: a@example.test\nDate: Tue, 10 Mar 2026 09:00:00 +0100\nContent-Type: text/html; charset=utf-8\n\n{html}"
    reading = replies.read_message(raw, "Europe/Berlin", datetime(2026, 3, 10, 9, tzinfo=UTC))
    assert (
        reading.kind == "call_back"
        and reading.until.date() == date(2026, 3, 11)
        and reading.language == "de"
    )
