"""The reader's learned vocabulary (`reading/learned.py`): it learns from a person's
corrections, the safety rule holds against whatever it learns, it is deterministic, and
it reads only what the rules leave unclear. (Its held-out figures: bench/replies.py.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fairchase.outreach import replies, replies_learning
from fairchase.outreach.inbound import correct
from fairchase.outreach.models import InboundMessage, ReadingCorrection
from fairchase.outreach.reading import learned

from .test_reply_actions import _text_in

SENT = datetime(2026, 3, 10, 9, tzinfo=UTC)


def _read(text: str, learner="shipped", channel="email") -> replies.Reading:
    return replies.read_text(text, SENT, "Europe/London", channel=channel, learner=learner)


def test_a_corrected_reading_changes_the_reading_of_the_next_similar_reply(
    alice, make_lead, settings
):
    lead = make_lead(alice, phone="+12125550123", consents=["sms"])
    _text_in(settings, "Alright go on then, pencil us in.", "+12125550123", "SM1")
    first = InboundMessage.objects.get(lead=lead)
    assert first.kind == "unclear"
    similar = "Go on then, you can pencil us in."
    assert _read(similar, replies_learning.learner(), "text").kind == "unclear"

    correct(first, "interested", alice)
    assert ReadingCorrection.objects.filter(right_kind="interested").count() == 1
    _text_in(settings, similar, "+12125550123", "SM2")
    second = InboundMessage.objects.filter(lead=lead).exclude(pk=first.pk).get()
    assert second.kind == "interested", second.evidence
    # The evidence a person sees names the words that weighed most.
    assert second.evidence.startswith("learned") and '"pencil"' in second.evidence


def test_the_read_command_reads_as_the_worker_with_the_corrections(
    alice, make_lead, settings, tmp_path
):
    import io
    import json

    from django.core.management import call_command

    saved = tmp_path / "reply.txt"
    saved.write_text("Go on then, you can pencil us in.\n")

    def read() -> dict:
        out = io.StringIO()
        call_command("read", str(saved), "--zone", "Europe/London", stdout=out)
        return json.loads(out.getvalue())

    assert read()["kind"] == "unclear"
    lead = make_lead(alice, phone="+12125550125", consents=["sms"])
    _text_in(settings, "Alright go on then, pencil us in.", "+12125550125", "SM4")
    correct(InboundMessage.objects.get(lead=lead), "interested", alice)
    assert read()["kind"] == "interested"


def test_the_shipped_examples_are_the_corpus_as_the_reader_separates_it():
    # After the corpus changes: python -m bench.replies examples
    import csv

    from bench.replies import examples

    with open(learned.EXAMPLES, newline="", encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)) == examples()


@pytest.mark.parametrize(
    "corrected, kind, similar",
    [
        (
            "Na gut, dann probieren wir es mal aus.",
            "interested",
            "Na gut, probieren wir es halt mal aus.",
        ),
        ("Le patron dit niet, désolé.", "not_interested", "Désolé, le patron a dit niet."),
        (
            "Nee joh, daar beginnen we niet aan.",
            "not_interested",
            "Daar beginnen we echt niet aan, sorry.",
        ),
    ],
)
def test_one_correction_teaches_the_reading_of_similar_replies(corrected, kind, similar):
    assert _read(similar).kind == "unclear"
    taught = learned.learner((learned.Example(corrected, kind, "", "correction"),))
    got = _read(similar, taught)
    assert got.kind == kind and got.evidence.startswith("learned"), got


def test_a_message_corrected_twice_teaches_its_last_correction_only(alice, make_lead, settings):
    lead = make_lead(alice, phone="+12125550124", consents=["sms"])
    _text_in(settings, "Alright go on then, pencil us in.", "+12125550124", "SM3")
    got = InboundMessage.objects.get(lead=lead)
    got = correct(got, "interested", alice)
    correct(got, "unclear", alice)
    assert [(e.text, e.kind) for e in replies_learning.corrections()] == [
        ("Alright go on then, pencil us in.", "unclear")
    ]


def test_the_safety_rule_holds_against_a_classifier_taught_that_refusals_are_interest():
    refusal = "We are not interested, but your offer sounds great and the price is fair."
    taught = learned.Learner(
        list(learned.shipped()) + [learned.Example(refusal, "interested", "en", "correction")] * 50
    )
    assert taught.weigh(refusal).kind == "interested"  # it has learned the wrong lesson
    for text in (
        refusal,
        "We're not interested. Sounds great though, and the price is fair.",
        "Nein danke, kein Interesse, auch wenn das Angebot toll klingt.",
    ):
        assert _read(text, taught).kind in ("not_interested", "unclear"), text


def test_it_never_reads_interest_where_it_finds_a_refusal_likely():
    # Taught that one wording is a refusal, it finds a refusal likely in a reply the rules
    # cannot place, so it does not read interest there even where interest is likelier.
    text = "Righto, crack on with the windows then, cheers."
    examples = list(learned.shipped())
    plain = learned.Learner(examples)
    torn = learned.Learner(
        examples + [learned.Example("Righto, cheers then, crack on.", "not_interested")] * 3
    )
    w = torn.weigh(text)
    assert _read(text, None).kind == "unclear"
    assert w.refusal > 0.10 and _read(text, torn).kind in ("not_interested", "unclear")
    assert plain.weigh(text).probabilities != w.probabilities


def test_a_refusal_the_rules_read_stays_a_refusal_whatever_the_classifier_learned():
    text = "No thanks, we're not interested in a cleaning contract."
    taught = learned.Learner(
        list(learned.shipped()) + [learned.Example(text, "interested", "en", "correction")] * 50
    )
    assert taught.weigh(text).kind == "interested"
    got = _read(text, taught)
    assert got.kind == "not_interested" and not got.evidence.startswith("learned")


def test_a_yes_of_the_rules_that_the_classifier_finds_a_refusal_goes_to_a_person():
    # As with "I'd love to, but we just put pen to paper with another outfit": the rules
    # read a yes, the classifier (here taught so) finds a refusal likely.
    text = "Please call me tomorrow at 10."
    assert _read(text, None).kind == "call_back"
    taught = learned.Learner(
        list(learned.shipped()) + [learned.Example(text, "not_interested", "en", "correction")] * 50
    )
    got = _read(text, taught)
    assert got.kind == "unclear" and "call_back by the rules, but learned" in got.evidence
    assert _read(text).kind == "call_back"


def test_a_refusal_resting_on_thanks_alone_is_no_refusal():
    for text in (
        "Thanks a lot for the information.",
        "Vielen Dank für die Informationen.",
        "Muchas gracias por la información.",
        "Muchas gracias por su correo.",
        "Heel erg bedankt voor uw bericht.",
        "Merci beaucoup pour votre message.",
        "Muito obrigada pelo seu e-mail.",
    ):
        assert _read(text).kind == "unclear", text


def test_it_reads_refusals_in_words_no_rule_lists_from_replies_it_has_not_seen():
    # Trained without batch b5 (as the benchmark's leave-one-batch-out does), it reads
    # b5's "we're happy with the company we have, I'll pass" in three languages.
    learner = learned.Learner([e for e in learned.shipped() if e.source != "b5"])
    for text in (
        "Sinceramente estamos satisfeitos com a empresa que temos, vou passar.",
        "Sinceramente estamos contentos con la empresa que tenemos, paso.",
        "Ehrlich gesagt sind wir mit unserer Firma zufrieden, ich passe.",
    ):
        assert _read(text, None).kind == "unclear", text
        got = _read(text, learner)
        assert got.kind == "not_interested" and got.evidence.startswith("learned"), got


def test_training_is_deterministic():
    examples = learned.shipped()
    a, b = learned.Learner(examples), learned.Learner(tuple(reversed(examples)))
    for text in (
        "Go on then, you can pencil us in.",
        "Kurz gesagt: nein, das Budget ist weg.",
        "Pourriez-vous passer jeudi prochain ?",
    ):
        wa, wb = a.weigh(text), b.weigh(text)
        assert wa.kind == wb.kind and wa.words == wb.words
        assert all(abs(wa.probabilities[k] - wb.probabilities[k]) < 1e-9 for k in learned.LEARNED)


def test_the_fitted_classifier_is_kept_until_the_corrections_change():
    extra = (learned.Example("Alright go on then, pencil us in.", "interested"),)
    assert learned.learner() is learned.learner()
    assert learned.learner(extra) is learned.learner(extra)
    assert learned.learner(extra) is not learned.learner()
