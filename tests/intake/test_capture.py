"""Web-form capture: a submission is a lead at the top of Today, the owner is emailed."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from fairchase.intake.capture import snippet_html
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.web.agenda import agenda_for


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Website", owner=alice)


def post_form(client, form, **data):
    data.setdefault("name", "Ann Lee")
    return client.post(f"/in/f/{form.key}/", data, REMOTE_ADDR=data.pop("ip", "203.0.113.5"))


def test_a_submitted_form_becomes_a_new_enquiry_at_the_top_of_today(client, form, alice, make_lead):
    older = make_lead(
        alice, name="Older lead", created_at=timezone.now() - timezone.timedelta(days=3)
    )
    actions.log_attempt(older, "call", "no_answer", at=timezone.now() - timezone.timedelta(days=2))
    with pytest.raises(AssertionError):  # sanity: the test can fail when nothing is captured
        assert Lead.objects.filter(name="Ann Lee").exists()
    with_email = post_form(
        client, form, email="Ann@Example.com", phone="212 555 0101", message="Need a quote"
    )
    assert with_email.status_code == 200 and b"Thank you" in with_email.content
    lead = Lead.objects.get(name="Ann Lee")
    assert (lead.owner, lead.source, lead.email, lead.phone) == (
        alice,
        "web_form",
        "ann@example.com",
        "+12125550101",
    )
    assert lead.notes == "Need a quote" and "initiated_contact" in lead.signals
    agenda = agenda_for(alice, timezone.now())
    assert agenda.new[0].lead == lead
    assert lead.next_action == "contact"  # due at the first moment inside contact hours


def test_the_owner_alert_is_queued_in_the_outbox_and_sent_by_the_worker_not_in_the_request(
    client, form
):
    from fairchase.outreach.models import OutboundMessage
    from fairchase.outreach.outbox import send_due

    post_form(client, form, email="ann@example.com")
    assert mail.outbox == []  # nothing is sent inside the visitor's request
    alert = OutboundMessage.objects.get(kind="alert")
    assert (alert.to, alert.state) == ("alice@example.com", "queued")
    assert send_due() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert "Ann Lee" in message.subject and "respond now" in message.subject
    assert f"/leads/{Lead.objects.get().pk}/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # to our own user, not to the lead


def test_the_honeypot_drops_bots_silently(client, form):
    response = post_form(client, form, email="bot@example.com", website="http://spam.example")
    assert response.status_code == 200
    assert not Lead.objects.exists()


def test_a_submission_needs_an_email_or_a_phone(client, form):
    response = post_form(client, form)
    assert response.status_code == 400 and b"email address or a phone number" in response.content
    bad = post_form(client, form, email="not-an-email")
    assert bad.status_code == 400
    assert not Lead.objects.exists()


def test_an_unknown_or_rotated_key_is_404(client, form):
    old = form.key
    form.rotate_key()
    assert client.post(f"/in/f/{old}/", {"name": "A", "email": "a@example.com"}).status_code == 404
    assert client.post("/in/f/nope/json/", "{}", content_type="application/json").status_code == 404


def test_each_address_is_rate_limited_across_requests(client, form):
    for i in range(settings.CAPTURE_RATE_LIMIT):
        assert (
            post_form(client, form, name=f"Person {i}", email=f"p{i}@example.com").status_code
            == 200
        )
    assert post_form(client, form, name="One too many", email="x@example.com").status_code == 429
    assert (
        post_form(
            client, form, name="Someone else", email="y@example.com", ip="198.51.100.7"
        ).status_code
        == 200
    )
    assert Lead.objects.count() == settings.CAPTURE_RATE_LIMIT + 1


def test_the_json_webhook_creates_a_lead(client, form):
    body = {"first_name": "Bo", "last_name": "Diaz", "email": "bo@example.com", "message": "Hi"}
    response = client.post(
        f"/in/f/{form.webhook_key}/json/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 202 and response.json() == {"status": "received"}
    lead = Lead.objects.get(email="bo@example.com")
    assert (lead.name, lead.notes) == ("Bo Diaz", "Hi")
    bad = client.post(f"/in/f/{form.webhook_key}/json/", "[1, 2]", content_type="application/json")
    assert bad.status_code == 400 and "JSON object" in bad.json()["error"]
    garbage = client.post(
        f"/in/f/{form.webhook_key}/json/", b"\xff\xfe{", content_type="application/json"
    )
    assert garbage.status_code == 400


def test_a_double_submission_reuses_the_lead(client, form):
    post_form(client, form, email="ann@example.com")
    post_form(client, form, email="ann@example.com")
    assert Lead.objects.count() == 1


def test_an_acknowledgment_is_queued_when_the_form_asks_for_it(
    client, form, django_capture_on_commit_callbacks
):
    form.acknowledge = True
    form.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_form(client, form, email="ann@example.com")
    lead = Lead.objects.get()
    from fairchase.outreach.models import OutboundMessage

    ack = OutboundMessage.objects.get(lead=None, kind="ack")  # a receipt: no lead's, the business's
    assert lead.email == "ann@example.com"
    assert ack.to == "ann@example.com" and "got your message" in ack.subject


def test_someone_who_opted_out_can_still_enquire_but_gets_no_acknowledgment(
    client, form, django_capture_on_commit_callbacks
):
    from fairchase.leads.models import Suppression
    from fairchase.outreach.models import OutboundMessage

    Suppression.objects.create(value="ann@example.com", kind="email", reason="opt_out")
    form.acknowledge = True
    form.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, form, email="ann@example.com", message="Call me")
    assert response.status_code == 200
    lead = Lead.objects.get()
    assert not OutboundMessage.objects.filter(kind="ack").exists()
    assert OutboundMessage.objects.filter(lead=lead, kind="alert").exists()  # the owner hears


def test_the_snippet_posts_to_the_form_and_has_a_hidden_honeypot(form):
    html = snippet_html(form, "https://crm.example.com")
    assert f'action="https://crm.example.com/in/f/{form.key}/"' in html
    assert 'name="website"' in html and "left:-10000px" in html


def test_the_capture_page_lists_forms_with_their_snippets(client, alice, form):
    client.force_login(alice)
    page = client.get("/in/")
    assert page.status_code == 200
    assert form.key.encode() in page.content and b"Capture forms" in page.content
    created = client.post("/in/forms/new/", {"name": "Landing page", "acknowledge": "1"})
    assert created.status_code == 302
    assert CaptureForm.objects.get(name="Landing page").acknowledge


def test_another_users_form_cannot_be_changed(client, bob, form):
    client.force_login(bob)
    assert client.post(f"/in/forms/{form.pk}/", {"action": "delete"}).status_code == 404
    assert CaptureForm.objects.filter(pk=form.pk).exists()
