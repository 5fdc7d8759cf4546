"""A request NOT to stop ("Please don't stop emailing me", "Bitte hören Sie nicht auf",
"Stop calling me so rarely!") is no opt-out: an opt-out is final, so a person reads it. A
company footer or disclaimer's "unsubscribe" is boilerplate, never the person's request
(eval28 findings 1 and 2: real mails as they came out of a Dovecot inbox)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from fairchase.outreach import replies

MAILS = Path(__file__).parent / "eval28"
RECEIVED = datetime(2026, 12, 7, 10, tzinfo=UTC)


def read(name: str) -> replies.Reading:
    return replies.read_message((MAILS / name).read_bytes(), "Europe/Berlin", RECEIVED)


def mail(body: str) -> bytes:
    """A plain-text reply to our email, as a mail client writes it."""
    msg = EmailMessage()
    msg["From"] = "Pat <pat@customer.example>"
    msg["To"] = "sales@acme-roofing.example"
    msg["Subject"] = "Re: Your roof quote from Acme Roofing"
    msg["Date"] = "Mon, 07 Dec 2026 09:53:44 -0000"
    msg["Message-ID"] = "<reply@customer.example>"
    msg["In-Reply-To"] = "<ours@acme-roofing.example>"
    msg.set_content(body)
    return bytes(msg)


@pytest.mark.parametrize(
    "name",
    [
        "dont_stop.eml",
        "n_dontremove.eml",
        "neg_unsub.eml",
        "n_de_nicht.eml",
        "n_rarely.eml",
        "n_march.eml",
    ],
)
def test_a_request_not_to_stop_from_the_inbox_is_for_a_person(name):
    reading = read(name)
    assert reading.kind == "unclear", (reading.text, reading.evidence)


@pytest.mark.parametrize(
    "body",
    [
        "Please don't stop emailing me, I'm still very interested, just busy.",
        "Don't remove me from your list, I'm interested!",
        "No I don't want to unsubscribe, I want the quote! Why did you ask?",
        "I never said stop, please keep me posted.",
        "Stop calling me so rarely!",
        "Bitte hören Sie nicht auf, mir zu schreiben, ich bin interessiert.",
        "Bitte melden Sie mich nicht ab, ich bin interessiert.",
        "N'arrêtez pas de m'écrire, je suis intéressé.",
        "Ne me désabonnez pas, s'il vous plaît.",
        "No dejen de escribirme, me interesa.",
        "No me den de baja, por favor.",
        "Não parem de me escrever, tenho interesse.",
        "Não me removam da lista, por favor.",
        "Stop niet met mailen, ik heb interesse.",
        "Ik wil me niet afmelden, stuur de offerte.",
    ],
)
def test_a_negation_governing_the_stop_verb_is_never_an_opt_out(body):
    reading = replies.read_message(mail(body), "Europe/Berlin", RECEIVED)
    assert reading.kind == "unclear", reading.evidence


@pytest.mark.parametrize(
    "body",
    [
        "Please stop emailing me.",
        "I'm not interested so stop emailing me.",
        "Why don't you stop emailing me?",
        "If you don't stop emailing me I will report you.",
        "Don't email me again.",
        "Hören Sie auf, mir zu schreiben.",
        "Arrêtez de m'envoyer des mails.",
        "Dejen de escribirme.",
        "Parem de me enviar emails.",
        "Stop met mailen.",
    ],
)
def test_a_stop_that_no_negation_governs_still_opts_out(body):
    reading = replies.read_message(mail(body), "Europe/Berlin", RECEIVED)
    assert reading.kind == "opt_out", reading.evidence


def test_an_interested_reply_with_a_legal_footer_is_interest():
    reading = read("legal.eml")
    assert reading.kind == "interested", reading.evidence
    assert "unsubscribe" not in reading.text
    assert reading.text.startswith("Sounds good, please send me the quote.")


@pytest.mark.parametrize(
    "body",
    [
        "Yes please send the quote.\n\nTo unsubscribe from our newsletter, click here.",
        "Yes please send the quote.\n\nP.S. If you don't want to hear from us again, just ignore this.",
        "Ja, bitte schicken Sie das Angebot.\n\nWenn Sie unseren Newsletter nicht mehr erhalten möchten, klicken Sie hier.",
        "Oui, envoyez-moi le devis.\n\nPour vous désabonner de notre newsletter, cliquez ici.",
    ],
)
def test_a_footer_below_a_yes_never_decides(body):
    reading = replies.read_message(mail(body), "Europe/Berlin", RECEIVED)
    assert reading.kind == "interested", reading.evidence


def test_a_footer_sentence_inside_the_text_never_opts_out():
    body = (
        "Yes please send the quote. If you no longer wish to receive our emails, unsubscribe here."
    )
    reading = replies.read_message(mail(body), "Europe/Berlin", RECEIVED)
    assert reading.kind not in ("opt_out", "not_interested"), reading.evidence
