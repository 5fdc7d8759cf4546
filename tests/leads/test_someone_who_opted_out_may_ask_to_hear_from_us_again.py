"""Someone who opted out and later asks to hear from us again (they phoned for a quote)
can be contacted again once a person of ours records it on the lead page: how they asked,
on which channels, by whom and when, on the timeline. A bounced or complained-of address
stays blocked, and a web form's post alone never brings them back."""

from __future__ import annotations

import pytest
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.actions.renewal import NOT_RENEWED
from fairchase.leads.models import Lead, Profile, Role, Status, Suppression
from fairchase.leads.planning import reachable_channels


@pytest.fixture(autouse=True)
def _alice_owns_the_business(alice):
    """Overturning an opt-out is the business owner's alone (eval35): Alice is the owner."""
    Profile.objects.filter(user=alice).update(role=Role.ADMIN)
    alice.refresh_from_db()  # her profile read afresh


QUINN, PHONE = "quinn.ford@example.com", "+12125550177"
HOW = "Phoned on 3 March asking for a quote for the roof"


def _opted_out(make_lead, alice, **fields):
    quinn = make_lead(alice, name="Quinn Ford", email=QUINN, phone=PHONE, **fields)
    return actions.opt_out(quinn, user=alice, reason="Opted out (entered by hand)")


def _renew(client, lead, *channels, note=HOW):
    return client.post(
        f"/leads/{lead.pk}/renew-consent/", {"note": note, "channels": list(channels)}
    )


def _blocked() -> dict[str, str]:
    return dict(Suppression.objects.values_list("value", "reason"))


def test_the_owner_records_that_they_asked_and_the_lead_is_planned_again(client, alice, make_lead):
    quinn = _opted_out(make_lead, alice)
    client.force_login(alice)
    assert "They asked to hear from us again" in client.get(f"/leads/{quinn.pk}/").content.decode()
    assert _renew(client, quinn, "email", "call").status_code == 302
    quinn.refresh_from_db()
    assert quinn.status == Status.OPEN
    assert _blocked() == {} and reachable_channels(quinn) == ["call", "email"]
    assert quinn.next_action and quinn.plan_reason  # replanned as a lead we may contact
    row = quinn.status_changes.order_by("-pk").first()
    assert (row.old, row.new, row.user) == (Status.OPTED_OUT, Status.OPEN, alice)
    assert row.reason == f"Asked to hear from us again: {HOW} They agreed to email and calls."
    page = client.get(f"/leads/{quinn.pk}/").content.decode()
    assert HOW in page and "(by Alice" in page
    assert "They asked to hear from us again" not in page  # only an opted-out lead's


def test_without_a_note_or_a_channel_nothing_changes(client, alice, make_lead):
    quinn = _opted_out(make_lead, alice)
    client.force_login(alice)
    page = _renew(client, quinn, "email", note="").content.decode()
    assert "This field is required" in page
    page = _renew(client, quinn, note=HOW).content.decode()
    assert "Not recorded" in page
    page = _renew(client, quinn, "text", note=HOW).content.decode()
    assert "tick calls too" in page
    quinn.refresh_from_db()
    assert quinn.status == Status.OPTED_OUT and set(_blocked()) == {QUINN, PHONE}
    with pytest.raises(actions.ActionError):
        actions.renew_consent(quinn, note=HOW, channels=["email"], user=None)


@pytest.mark.parametrize(
    ("reason", "why"),
    [("bounce", "mail to it bounced"), ("complaint", "its owner marked our mail as spam")],
)
def test_a_bounced_or_complained_of_address_stays_blocked(client, alice, make_lead, reason, why):
    Suppression.objects.create(value=QUINN, kind=Suppression.Kind.EMAIL, reason=reason)
    quinn = _opted_out(make_lead, alice)
    client.force_login(alice)
    assert (
        f"The email {QUINN} stays blocked: {why}"
        in client.get(f"/leads/{quinn.pk}/").content.decode()
    )
    _renew(client, quinn, "email", "call", "text")
    quinn.refresh_from_db()
    assert quinn.status == Status.OPEN and quinn.consents == ["sms"]
    assert _blocked() == {QUINN: reason}
    assert "email" not in reachable_channels(quinn)
    assert f"stays blocked: {why}" in quinn.status_changes.order_by("-pk").first().reason


