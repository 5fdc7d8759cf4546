"""Sending one message: headers, the attempt it logs, and what the re-check refuses."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from fairchase.leads import actions
from fairchase.leads.models import Attempt, BusinessSettings, Lead
from fairchase.outreach import claiming, outbox, refusals
from fairchase.outreach.models import OutboundMessage
from fairchase.outreach.tokens import read_token
from tests.outreach.conftest import smtp_mailers

State = OutboundMessage.State


def _queue(lead, user=None, **kw):
    with transaction.atomic():
        return outbox.queue(
            lead,
            kw.pop("channel", "email"),
            kw.pop("subject", "Hello"),
            kw.pop("body", "Hi there.\n"),
            user=user,
            **kw,
        )


def test_a_sent_email_has_our_message_id_and_one_click_unsubscribe_headers(
    alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams", email="Ann@Example.com")
    msg = _queue(lead, alice)
    assert outbox.send_now(msg) == State.SENT
    [got] = smtp_server.received
    mail = got.message
    assert mail["Message-ID"] == msg.message_id
    assert got.to == ["ann@example.com"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = mail["List-Unsubscribe"].split(",")[0].strip().strip("<>")
    assert "/o/unsubscribe/" in url
    assert "mailto:" in mail["List-Unsubscribe"]
    assert read_token(url.rsplit("/", 1)[1]) == (lead, "email")
    # Verbatim on the wire: mail clients do not decode encoded words in this header.
    raw = got.raw.decode()
    assert f"List-Unsubscribe: <{url}>" in raw.replace("\r\n", "\n")
    assert "=?utf-8?" not in raw


def test_sending_logs_an_email_attempt_so_the_plan_moves_on(
    alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice)
    outbox.send_now(_queue(lead, alice))
    attempt = Attempt.objects.get(lead=lead)
    assert (attempt.channel, attempt.outcome) == ("email", "no_answer")
    assert OutboundMessage.objects.get(lead=lead).state == State.SENT


def test_a_rollback_after_queueing_sends_nothing(alice, make_lead, smtp_server):
    lead = make_lead(alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.queue(lead, "email", "Hello", "Body\n", user=alice)
        raise RuntimeError("the lead change failed")
    assert outbox.send_due() == 0
    assert smtp_server.received == []
    assert not OutboundMessage.objects.exists()


def test_a_reply_cancels_what_is_queued(alice, make_lead, smtp_server):
    lead = make_lead(alice)
    msg = _queue(lead, alice)
    actions.record_reply(lead, "email", text="Yes please call me")
    msg.refresh_from_db()
    assert msg.state == State.CANCELLED
    assert outbox.send_due() == 0 and smtp_server.received == []


def test_an_opted_out_lead_is_never_sent_even_if_its_row_was_claimed(
    alice, make_lead, smtp_server, monkeypatch
):
    lead = make_lead(alice)
    msg = _queue(lead, alice)

    def claim_then_opt_out(pk, now):
        claimed = claiming.claim(pk, now)
        actions.opt_out(lead)  # commits between the claim and the send's check
        return claimed

    monkeypatch.setattr(outbox, "claim", claim_then_opt_out)
    assert outbox.send_now(msg) == State.CANCELLED
    assert smtp_server.received == []


def test_a_suppressed_address_is_not_used_for_another_lead_with_the_same_email(
    alice, make_lead, smtp_server
):
    first = make_lead(alice, email="same@example.com")
    again = make_lead(alice, email="SAME@example.com")
    msg = _queue(again, alice)  # queued before the opt-out: refused when it is sent
    actions.opt_out(first)
    assert outbox.send_now(msg) == State.CANCELLED
    with pytest.raises(outbox.OutboxError, match="asked not to be contacted"):
        _queue(again, alice)  # and nothing more is queued
    assert smtp_server.received == []


def test_texts_need_sms_consent(alice, make_lead, smtp_server, settings):
    # texts set up (a provider that is never reached: the message is cancelled before)
    settings.SMS_API_URL, settings.SMS_ACCOUNT_SID = "http://127.0.0.1:9/2010-04-01", "AC1"
    settings.SMS_AUTH_TOKEN, settings.SMS_FROM = "token", "+15005550006"
    lead = make_lead(alice, consents=[])
    with pytest.raises(outbox.OutboxError, match="consent"):
        _queue(lead, alice, channel="text", subject="")
    Lead.objects.filter(pk=lead.pk).update(consents=["sms"])
    msg = _queue(Lead.objects.get(pk=lead.pk), alice, channel="text", subject="")
    Lead.objects.filter(pk=lead.pk).update(consents=[])  # withdrawn before the send
    assert outbox.send_now(msg) == State.CANCELLED
    assert "consent" in OutboundMessage.objects.get(pk=msg.pk).error


def test_automatic_messages_wait_for_contact_hours_in_the_leads_zone(
    alice, make_lead, smtp_server, stop_clock
):
    lead = make_lead(alice, timezone="America/Chicago")
    msg = _queue(lead)  # queued by the worker (automatic mode)
    stop_clock(datetime(2030, 1, 8, 3, 0, tzinfo=ZoneInfo("America/Chicago")))  # a Tuesday
    assert outbox.send_now(msg) == State.QUEUED
    msg.refresh_from_db()
    assert msg.due_at == datetime(2030, 1, 8, 8, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert smtp_server.received == []


def test_automatic_messages_respect_the_weekly_cap(alice, make_lead, smtp_server, stop_clock):
    lead = make_lead(alice)
    cap = BusinessSettings.current().max_attempts_per_week
    tuesday = datetime(2030, 1, 8, 10, 0, tzinfo=ZoneInfo("UTC"))
    for i in range(cap):
        actions.log_attempt(lead, "call", "no_answer", at=tuesday - timedelta(days=1, hours=i))
    msg = _queue(lead)
    stop_clock(tuesday)
    assert outbox.send_now(msg) == State.QUEUED
    msg.refresh_from_db()
    assert msg.due_at > tuesday + timedelta(days=4)


def test_a_server_that_refuses_the_address_fails_the_message_without_retrying(
    alice, make_lead, smtp_server, settings, open_all_day
):
    lead = make_lead(alice)
    msg = _queue(lead, alice)
    settings.MAILERS = smtp_mailers(1)  # nothing listens: a retry later, not a failure
    from fairchase.outreach.channels.email import EmailChannel

    EmailChannel.shared().close()
    assert outbox.send_now(msg) == State.QUEUED
    msg.refresh_from_db()
    assert msg.due_at > msg.created_at and "reach" in msg.error


def _hours_away_from_now() -> None:
    """Contact hours of one hour, twelve hours from now (UTC, the leads' zone): now is outside."""
    from datetime import time

    from django.utils import timezone

    start = (timezone.now().hour + 12) % 24
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        contact_start=time(start, 0), contact_end=time(start, 59)
    )


