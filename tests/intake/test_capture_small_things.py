"""The capture form's small things: the acknowledgement reads as written by the owner, and
the Capture page links each form's hosted page."""

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


def test_the_acknowledgement_is_signed_once_by_the_business_not_by_an_owner(
    client, alice, django_capture_on_commit_callbacks
):
    """A receipt belongs to no lead (the post may have joined a customer's): the business
    signs it, once, and no owner's name is in it."""
    from fairchase.leads.models import BusinessSettings
    from fairchase.outreach.models import OutboundMessage

    BusinessSettings.objects.update_or_create(pk=1, defaults={"business_name": "Lau Plumbing"})
    form = CaptureForm.objects.create(name="Website", owner=alice, acknowledge=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/in/f/{form.key}/",
            {"name": "Ann Lee", "email": "ann@example.com"},
            REMOTE_ADDR="203.0.113.9",
        )
    assert Lead.objects.get().email == "ann@example.com"
    ack = OutboundMessage.objects.get(lead=None, to="ann@example.com", kind="ack")
    assert "We will get back to you shortly." in ack.body
    assert ack.body.count("Lau Plumbing") == 1 and "Alice" not in ack.body


def test_the_capture_page_links_each_forms_hosted_page(client, alice):
    form = CaptureForm.objects.create(name="Website", owner=alice)
    client.force_login(alice)
    html = client.get("/in/").content.decode()
    assert f'href="/in/f/{form.key}/"' in html and "Open the hosted form" in html
    hosted = client.get(f"/in/f/{form.key}/").content.decode()
    assert "web/public.css" in hosted and 'name="message"' in hosted
