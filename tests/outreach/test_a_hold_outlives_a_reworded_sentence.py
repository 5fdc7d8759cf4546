"""What holds a lead for a person is stored on the message when it is read (its `hold`), not
read back from the first words of its evidence: a sentence for people, which a later version
may reword, a translation may change and the 255-character cut may shorten. Reworded, a held
request to stop still holds (before, the person who maybe asked to stop was silently chased
again), a held bounce is still confirmed for the address it named, and a refusal of email
is still taken back by a correction of the reading."""

from __future__ import annotations

from django.utils import timezone

from fairchase.leads import planning, reach
from fairchase.leads.models import Status, Suppression
from fairchase.outreach import bounces, former, held, inbound, replies
from fairchase.outreach.models import InboundMessage
from fairchase.outreach.replies import Reading

Kind = InboundMessage.Kind
REWORDED = "Wants no more mail; sender unverified"


def _reworded(got: InboundMessage) -> InboundMessage:
    InboundMessage.objects.filter(pk=got.pk).update(evidence=REWORDED)
    return InboundMessage.objects.get(pk=got.pk)


def _recorded(lead, reading: Reading, key: str = "<m1@else.test>") -> InboundMessage:
    got = inbound.record_inbound(
        key=key,
        lead=lead,
        channel="email",
        sender=lead.email,
        subject="stop",
        reading=reading,
        received_at=timezone.now(),
    )
    assert got is not None
    return got


def test_a_held_stop_whose_sentence_is_reworded_is_still_held(alice, make_lead):
    lead = make_lead(alice, name="Nina Ford", email="nina@example.com")
    stop = Reading(Kind.OPT_OUT, None, '"stop emailing me"', "Stop emailing me.", "en")
    got = _reworded(_recorded(lead, held.unconfirmed_stop(stop)))
    assert list(held.held_stops()) == [got] and held.is_held_stop(got)
    assert reach.holds([lead.pk]) == {lead.pk: held.HELD}
    lead = planning.replan_lead(lead)
    assert lead.next_action == "wait" and held.HELD in lead.plan_reason
    inbound.correct(got, "opt_out", alice)  # a person confirms it: opted out for good
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT


def test_a_link_to_a_former_address_keeps_its_words_when_the_sentence_is_reworded(alice, make_lead):
    lead = make_lead(alice, name="Tom Token", email="tom.new@example.com")
    former.unsubscribed_at_former_address(lead, "email", "tom.old@example.com")
    _reworded(InboundMessage.objects.get(lead=lead))
    words = f"{held.FORMER_ADDRESS} tom.old@example.com (not yet confirmed)"
    assert reach.holds([lead.pk]) == {lead.pk: words}


def test_a_held_bounce_whose_sentence_is_reworded_is_confirmed_for_its_address(alice, make_lead):
    lead = make_lead(alice, name="Olga Berg", email="olga@example.com")
    got = _recorded(lead, Reading(Kind.BOUNCE, None, "5.1.1", "user unknown"))
    bounces.hold_bounce(got, "olga@example.com", "5.1.1")
    got = _reworded(got)
    assert held.is_held_bounce(got) and list(held.held_stops()) == [got]
    bounces.settle(got, confirmed=True, user=alice)
    lead.refresh_from_db()
    assert Suppression.objects.filter(value="olga@example.com").exists()
    assert not held.held_stops().exists()


def test_a_refusal_of_email_whose_sentence_is_reworded_is_taken_back_by_a_correction(
    alice, make_lead
):
    lead = make_lead(alice, name="Quinn Ford", email="quinn@example.com", phone="+4915123456789")
    text = "No more emails please, call me instead."
    got = _recorded(lead, replies.read_text(text, timezone.now(), "UTC", channel="email"))
    assert got.evidence.startswith(replies.NO_EMAIL)
    assert Suppression.objects.filter(value="quinn@example.com").exists()
    inbound.correct(_reworded(got), "unclear", alice)
    assert not Suppression.objects.exists()