def test_a_clicked_send_outside_contact_hours_waits_for_the_persons_confirmation(
    client, alice, make_lead, smtp_server, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from fairchase.outreach.models import MessageTemplate

    _hours_away_from_now()
    lead = make_lead(alice, email="dee@example.com")
    template = MessageTemplate.objects.filter(channel="email", is_active=True).first()
    client.force_login(alice)
    r = client.post(f"/o/leads/{lead.pk}/send/", {"template": template.pk}, follow=True)
    msg = OutboundMessage.objects.get(lead=lead)
    # the hours, or the day itself on a day that is not a contact day (a Sunday)
    reasons = (refusals.HELD["hours"], refusals.hours_reason(timezone.now(), lead))
    assert msg.state == State.QUEUED and msg.error in reasons and msg.held
    assert "confirm it in the Outbox" in r.content.decode()
    assert smtp_server.received == []
    assert "Send now anyway" in client.get("/o/outbox/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "override"})
    msg.refresh_from_db()
    assert msg.state == State.SENT and msg.override
    assert [r.to for r in smtp_server.received] == [["dee@example.com"]]


def test_a_clicked_send_to_an_opted_out_lead_is_refused_even_when_confirmed(
    client, alice, make_lead, smtp_server, django_capture_on_commit_callbacks
):
    lead = make_lead(alice, email="eve@example.com")
    again = make_lead(alice, name="Eve Again", email="EVE@example.com")
    forced = _queue(again, alice)  # queued and confirmed before Eve opted out
    OutboundMessage.objects.filter(pk=forced.pk).update(override=True)
    actions.opt_out(lead, user=alice)
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Not contacted: The lead opted out." in page and "/compose/" not in page
    assert "mailto:" not in page and 'eve@example.com <span class="muted">(not to be' in page
    r = client.post(
        f"/o/leads/{lead.pk}/compose/",
        {"channel": "email", "subject": "Hi", "body": "Hello Eve\n"},
        follow=True,
    )
    assert "Nothing can be sent to" in r.content.decode()
    assert not OutboundMessage.objects.filter(lead=lead).exists()
    # a person's confirmation overrides contact hours, never an opt-out or a suppressed address
    assert outbox.send_now(forced) == State.CANCELLED
    assert smtp_server.received == []


def test_a_clicked_send_past_the_weekly_cap_waits_for_the_persons_confirmation(
    alice, make_lead, smtp_server
):
    from datetime import time

    from django.utils import timezone

    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        contact_start=time(0, 0), contact_end=time(23, 59, 59)
    )
    lead = make_lead(
        alice,
        timezone=next(
            z
            for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
            if timezone.now().astimezone(ZoneInfo(z)).weekday() != 6
        ),
        created_at=timezone.now() - timedelta(days=2),
    )
    for hours in (30, 20, 10):
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(hours=hours))
    msg = _queue(lead, alice)
    assert outbox.send_now(msg) == State.QUEUED
    msg.refresh_from_db()
    assert msg.error == refusals.HELD["cap"] and msg.due_at > timezone.now() + timedelta(days=5)
    OutboundMessage.objects.filter(pk=msg.pk).update(override=True)
    assert outbox.send_now(msg) == State.SENT


