"""A line break in a name (the admin's lead form and user form take one: only the app's own
forms, the API and imports refuse it) never keeps an email from going, and never becomes
a header of its own: the subject and the sender's name go on one line.

Before, a lead renamed "Ann Lee\\nBcc: ..." in the admin made the next new-enquiry alert
about her unsendable (Python refuses a header with a line break: the alert sat in the Outbox
as "unknown", the owner never told), and an owner whose name ends with a backslash sent
every message with a From header no mail client could read (now the email package quotes
it: the name reads as typed)."""

from __future__ import annotations

from email.utils import getaddresses

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

State = OutboundMessage.State


def test_a_name_given_a_line_break_in_the_admin_still_gets_its_owner_alerted(
    client, alice, boss, make_lead, smtp_server
):
    boss.is_staff = boss.is_superuser = True
    boss.save()
    lead = make_lead(alice, name="Ann Lee", email="ann@example.com", phone="")
    client.force_login(boss)
    page = client.get(f"/admin/leads/lead/{lead.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if k in form.fields and v is not None}
    data.update(
        {
            "name": "Ann Lee\r\nBcc: mallory@example.net",
            "consents": [],
            "signals": [],
            "attempts-TOTAL_FORMS": "0",
            "attempts-INITIAL_FORMS": "0",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
        }
    )
    r = client.post(f"/admin/leads/lead/{lead.pk}/change/", data)
    assert r.status_code == 302, r.content.decode()[-2000:]
    assert "\n" in Lead.objects.get(pk=lead.pk).name  # the admin kept the line break
    client.logout()

    key = CaptureForm.objects.create(name="Website", owner=alice).key
    r = client.post(f"/in/f/{key}/", {"name": "Ann Lee", "email": "ann@example.com"})
    assert r.status_code == 200
    alert = OutboundMessage.objects.get(kind=OutboundMessage.Kind.OWNER_ALERT, lead=lead)
    assert outbox.send_due() >= 1
    alert.refresh_from_db()
    assert alert.state == State.SENT, (alert.state, alert.error)
    [got] = [m for m in smtp_server.received if m.to == ["alice@example.com"]]
    assert got.to == ["alice@example.com"]  # nobody in a Bcc made of the name
    subject = got.message["Subject"]
    assert "Ann Lee" in subject and "\n" not in subject and got.message["Bcc"] is None


def test_an_owner_named_with_a_backslash_or_a_line_break_sends_a_readable_from(
    alice, make_lead, smtp_server
):
    from tests.conftest import open_all_day_now

    open_all_day_now()
    lead = make_lead(alice, name="Ann Lee", email="ann@example.com")
    for first, last, shown in (
        ("Alice\\", "", "Alice\\"),  # quoted by the email package, so kept as typed
        ('Al "the closer"', "Smith\nX-Evil: 1", 'Al "the closer" Smith X-Evil: 1'),
    ):
        alice.first_name, alice.last_name = first, last
        alice.save()
        msg = outbox.queue(lead, "email", f"Hello {first}", "Hello\n{{opt_out_link}}", user=alice)
        assert outbox.send_now(msg) == State.SENT
        got = next(m for m in smtp_server.received if m.message_id == msg.message_id)
        [(name, address)] = getaddresses([str(got.message["From"])])
        assert address == "sales@fairchase.test", got.message["From"]
        assert name == shown
        assert got.message["X-Evil"] is None