def test_an_address_they_did_not_agree_to_stays_blocked_but_is_no_longer_their_no(
    client, alice, make_lead
):
    """Calls only: the email stays blocked, yet a later enquiry from it joins the open lead,
    and a new number typed in keeps it open, instead of opting it out again as someone who
    said no."""
    quinn = _opted_out(make_lead, alice, consents=["sms", "mailing_list"])
    client.force_login(alice)
    _renew(client, quinn, "call")
    quinn.refresh_from_db()
    assert (quinn.status, quinn.consents) == (Status.OPEN, [])
    assert _blocked() == {QUINN: NOT_RENEWED}
    assert reachable_channels(quinn) == ["call"]
    form = CaptureForm.objects.create(name="Website", owner=alice)
    Client().post(f"/in/f/{form.key}/", {"name": "Quinn Ford", "email": QUINN, "message": "Hi"})
    assert Lead.objects.get().status == Status.OPEN
    actions.update_lead(quinn, user=alice, phone="+12125550188")
    assert Lead.objects.get().status == Status.OPEN


def test_their_other_opted_out_records_are_closed_pointing_here(client, alice, bob, make_lead):
    quinn = _opted_out(make_lead, alice)
    other = Lead.objects.create(owner=bob, name="Quinn Ford", email=QUINN)
    actions.honour_opt_out(other.pk)
    assert Lead.objects.get(pk=other.pk).status == Status.OPTED_OUT
    client.force_login(alice)
    _renew(client, quinn, "email")
    other.refresh_from_db()
    assert other.status == Status.CLOSED
    assert f"on Quinn Ford (#{quinn.pk})" in other.status_changes.order_by("-pk").first().reason


def test_a_shared_number_another_person_opted_out_on_stays_blocked(client, alice, make_lead):
    mia = make_lead(alice, name="Mia Gomez", email="mia@example.com", phone=PHONE)
    actions.opt_out(mia, user=alice)
    quinn = _opted_out(make_lead, alice)
    client.force_login(alice)
    _renew(client, quinn, "email", "call")
    quinn.refresh_from_db()
    assert quinn.status == Status.OPEN and _blocked() == {
        "mia@example.com": "opt-out",
        PHONE: "opt-out",
    }
    assert reachable_channels(quinn) == ["email"]
    assert "another person on it opted out" in quinn.status_changes.order_by("-pk").first().reason


def test_a_web_form_post_alone_never_renews_consent(client, alice, make_lead):
    """They write in through the public form: the enquiry is kept for a person to read, but
    they stay opted out (anyone may type their name and address) until someone of ours
    records that they asked."""
    quinn = _opted_out(make_lead, alice)
    form = CaptureForm.objects.create(name="Website", owner=alice)
    post = {"name": "Quinn Ford", "email": QUINN, "phone": PHONE, "message": "Quote please"}
    post |= {"sms": "1", "mailing_list": "1"}
    assert Client().post(f"/in/f/{form.key}/", post, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert set(Lead.objects.values_list("status", flat=True)) == {Status.OPTED_OUT}
    enquiry = Lead.objects.exclude(pk=quinn.pk).get()  # kept, for a person to read
    assert enquiry.notes == "Quote please"
    assert set(_blocked()) == {QUINN, PHONE} and set(_blocked().values()) == {"opt-out"}
    assert all(not reachable_channels(lead) for lead in Lead.objects.all())
    quinn.refresh_from_db()
    assert quinn.next_action != "contact"
    # the owner calls them back and they say yes to email: the form's ticks are not consent
    client.force_login(alice)
    assert (
        "stays blocked: another person" not in client.get(f"/leads/{enquiry.pk}/").content.decode()
    )
    _renew(client, enquiry, "email", note="Called back after their web form; email is fine")
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.consents) == (Status.OPEN, [])
    assert Lead.objects.get(pk=quinn.pk).status == Status.CLOSED
    assert "The email a web form typed is confirmed as theirs." in (
        enquiry.status_changes.order_by("-pk").first().reason
    )
    assert reachable_channels(enquiry) == ["email"] and _blocked() == {PHONE: NOT_RENEWED}