def test_the_outbox_holds_a_message_exactly_as_long_as_the_plan_would(alice, make_lead):
    """One implementation of contact hours and the weekly cap: the core's plan and the
    outbox's send-time check give the same earliest time."""
    from fairchase import policy
    from fairchase.leads.models import Lead
    from fairchase.leads.planning import lead_record, policy_settings, with_history
    from fairchase.outreach.hours import send_window

    lead = make_lead(alice, timezone="America/Chicago")
    tuesday_night = datetime(2030, 1, 8, 23, 30, tzinfo=ZoneInfo("America/Chicago"))
    for hours in (40, 30, 20):
        actions.log_attempt(lead, "call", "no_answer", at=tuesday_night - timedelta(hours=hours))
    fresh = with_history(Lead.objects.filter(pk=lead.pk)).get()
    record = {**lead_record(fresh), "status": "engaged"}  # engaged: contact as soon as allowed
    [decision] = policy.plan(None, [record], tuesday_night, policy_settings())
    at, rule = send_window(tuesday_night, lead)
    assert rule == "cap" and at == decision["due"], (at, decision["due"], decision["reason"])


def test_every_state_change_of_a_message_leaves_a_transition_row(
    alice, make_lead, smtp_server, open_all_day
):
    from fairchase.outreach.models import MessageChange

    lead = make_lead(alice)
    msg = _queue(lead, alice)
    assert outbox.send_now(msg) == State.SENT
    rows = list(MessageChange.objects.filter(message=msg).values_list("old", "new"))
    assert rows == [("", "queued"), ("queued", "sending"), ("sending", "sent")]


def test_the_outbox_settles_an_unknown_message_through_the_message_actions(
    client, alice, bob, make_lead, smtp_server
):
    from fairchase.outreach import actions as message_actions
    from fairchase.outreach.models import MessageChange

    lead = make_lead(alice)
    msg = _queue(lead, alice)
    assert claiming.claim() == msg.pk
    assert message_actions.move(msg, State.SENDING, State.UNKNOWN, "worker died")
    client.force_login(bob)
    assert client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "sent"}).status_code == 404
    client.force_login(alice)
    client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "sent"})
    msg.refresh_from_db()
    assert msg.state == State.SENT
    last = MessageChange.objects.filter(message=msg).last()
    assert (last.old, last.new, last.user) == ("unknown", "sent", alice)
    assert Attempt.objects.filter(lead=lead, channel="email").count() == 1
    # deciding again changes nothing: the conditional UPDATE finds no unknown row
    r = client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "sent"}, follow=True)
    assert "Nothing to do" in r.content.decode()
    assert Attempt.objects.filter(lead=lead).count() == 1


