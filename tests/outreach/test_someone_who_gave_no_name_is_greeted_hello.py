"""An enquiry sent through the web form with an email address and no name is stored under
its address (the lead needs a name), but nobody is greeted "Hello noname@example.com,":
the acknowledgement and the drafted answer say "Hello,", and a subject that ends with the
first name leaves it out. A real SMTP server receives the acknowledgement."""

from __future__ import annotations

import pytest

from fairchase.intake.models import CaptureForm
from fairchase.leads import names
from fairchase.leads.models import Lead
from fairchase.outreach import outbox
from fairchase.outreach.drafts import draft_for
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from fairchase.outreach.rendering import RenderError, render


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Website", owner=alice, acknowledge=True)


def _enquire(client, form, **fields) -> Lead:
    response = client.post(f"/in/f/{form.key}/", fields, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    return Lead.objects.get(email=fields["email"])


def test_an_enquiry_with_no_name_is_greeted_hello_in_the_acknowledgement_and_the_draft(
    client, alice, form, smtp_server, open_all_day
):
    lead = _enquire(client, form, email="noname@example.com", message="A quote, please")
    assert lead.name == "noname@example.com" and lead.first_name == ""
    outbox.send_due()
    (receipt,) = [r for r in smtp_server.received if r.to == ["noname@example.com"]]
    body = receipt.message.get_body().get_content().replace("\r\n", "\n")
    assert body.startswith("Hello,\n") and "noname@example.com," not in body
    draft = draft_for(Lead.objects.get(pk=lead.pk))
    assert draft.rendered.body.startswith("Hello,\n"), draft.error
    OutboundMessage.objects.all().delete()


def test_a_subject_ending_with_the_first_name_leaves_it_out(alice, make_lead):
    lead = make_lead(alice, name="+12125550199", email="", phone="+12125550199")
    assert lead.first_name == ""
    shown = render("Sorry I missed you, {{first_name}}", "Hi {{first_name}}, it's me.", lead)
    assert (shown.subject, shown.body) == ("Sorry I missed you", "Hi, it's me.\n")
    breakup = MessageTemplate.objects.get(purpose="breakup", channel="email")
    assert render(breakup.subject, "x", lead).subject == "I'll leave it here"
    with pytest.raises(RenderError):  # anywhere else a name is still needed
        render("", "Dear {{first_name}} and team", lead)


@pytest.mark.parametrize(
    "name, greeting",
    [
        ("Mrs. Olga Lopez", "Hello Olga,"),
        ("noname@example.com", "Hello,"),
        ("+1 212 555 0199", "Hello,"),
        ("", "Hello,"),
    ],
)
def test_the_greeting_names_a_person_only_by_a_name(name, greeting):
    assert names.greeting(name) == greeting
