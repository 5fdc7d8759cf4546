"""A template an owner switched off (a wrong price, a typo) is never sent by a Send still on
a page opened before: the draft's one click says so and queues nothing. Before, the click
sent the switched-off template (only the lists of templates leave it out)."""

from __future__ import annotations

from fairchase.outreach.drafts import draft_for
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from tests.conftest import open_all_day_now


def test_a_send_on_a_draft_whose_template_was_switched_off_sends_nothing(
    client, alice, make_lead, smtp_server
):
    open_all_day_now()
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com", phone="")
    template = draft_for(lead).template
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert f'name="template" value="{template.pk}"' in page  # the draft's Send
    MessageTemplate.objects.filter(pk=template.pk).update(is_active=False)  # the owner's edit
    for htmx in ("false", "true"):
        page = client.post(
            f"/o/leads/{lead.pk}/send/",
            {"template": template.pk, "next": "today"},
            HTTP_HX_REQUEST=htmx,
            follow=True,
        )
        assert page.status_code == 200
        assert "was switched off" in page.content.decode()
    # its "Edit, then send" link from before writes the lead's current draft instead
    compose = client.get(f"/o/leads/{lead.pk}/compose/?template={template.pk}").content.decode()
    assert f'name="template" value="{template.pk}"' not in compose
    assert not OutboundMessage.objects.filter(lead=lead).exists()
    assert smtp_server.received == []
    # the same click with the template in use sends it (the test can fail)
    MessageTemplate.objects.filter(pk=template.pk).update(is_active=True)
    client.post(f"/o/leads/{lead.pk}/send/", {"template": template.pk})
    assert OutboundMessage.objects.get(lead=lead).state == OutboundMessage.State.SENT


def test_an_automatic_message_waiting_in_the_outbox_is_cancelled_when_its_template_is_switched_off(
    alice, make_lead, smtp_server
):
    from fairchase.outreach import outbox

    open_all_day_now()
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com", phone="")
    template = MessageTemplate.objects.create(
        name="Spring offer",
        purpose="follow_up",
        channel="email",
        subject="Our spring offer",
        body="Hello {{first_name}}, 20% off this week.\n{{opt_out_link}}",
    )
    waiting = outbox.queue_template(lead, template, step="test@1")  # the worker's, held till now
    MessageTemplate.objects.filter(pk=template.pk).update(is_active=False)
    outbox.send_due()
    waiting.refresh_from_db()
    assert waiting.state == OutboundMessage.State.CANCELLED
    assert "switched off" in waiting.error
    assert smtp_server.received == []
    # one the worker queues from a template in use goes (the test can fail)
    MessageTemplate.objects.filter(pk=template.pk).update(is_active=True)
    again = outbox.queue_template(lead, template, step="test@2")
    outbox.send_due()
    again.refresh_from_db()
    assert again.state == OutboundMessage.State.SENT