def test_an_owner_alert_survives_an_smtp_server_that_is_down_and_comes_back(
    client, alice, smtp_server, settings, stop_clock
):
    from fairchase.intake.models import CaptureForm
    from fairchase.outreach.channels.email import EmailChannel
    from tests.outreach.conftest import SmtpServer

    down = SmtpServer()  # its port is chosen, nothing listens on it yet
    settings.MAILERS = smtp_mailers(down.port)
    EmailChannel.shared().close()
    form = CaptureForm.objects.create(name="Website", owner=alice)
    r = client.post(
        f"/in/f/{form.key}/",
        {"name": "Gil Ross", "email": "gil@example.com"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert r.status_code == 200
    alert = OutboundMessage.objects.get(kind="alert")
    # the visitor never waits on SMTP: the request queues the alert, no one has tried it yet
    assert (alert.state, alert.attempts, alert.error) == (State.QUEUED, 0, "")
    assert outbox.send_due() == 1  # the server is down: a retry later, not a loss
    alert.refresh_from_db()
    assert alert.state == State.QUEUED and alert.error and alert.due_at > alert.created_at
    down.controller.start()
    try:
        stop_clock(alert.due_at + timedelta(seconds=1))
        assert outbox.send_due() == 1
        alert.refresh_from_db()
        assert alert.state == State.SENT
        [got] = down.received
        assert got.to == ["alice@example.com"] and "Gil Ross" in got.message["Subject"]
        assert got.message["List-Unsubscribe"] is None
        assert not Attempt.objects.filter(
            lead=alert.lead
        ).exists()  # telling the owner is no attempt
    finally:
        down.controller.stop()
        EmailChannel.shared().close()


def test_a_clicked_send_with_no_mail_server_says_it_retries_and_how_to_set_one_up(
    client, alice, make_lead, smtp_server, settings, open_all_day
):
    from fairchase.outreach.channels.email import EmailChannel

    lead = make_lead(alice, email="ann@example.com")
    settings.MAILERS = smtp_mailers(1)  # nothing listens, as on a fresh install
    settings.EMAIL_CONFIGURED = False
    EmailChannel.shared().close()
    client.force_login(alice)
    page = client.post(
        f"/o/leads/{lead.pk}/compose/",
        {"channel": "email", "subject": "Hi", "body": "Hello Ann\n"},
        follow=True,
    ).content.decode()
    assert "tries again by itself" in page and "set EMAIL_HOST" in page
    assert "confirm it in the Outbox" not in page  # confirming cannot bring a server up


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (datetime(2030, 1, 6, 10, 30), "Sunday is not a contact day."),  # inside the hours
        (datetime(2030, 1, 8, 3, 0), refusals.HELD["hours"]),  # a Tuesday, before the hours
    ],
)
def test_a_message_held_on_a_day_off_says_the_day_is_not_a_contact_day(
    alice, make_lead, smtp_server, day, reason, stop_clock
):
    """At 10:30 on a Sunday the hours are fine, the day is not: the Outbox says so (and the
    message is still held, for a person to confirm); on a weekday the hours are named."""
    lead = make_lead(alice, timezone="America/Chicago")
    msg = _queue(lead)
    stop_clock(day.replace(tzinfo=ZoneInfo("America/Chicago")))
    assert outbox.send_now(msg) == State.QUEUED
    msg.refresh_from_db()
    assert msg.error == reason and msg.held
    assert smtp_server.received == []


def test_a_row_recovered_while_the_worker_waited_for_the_lead_is_not_sent(
    alice, make_lead, smtp_server, monkeypatch
):
    from fairchase.outreach import actions as message_actions

    msg = _queue(make_lead(alice), alice)
    lock_lead = outbox._lock_lead

    def wait_past_the_lease(lead_id):
        message_actions.move(msg.pk, State.SENDING, State.UNKNOWN, "The worker stopped")
        return lock_lead(lead_id)

    monkeypatch.setattr(outbox, "_lock_lead", wait_past_the_lease)
    assert outbox.send_now(msg) == State.UNKNOWN
    assert smtp_server.received == []


def test_a_send_whose_row_a_person_sent_again_meanwhile_logs_no_attempt(
    alice, make_lead, monkeypatch
):
    from fairchase.outreach import actions as message_actions
    from fairchase.outreach.channels.email import EmailChannel

    lead = make_lead(alice)
    msg = _queue(lead, alice)

    def slow_send(self, message):  # recovered, then a person put it back in the queue
        message_actions.move(msg.pk, State.SENDING, State.UNKNOWN, "The worker stopped")
        message_actions.move(msg.pk, State.UNKNOWN, State.QUEUED, "Send again", user=alice)
        return "provider-1"

    monkeypatch.setattr(EmailChannel, "send", slow_send)
    assert outbox.send_now(msg) == State.QUEUED
    assert not Attempt.objects.filter(lead=lead).exists()
