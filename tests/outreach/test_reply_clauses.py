"""Reading clause by clause, by each language's grammar rather than set phrases: contact
and its end opt out, a negated need or a decision for someone else refuses, a noun of the
offer asks for it only where its sentence asks or approves, praise before a turn to a
"no" asks for nothing, and interest is never read past a negation no step could place.
(The sentences here are none of the corpus's.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fairchase.outreach import replies
from fairchase.outreach.reading.quotes import new_text

SENT = datetime(2026, 3, 10, 9, tzinfo=UTC)


def kind_of(text: str, channel: str = "email") -> str:
    return replies.read_text(text, SENT, "Europe/Berlin", channel=channel).kind


@pytest.mark.parametrize(
    "text",
    [
        "Kindly send no further mailings to our office.",
        "Wir möchten künftig keine Werbung mehr von Ihnen bekommen.",
        "Je ne veux plus recevoir vos courriels.",
        "No quiero recibir más correos suyos.",
        "Não quero receber mais e-mails de vocês.",
        "Ik wil geen nieuwsbrieven meer van jullie.",
        "Please erase this address from your list.",
    ],
)
def test_a_clause_naming_contact_and_its_end_opts_out(text):
    assert kind_of(text) == "opt_out"


@pytest.mark.parametrize(
    "text",
    [
        "Honestly it wouldn't be worth it for a place our size.",
        "Eine Reinigungsfirma brauchen wir in Zukunft nicht.",
        "Le nettoyage externe, on n'en a pas besoin.",
        "En realidad no lo necesitamos para nada.",
        "A gente não precisa disso no momento, obrigado.",
        "Dat is voor ons niet nodig.",
        "We voted against outsourcing at the last meeting.",
        "Wir haben einen anderen Dienstleister beauftragt.",
    ],
)
def test_a_negated_need_or_a_decision_for_someone_else_refuses(text):
    assert kind_of(text) in replies.REFUSALS


@pytest.mark.parametrize(
    "text",
    [
        "We don't really need it, but what would a monthly clean cost?",
        "Brauchen wir eigentlich nicht. Oder lohnt sich das doch?",
        "Wir haben einen anderen Dienstleister beauftragt, wären Sie günstiger?",
    ],
)
def test_a_refusal_read_from_grammar_with_a_question_stays_unclear(text):
    assert kind_of(text) == "unclear"


@pytest.mark.parametrize(
    "text",
    [
        "That sounds lovely, but we just hired a cleaner of our own.",
        "Klingt gut, aber das brauchen wir nicht.",
        "C'est gentil, mais ce n'est pas pour nous.",
        "Suena bien, pero no lo necesitamos.",
        "Parece ótimo, mas não precisamos.",
        "Klinkt goed, maar we hebben het niet nodig.",
    ],
)
def test_praise_before_a_turn_to_a_no_is_never_a_yes(text):
    assert kind_of(text) not in ("interested", "later", "call_back")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Your price was far above what the committee expected.", "unclear"),
        ("What would the price be for two floors?", "interested"),
        ("Please send a price for two floors.", "interested"),
        ("The price looks fair to us.", "interested"),
        ("Der Preis lag deutlich über unserem Rahmen.", "unclear"),
        ("Der Preis ist in Ordnung.", "interested"),
    ],
)
def test_a_noun_of_the_offer_asks_for_it_only_where_its_sentence_asks_or_approves(text, kind):
    assert kind_of(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Sounds great. We can't commit to anything before the board meets though.",
        "Super Angebot. Zusagen kann ich Ihnen nichts.",
        "Parfait, mais je ne garantis rien.",
    ],
)
def test_interest_is_never_read_past_a_negation_it_cannot_place(text):
    assert kind_of(text) not in ("interested", "later", "call_back")


@pytest.mark.parametrize(
    "text",
    [
        "No problem, please send the quote.",
        "Why not, send us the offer.",
        "We're not uninterested: what would a weekly clean cost?",
        "Kein Problem, schicken Sie uns das Angebot.",
    ],
)
def test_negations_that_take_nothing_back_do_not_stop_a_yes(text):
    assert kind_of(text) == "interested"


def test_a_reply_written_below_or_between_the_quoted_lines_is_read():
    bottom = "> Are you still interested?\n\nWe are, send over the contract.\n\nRegards,\nAmy"
    between = (
        "On Mon, 9 Mar 2026 at 16:05 Tom Baker <tom@fairchase.test> wrote:\n"
        "> Are you still interested?\nYes, very.\n> I could send a quote.\nPlease do.\n"
    )
    assert new_text(bottom) == "We are, send over the contract."
    assert new_text(between) == "Yes, very.\nPlease do."
    assert kind_of(new_text(bottom)) == "interested"


@pytest.mark.parametrize("text", ["STOP", "Stop.", "unsubscribe", "Abmelden"])
def test_a_stop_word_alone_opts_out_in_a_mail_too(text):
    # Our mails end "or reply STOP": a mail saying only that is as clear as the text.
    assert kind_of(text, channel="email") == "opt_out"


@pytest.mark.parametrize(
    "text",
    [
        "We've opted not to go ahead this year.",
        "Wir haben uns entschieden, das nicht weiterzuverfolgen.",
        "Le projet est gelé sine die.",
        "Lo dejamos como está, gracias.",
        "Vamos manter tudo como sempre foi.",
        "We laten alles bij het oude.",
        "The project has been shelved indefinitely.",
    ],
)
def test_a_decision_not_to_an_indefinite_deferral_or_the_status_quo_refuses(text):
    assert kind_of(text) in replies.REFUSALS


def test_a_refusal_not_until_a_date_with_a_follow_up_is_a_later():
    reading = replies.read_text(
        "We can't sign anything before the budget round in May. Follow up then?",
        SENT,
        "Europe/Berlin",
        channel="email",
    )
    assert reading.kind == "later" and reading.until.date().isoformat() == "2026-05-01"


@pytest.mark.parametrize(
    "text",
    [
        "We'll take the monthly package, how do we proceed?",
        "Wir wählen die Variante mit zwei Terminen pro Woche.",
        "Nous retenons la formule hebdomadaire.",
        "Elegimos la opción mensual.",
        "Escolhemos o pacote semanal.",
        "We gaan voor het maandelijkse pakket.",
    ],
)
def test_taking_one_of_our_options_is_a_yes(text):
    assert kind_of(text) == "interested"


@pytest.mark.parametrize(
    "text",
    [
        "Neither now nor later, thanks.",
        "We're all set on that front, thanks.",
        "Wir sind da bestens versorgt.",
        "Ni maintenant ni jamais.",
        "Ya estamos bien servidos, gracias.",
        "Já estamos muito bem atendidos.",
        "We zijn al prima voorzien.",
    ],
)
def test_never_or_already_covered_refuses(text):
    assert kind_of(text) in replies.REFUSALS


def test_a_period_ruled_out_before_a_later_date_is_a_later():
    reading = replies.read_text(
        "Im Dezember geht bei uns gar nichts. Ende Januar können wir gern reden.",
        SENT,
        "Europe/Berlin",
        channel="email",
    )
    assert reading.kind == "later" and reading.until.date().isoformat() == "2027-01-31"


@pytest.mark.parametrize("text", ["no más mensajes", "NO MAS CORREOS"])
def test_no_mas_ends_contact_though_mas_is_portuguese_for_but(text):
    assert kind_of(text) == "opt_out"


@pytest.mark.parametrize(
    "text",
    [
        "Great. Please don't send anyone before 8am though. When can you start?",
        "Ja, gerne. Bitte nicht vor 8 Uhr kommen. Wann können Sie anfangen?",
        "Oui, envoyez le devis, je ne suis pas pressé.",
        "I have no objection, go ahead.",
    ],
)
def test_a_negation_that_sets_a_time_or_takes_nothing_back_leaves_a_yes(text):
    assert kind_of(text) == "interested"


def test_not_yet_is_no_refusal():
    # "can't commit before the board meets" is doubt about when, not a "no".
    assert kind_of("Sounds great. We can't commit to anything before the board meets.") == (
        "unclear"
    )
