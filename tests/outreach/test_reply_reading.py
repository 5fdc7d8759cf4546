"""Reading replies: every intent in every language we read, from every common client,
quoted history and signatures never deciding, a "no" never read as a "yes", dates read
as a person means them in the lead's zone, and `fairchase read` printing what it read.

The labelled corpus is tests/outreach/corpus (tuning/, heldout/ and fresh/, built from
source/*.txt by build.py); the older English corpus is tests/outreach/replies."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from fairchase.outreach import replies
from fairchase.outreach.reading import cues, when
from fairchase.outreach.reading.files import as_json, read_file
from fairchase.outreach.reading.quotes import new_text

CORPUS = Path(__file__).parent / "corpus"
OLD = Path(__file__).parent / "replies"
LANGUAGES = ("en", "de", "fr", "es", "pt", "nl")
PERSON_KINDS = (
    "auto_reply",
    "opt_out",
    "not_interested",
    "later",
    "call_back",
    "interested",
    "unclear",
)


def _rows(split: str) -> list[dict]:
    with open(CORPUS / split / "labels.csv", newline="") as fh:
        return [dict(row, path=CORPUS / split / row["file"]) for row in csv.DictReader(fh)]


ROWS = _rows("tuning") + _rows("heldout") + _rows("fresh")


def _read(row: dict) -> dict:
    return as_json(
        row["path"], read_file(row["path"], row["zone"], datetime.fromisoformat(row["now"]))
    )


def test_the_corpus_has_200_replies_with_every_intent_in_every_language_and_client_style():
    assert len(ROWS) >= 200
    have = {(r["language"], r["kind"]) for r in ROWS}
    assert {(lang, kind) for lang in LANGUAGES for kind in PERSON_KINDS} <= have
    assert {
        "gmail",
        "outlook",
        "outlook-noline",
        "outlookweb",
        "exchange",
        "apple",
        "yahoo",
        "mobile",
        "text",
        "html",
        "bounce-postfix",
        "bounce-exim",
        "bounce-exchange",
    } <= {r["style"] for r in ROWS}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PERSON_KINDS)
def test_each_intent_is_read_in_each_language(lang, kind):
    cases = [r for r in ROWS if r["language"] == lang and r["kind"] == kind]
    wrong = [
        (r["file"], got["kind"], got["evidence"])
        for r in cases
        if (got := _read(r))["kind"] != kind
    ]
    assert cases and not wrong


@pytest.mark.parametrize("row", [r for r in ROWS if r["date"]], ids=lambda r: r["file"])
def test_dates_are_read_within_a_day(row):
    got = _read(row)
    assert got["date"], got
    assert (
        abs((date.fromisoformat(got["date"][:10]) - date.fromisoformat(row["date"])).days) <= 1
    ), got


def test_bounces_from_postfix_exim_and_exchange_are_bounces():
    for row in (r for r in ROWS if r["kind"] == "bounce"):
        assert _read(row)["kind"] == "bounce"


def test_the_language_is_recognised():
    right = sum(_read(r)["language"] == r["language"] for r in ROWS if r["kind"] != "bounce")
    assert right / sum(r["kind"] != "bounce" for r in ROWS) >= 0.97


def test_no_refusal_is_ever_read_as_interest_or_later():
    for row in (r for r in ROWS if r["kind"] in replies.REFUSALS):
        assert _read(row)["kind"] in (*replies.REFUSALS, "unclear"), row["file"]


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


# Each documented convention, written on Tuesday 10 March 2026 at 10:00 in Berlin.
TUESDAY = datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    "text, lang, want",
    [
        ("back on 3 January", "en", "2027-01-03"),  # no year: the next one
        ("Ich bin bis 20.03. nicht da", "de", "2026-03-20"),  # until a day: back that day
        ("absente jusqu'au 16 mars inclus", "fr", "2026-03-17"),  # inclusive: the day after
        ("tomorrow", "en", "2026-03-11"),
        ("pasado mañana", "es", "2026-03-12"),
        ("el viernes por la mañana", "es", "2026-03-13"),
        ("next Tuesday", "en", "2026-03-17"),
        ("on Tuesday", "en", "2026-03-17"),
        ("volgende week dinsdag", "nl", "2026-03-17"),
        ("next week", "en", "2026-03-16"),
        ("la semaine prochaine", "fr", "2026-03-16"),
        ("next month", "en", "2026-04-01"),
        ("end of the month", "en", "2026-03-31"),
        ("in three weeks", "en", "2026-03-31"),
        ("in a couple of weeks", "en", "2026-03-24"),
        ("in a few months", "en", "2026-06-10"),
        ("dentro de un par de meses", "es", "2026-05-10"),
        ("over een maand of twee", "nl", "2026-05-10"),
        ("in June", "en", "2026-06-01"),
        ("Mitte Mai", "de", "2026-05-15"),
        ("end of May", "en", "2026-05-31"),
        ("after March", "en", "2026-04-01"),
        ("Q3", "en", "2026-07-01"),
        ("next quarter", "en", "2026-04-01"),
        ("im dritten Quartal", "de", "2026-07-01"),
        ("in the spring", "en", "2026-03-20"),
        ("in the fall", "en", "2026-09-22"),
        ("after the summer", "en", "2026-09-01"),
        ("à la rentrée", "fr", "2026-09-01"),
        ("nach den Sommerferien", "de", "2026-09-01"),
        ("after Easter", "en", "2026-04-07"),
        ("después de Semana Santa", "es", "2026-04-07"),
        ("after Christmas", "en", "2026-12-27"),
        ("next year", "en", "2027-01-02"),
        ("early 2027", "en", "2027-01-02"),
        ("back on the 23rd", "en", "2026-03-23"),
        ("ab dem 2. wieder da", "de", "2026-04-02"),
        ("volto no dia 23", "pt", "2026-03-23"),
        ("tmrw", "en", "2026-03-11"),
        ("na de zomer", "nl", "2026-09-01"),
        ("después del verano", "es", "2026-09-01"),
        ("at the end of Q2", "en", "2026-06-30"),
        ("Ende des Quartals", "de", "2026-03-31"),
        ("fin d'année", "fr", "2026-12-31"),
        ("en las próximas semanas", "es", "2026-03-31"),
        ("de komende maanden", "nl", "2026-06-10"),
        ("depois do dia 20", "pt", "2026-03-20"),
        ("the week after Easter", "en", "2026-04-13"),
    ],
)
def test_each_date_convention(text, lang, want):
    found = when.best(when.find_dates(text, TUESDAY.date(), "Europe/Berlin", lang))
    if "inclus" in text or "bis" in text:
        found = when.return_date(text, when.find_dates(text, TUESDAY.date(), "Europe/Berlin", lang))
    assert found is not None and found.day.isoformat() == want, found


def test_after_the_holidays_means_january_and_in_spain_after_reyes():
    december = date(2025, 12, 15)
    assert when.best(
        when.find_dates("nach den Feiertagen", december, "Europe/Berlin", "de")
    ).day == date(2026, 1, 2)
    assert when.best(
        when.find_dates("después de las fiestas", december, "Europe/Madrid", "es")
    ).day == date(2026, 1, 7)


def test_seasons_turn_around_south_of_the_equator():
    assert when.best(
        when.find_dates("no verão", date(2026, 3, 10), "America/Sao_Paulo", "pt")
    ).day == date(2026, 12, 21)


def test_dates_are_in_the_leads_zone_and_never_in_the_past():
    written = datetime(2024, 12, 20, 23, 30, tzinfo=UTC)  # already the 21st in Tokyo
    tokyo = replies.read_text("Call me tomorrow at 3pm", written, "Asia/Tokyo")
    assert tokyo.until == datetime(2024, 12, 22, 15, tzinfo=ZoneInfo("Asia/Tokyo"))
    la = replies.read_text("Call me tomorrow at 3pm", written, "America/Los_Angeles")
    assert la.until == datetime(2024, 12, 21, 15, tzinfo=ZoneInfo("America/Los_Angeles"))
    past = replies.read_text(
        "I'm out of the office, back on 2 December.", written, "Europe/London", channel="email"
    )
    assert past.kind == "auto_reply" and past.until.date() == date(2025, 12, 2)


def test_numbers_that_are_not_dates_are_not_dates():
    assert (
        when.find_dates(
            "it costs 1.5 million for 3,000 sq ft, cleaning every two weeks",
            date(2026, 3, 10),
            "UTC",
            "en",
        )
        == []
    )


def test_the_older_english_corpus_is_still_read_right():
    expected = json.loads((OLD / "expected.json").read_text())
    for name, case in expected.items():
        reading = replies.read_message(
            (OLD / f"{name}.eml").read_bytes(), case["zone"], datetime(2025, 1, 14, 23, tzinfo=UTC)
        )
        assert reading.kind == case["kind"], (name, reading)
        got = (
            reading.until.astimezone(ZoneInfo(case["zone"])).strftime("%Y-%m-%d %H:%M")
            if reading.until
            else None
        )
        assert got == case["until"], (name, reading)


def test_the_read_command_prints_one_json_line_per_file(tmp_path):
    sms = tmp_path / "text.txt"
    sms.write_text("Bel me morgen om 10 uur\n")
    files = [
        str(CORPUS / "heldout" / "h-de-05.eml"),
        str(sms),
        str(CORPUS / "tuning" / "t-en-11.eml"),
    ]
    out = io.StringIO()
    call_command(
        "read", *files, "--zone", "Europe/Amsterdam", "--now", "2026-03-10T10:00", stdout=out
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [set(x) for x in lines] == [{"file", "kind", "date", "language", "evidence"}] * 3
    assert lines[0] | {"evidence": ""} == {
        "file": files[0],
        "kind": "auto_reply",
        "date": "2026-03-23",
        "language": "de",
        "evidence": "",
    }
    assert (
        lines[1]["kind"] == "call_back"
        and lines[1]["date"] == "2026-03-11T10:00+01:00"
        and lines[1]["language"] == "nl"
    )
    assert "Bel me" in lines[1]["evidence"] and "morgen" in lines[1]["evidence"]
    assert lines[2]["kind"] == "bounce" and lines[2]["date"] is None


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
