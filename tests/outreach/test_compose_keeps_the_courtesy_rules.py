"""What a person writes in Compose keeps the rules a template keeps: every email carries the
one-click opt-out link (seed 001; a template cannot be saved without it, a message written
from scratch went without), the page offers no address or channel we may not use (the lead
page marks such an address "(not to be contacted)"), and a text stays short (480
characters, as a text template)."""

from __future__ import annotations

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings
from fairchase.outreach.models import OutboundMessage

from .test_texts import sms_api  # noqa: F401  (a real local text provider)


def test_an_email_written_from_scratch_carries_the_opt_out_link(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    client.force_login(alice)
    page = client.get(f"/o/leads/{lead.pk}/compose/").content.decode()
    assert "one-click opt-out link" in page  # the page says it is added
    written = {"channel": "email", "subject": "Your quote", "body": "Here it is: $2,400.\n"}
    client.post(f"/o/leads/{lead.pk}/compose/", written)
    [got] = smtp_server.received
    body = got.message.get_body().get_content().replace("\r\n", "\n")
    assert body.startswith("Here it is: $2,400.\n")
    assert "one click is enough: http" in body and "/o/unsubscribe/" in body
    # a message that has the link already gets no second one
    client.post(
        f"/o/leads/{lead.pk}/compose/",
        {**written, "body": "A PS.\nStop hearing from us: {{opt_out_link}}"},
    )
    body = smtp_server.received[-1].message.get_body().get_content()
    assert body.count("/o/unsubscribe/") == 1 and "one click is enough" not in body


def test_an_email_written_from_scratch_gives_the_postal_address_under_the_link_once_set(
    client, alice, make_lead, smtp_server, open_all_day
):
    business = BusinessSettings.current()
    business.postal_address = "12 Main St, Springfield IL 62701"
    business.save()
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    client.force_login(alice)
    written = {"channel": "email", "subject": "Your quote", "body": "Here it is: $2,400.\n"}
    client.post(f"/o/leads/{lead.pk}/compose/", written)
    body = smtp_server.received[-1].message.get_body().get_content().replace("\r\n", "\n")
    opt_out, address = body.rstrip("\n").splitlines()[-2:]  # as the sales templates' footer
    assert "/o/unsubscribe/" in opt_out and address == "12 Main St, Springfield IL 62701"
    # unset: nothing under the link, no empty line
    business.postal_address = ""
    business.save()
    client.post(f"/o/leads/{lead.pk}/compose/", {**written, "subject": "Again"})
    body = smtp_server.received[-1].message.get_body().get_content().replace("\r\n", "\n")
    assert body.endswith("\n") and not body.endswith("\n\n")
    assert "/o/unsubscribe/" in body.rstrip("\n").splitlines()[-1]


def test_compose_offers_no_address_or_channel_we_may_not_use(
    client,
    alice,
    make_lead,
    smtp_server,
    open_all_day,
    sms_api,  # noqa: F811
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com", consents=["sms"])
    actions.suppress(lead.phone, "phone", "Texted STOP")  # on another record of hers, say
    client.force_login(alice)
    page = client.get(f"/o/leads/{lead.pk}/compose/").content.decode()
    assert 'value="text"' not in page  # no "Text message" to a number that said stop
    assert "(not to be contacted)" in page
    assert "ann@example.com" in page and 'value="email"' in page
    r = client.post(
        f"/o/leads/{lead.pk}/compose/", {"channel": "text", "body": "Hi Ann"}, follow=True
    )
    assert r.status_code == 200
    assert not OutboundMessage.objects.filter(lead=lead).exists() and sms_api.received == []
    # with the number open, texts are offered (the test can fail)
    other = make_lead(alice, name="Bea Cole", email="bea@example.com", consents=["sms"])
    page = client.get(f"/o/leads/{other.pk}/compose/").content.decode()
    assert 'value="text"' in page and "(not to be contacted)" not in page


def test_a_text_written_in_compose_stays_short(
    client,
    alice,
    make_lead,
    open_all_day,
    sms_api,  # noqa: F811
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com", consents=["sms"])
    client.force_login(alice)
    r = client.post(f"/o/leads/{lead.pk}/compose/", {"channel": "text", "body": "Hi Ann. " * 80})
    assert r.status_code == 200 and "Keep texts short" in r.content.decode()
    assert sms_api.received == []
    client.post(f"/o/leads/{lead.pk}/compose/", {"channel": "text", "body": "Hi Ann, Alice."})
    assert len(sms_api.received) == 1
