"""Replies that ask for nothing and refuse nothing stay unclear (for a person, never
acted on); out-of-offices without headers, revisits and call-backs in paraphrase are read
with their dates. (First runs: 44/46 stayed unclear; 27/28 dated ones, one Dutch "laten
we" read as interest.)"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fairchase.outreach import replies
from tests.outreach.paraphrase_cases import case_ids, read

# Replies that ask for nothing and refuse nothing: for a person, never acted on.
U = {
    "en": [
        "Thanks for the info.",
        "Received, thanks.",
        "Are you insured?",
        "Do you bring your own supplies?",
        "Let me check with the team and get back to you.",
        "What's this regarding?",
        "I'm not the decision maker here.",
        "Hmm, not sure yet.",
        "Can you remind me who you are?",
        "I'll have a look and let you know.",
        "Maybe, depends on the price.",
    ],
    "de": [
        "Danke für die Info.",
        "Erhalten, danke.",
        "Sind Sie versichert?",
        "Bringen Sie eigenes Material mit?",
        "Worum geht es?",
        "Ich bin nicht der Entscheider.",
        "Ich schaue es mir an und melde mich.",
        "Mal sehen, kommt auf den Preis an.",
    ],
    "es": [
        "Gracias por la información.",
        "Recibido, gracias.",
        "¿Tienen seguro?",
        "¿Traen sus propios productos?",
        "¿De qué se trata?",
        "Yo no decido esto.",
        "Lo miro y te digo.",
        "Quizás, depende del precio.",
    ],
    "fr": [
        "Merci pour l'info.",
        "Bien reçu, merci.",
        "Êtes-vous assurés ?",
        "C'est à quel sujet ?",
        "Je regarde et je vous dis.",
        "Peut-être, ça dépend du prix.",
    ],
    "pt": [
        "Obrigado pela informação.",
        "Recebido, obrigado.",
        "Vocês têm seguro?",
        "Do que se trata?",
        "Vou ver e te falo.",
        "Talvez, depende do preço.",
    ],
    "nl": [
        "Bedankt voor de info.",
        "Ontvangen, bedankt.",
        "Zijn jullie verzekerd?",
        "Waar gaat het over?",
        "Ik kijk ernaar en laat het weten.",
        "Misschien, hangt af van de prijs.",
    ],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in U.items() for t in texts])
def test_replies_that_neither_ask_nor_refuse_stay_unclear(lang, text):
    reading = replies.read_text(
        text, datetime(2026, 3, 10, 9, tzinfo=UTC), "Europe/Berlin", channel="email"
    )
    assert reading.kind == "unclear", reading


# Out-of-offices without any header, revisits and call-backs, each with its date.
A = [
    ("auto_reply", "en", "I'm currently away and will return on March 23.", "2026-03-23"),
    (
        "auto_reply",
        "en",
        "Thanks for your email. I'm on holiday until 20 March with no access to email.",
        "2026-03-20",
    ),
    ("auto_reply", "en", "I am out of office today. I will reply tomorrow.", "2026-03-11"),
    (
        "auto_reply",
        "de",
        "Ich bin zurzeit im Urlaub und ab dem 23. März wieder im Büro.",
        "2026-03-23",
    ),
    (
        "auto_reply",
        "de",
        "Vielen Dank für Ihre Nachricht. Ich bin bis Freitag abwesend.",
        "2026-03-13",
    ),
    (
        "auto_reply",
        "es",
        "Estoy de vacaciones hasta el 20 de marzo, sin acceso al correo.",
        "2026-03-20",
    ),
    ("auto_reply", "es", "Gracias por su mensaje. Estaré fuera hasta el lunes.", "2026-03-16"),
    (
        "auto_reply",
        "fr",
        "Je suis en congés jusqu'au 20 mars. Je vous répondrai à mon retour.",
        "2026-03-20",
    ),
    (
        "auto_reply",
        "pt",
        "Estou de férias até 20 de março. Responderei quando voltar.",
        "2026-03-20",
    ),
    ("auto_reply", "nl", "Ik ben met vakantie tot 20 maart en lees mijn mail niet.", "2026-03-20"),
    ("later", "en", "Let's pick this up in April.", "2026-04-01"),
    ("later", "en", "Circle back with me in two weeks.", "2026-03-24"),
    ("later", "de", "Lassen Sie uns im April weitersprechen.", "2026-04-01"),
    ("later", "de", "Bitte melden Sie sich in zwei Wochen wieder.", "2026-03-24"),
    ("later", "es", "Hablemos en abril.", "2026-04-01"),
    ("later", "es", "Escríbeme dentro de dos semanas.", "2026-03-24"),
    ("later", "fr", "Reparlons-en en avril.", "2026-04-01"),
    ("later", "fr", "Relancez-moi dans deux semaines.", "2026-03-24"),
    ("later", "pt", "Vamos falar sobre isso em abril.", "2026-04-01"),
    ("later", "pt", "Me procura daqui a duas semanas.", "2026-03-24"),
    ("later", "nl", "Laten we het in april oppakken.", "2026-04-01"),
    ("later", "nl", "Neem over twee weken weer contact op.", "2026-03-24"),
    ("call_back", "en", "Call me Thursday at 3pm.", "2026-03-12"),
    ("call_back", "de", "Rufen Sie mich Donnerstag um 15 Uhr an.", "2026-03-12"),
    ("call_back", "es", "Llámame el jueves a las 15h.", "2026-03-12"),
    ("call_back", "fr", "Appelez-moi jeudi à 15h.", "2026-03-12"),
    ("call_back", "pt", "Me liga quinta às 15h.", "2026-03-12"),
    ("call_back", "nl", "Bel me donderdag om 15.00 uur.", "2026-03-12"),
]


@pytest.mark.parametrize("kind, lang, text, day", A, ids=case_ids(A))
def test_each_dated_paraphrase_is_read_with_its_date(kind, lang, text, day):
    reading = read(text)
    assert reading.kind == kind and reading.language == lang, reading
    assert abs((reading.until.date() - date.fromisoformat(day)).days) <= 1, reading
