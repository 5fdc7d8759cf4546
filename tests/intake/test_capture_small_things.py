"""The capture form's small things: the acknowledgement reads as written by the owner, and
the Capture page links each form's hosted page."""

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


def test_the_acknowledgement_promises_in_the_first_person_and_is_signed_once(
    client, alice, django_capture_on_commit_callbacks
):
    from fairchase.outreach.models import OutboundMessage

    form = CaptureForm.objects.create(name="Website", owner=alice, acknowledge=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/in/f/{form.key}/",
            {"name": "Ann Lee", "email": "ann@example.com"},
            REMOTE_ADDR="203.0.113.9",
        )
    ack = OutboundMessage.objects.get(lead=Lead.objects.get(), kind="ack")
    assert "I will get back to you shortly." in ack.body
    assert ack.body.count("Alice") == 1  # the signature, not "Alice will get back to you ... Alice"


def test_the_capture_page_links_each_forms_hosted_page(client, alice):
    form = CaptureForm.objects.create(name="Website", owner=alice)
    client.force_login(alice)
    html = client.get("/in/").content.decode()
    assert f'href="/in/f/{form.key}/"' in html and "Open the hosted form" in html
    hosted = client.get(f"/in/f/{form.key}/").content.decode()
    assert "web/public.css" in hosted and 'name="message"' in hosted
