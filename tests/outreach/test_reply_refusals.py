"""A "no" is never read as a "yes": a refusal with a question or doubt stays unclear,
carrier keywords opt out, praise or a date beside a refusal never make it interest or a
later, and whatever a delivery system sends is a bounce."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fairchase.outreach import replies
from fairchase.outreach.reading import cues

LANGUAGES = ("en", "de", "fr", "es", "pt", "nl")


@pytest.mark.parametrize(
    "text",
    [
        "Not interested, but how much is the basic plan?",
        "Kein Interesse an Paket A, aber was kostet Paket B?",
        "Le forfait ne nous intéresse pas, mais combien coûte une intervention ?",
        "No nos interesa el mantenimiento, pero ¿cuánto cuesta una limpieza?",
        "Não temos interesse no plano anual, mas quanto fica uma visita?",
        "Geen interesse in het abonnement, maar wat kost één keer?",
        "Stop emailing me, but send the quote to my colleague.",
        "I'm not sure, maybe. Let me think about it.",
    ],
)
def test_a_refusal_with_a_question_or_a_doubt_stays_unclear(text):
    assert (
        replies.read_text(text, datetime(2026, 3, 10, 9, tzinfo=UTC), "Europe/Berlin").kind
        == "unclear"
    )


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop",
        "Stop.",
        "STOP!",
        "Quit",
        "END",
        "revoke",
        "OPT OUT",
        "opt-out",
        "Cancel",
        "unsubscribe!",
        " Unsubscribe. ",
        "StopAll",
    ],
)
def test_carrier_keywords_in_any_case_and_punctuation_opt_out(text):
    assert cues.carrier_keyword(text)
    assert replies.read_text(text, datetime(2026, 3, 10, 9, tzinfo=UTC), "UTC").kind == "opt_out"


def test_a_stop_inside_a_sentence_is_not_a_carrier_keyword():
    assert not cues.carrier_keyword("Can you stop by on Friday?")
    assert not cues.carrier_keyword("Cancel my Tuesday slot, Thursday works better")


REFUSALS_BY_LANGUAGE = {
    "en": (
        "Sounds great, but",
        "Have a great day!",
        [
            "we went with another company.",
            "we're not interested.",
            "we've decided not to go ahead.",
            "please remove me from your list.",
            "no thanks.",
        ],
    ),
    "de": (
        "Klingt gut, aber",
        "Schönen Tag noch!",
        [
            "wir haben uns für einen anderen Anbieter entschieden.",
            "wir haben kein Interesse.",
            "wir brauchen das nicht mehr.",
            "bitte nehmen Sie mich aus Ihrem Verteiler.",
        ],
    ),
    "fr": (
        "Ça a l'air très bien, mais",
        "Bonne journée !",
        [
            "nous avons choisi un autre prestataire.",
            "ça ne nous intéresse pas.",
            "nous n'avons plus besoin de vos services.",
            "merci de me retirer de votre liste.",
        ],
    ),
    "es": (
        "Suena muy bien, pero",
        "¡Que tenga un buen día!",
        [
            "ya contratamos otra empresa.",
            "no nos interesa.",
            "no lo necesitamos.",
            "por favor, dejen de escribirme.",
        ],
    ),
    "pt": (
        "Parece ótimo, mas",
        "Tenha um ótimo dia!",
        [
            "já fechamos com outro fornecedor.",
            "não temos interesse.",
            "não precisamos.",
            "por favor, removam meu e-mail da lista.",
        ],
    ),
    "nl": (
        "Klinkt goed, maar",
        "Fijne dag nog!",
        [
            "we hebben voor een ander bedrijf gekozen.",
            "we hebben geen interesse.",
            "het is niet nodig.",
            "haal mij uit uw bestand alstublieft.",
        ],
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_praise_and_politeness_around_a_refusal_never_make_it_a_yes(lang):
    praise, closer, refusals = REFUSALS_BY_LANGUAGE[lang]
    sent = datetime(2026, 3, 10, 9, tzinfo=UTC)
    for refusal in refusals:
        for text in (
            refusal.capitalize(),
            f"{praise} {refusal}",
            f"{refusal.capitalize()} {closer}",
            f"{praise} {refusal} {closer}",
        ):
            reading = replies.read_text(text, sent, "Europe/Berlin", channel="email")
            assert reading.kind in replies.REFUSALS, (text, reading)


@pytest.mark.parametrize(
    "text",
    [
        "We went with another company, they start on Monday. Thanks again.",
        "No thanks, we signed a contract last week that runs until December.",
        "Wir haben uns für einen anderen Anbieter entschieden, der ab April bei uns reinigt.",
        "Ya contratamos otra empresa que empieza el lunes.",
        "Nous avons choisi un autre prestataire qui commence en avril.",
        "We signed a contract with another company that runs until December.",
        "Wir haben einen Vertrag mit einer anderen Firma bis Dezember.",
    ],
)
def test_a_date_that_goes_with_a_refusal_does_not_make_it_a_later(text):
    reading = replies.read_text(
        text, datetime(2026, 3, 10, 9, tzinfo=UTC), "Europe/Berlin", channel="email"
    )
    assert reading.kind == "not_interested", reading


@pytest.mark.parametrize(
    "text",
    [
        "Next month we move into a serviced building, so we will not be requiring cleaners any more.",
        "Ab April sitzen wir in einem Gebäude mit Hausmeisterservice, das wird sich also nicht ergeben.",
        "En mayo nos trasladamos a otra sede y allí no hará falta.",
    ],
)
def test_a_date_with_a_negation_it_cannot_place_is_never_a_later(text):
    reading = replies.read_text(
        text, datetime(2026, 3, 10, 9, tzinfo=UTC), "Europe/Berlin", channel="email"
    )
    assert reading.kind in ("not_interested", "unclear"), reading


@pytest.mark.parametrize(
    "sender, subject, body",
    [
        (
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "Delivery Status Notification (Failure)",
            "Your message wasn't delivered to ann@example.test because the address couldn't be found.\n550 5.1.1",
        ),
        (
            "postmaster@example.test",
            "Unzustellbar: Ihre Anfrage",
            "Ihre Nachricht konnte nicht zugestellt werden.",
        ),
        (
            "MAILER-DAEMON (Mail Delivery System)",
            "Returned mail: see transcript for details",
            "permanent fatal errors",
        ),
        (
            "Microsoft Outlook <MicrosoftExchange329e71ec@contoso.test>",
            "Undeliverable: Your enquiry",
            "Delivery has failed",
        ),
        (
            "Mail Delivery System <MAILER-DAEMON@mx.example.test>",
            "Warning: message delayed 4 hours",
            "This is a warning only; you do not need to resend.",
        ),
    ],
)
def test_whatever_a_delivery_system_sends_is_a_bounce_never_an_answer(sender, subject, body):
    raw = f"From: {sender}\nTo: tom@fairchase.test\nSubject: {subject}\nDate: Tue, 10 Mar 2026 09:00:00 +0000\n\n{body}\n"
    assert replies.read_message(raw, "UTC", datetime(2026, 3, 10, 9, tzinfo=UTC)).kind == "bounce"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, we are still interested, if it is not too late. Please send the quote.",
        "Wir sind weiterhin interessiert, falls es nicht zu spät ist. Schicken Sie das Angebot.",
        "Nous sommes toujours intéressés, si ce n'est pas trop tard. Envoyez le devis.",
        "Seguimos interesados, si no es demasiado tarde. Envíenos el presupuesto.",
        "Ainda temos interesse, se não for tarde demais. Enviem o orçamento.",
        "We zijn nog steeds geïnteresseerd, als het niet te laat is. Stuur de offerte maar.",
    ],
)
def test_a_not_inside_if_not_too_late_takes_back_no_interest(text):
    got = replies.read_text(
        text, datetime(2026, 3, 10, 9, tzinfo=UTC), "Europe/Berlin", learner=None
    )
    assert got.kind == "interested", got


@pytest.mark.parametrize(
    "text",
    [
        "If it is not too late to say so: we are not interested anymore.",
        "Falls es nicht zu spät ist: wir haben kein Interesse mehr.",
        "Si ce n'est pas trop tard, sachez que cela ne nous intéresse plus.",
    ],
)
def test_a_refusal_beside_if_not_too_late_is_still_a_refusal(text):
    got = replies.read_text(
        text, datetime(2026, 3, 10, 9, tzinfo=UTC), "Europe/Berlin", learner=None
    )
    assert got.kind == "not_interested", got
