"""The outreach pages: the template editor, drafts on Today and the lead page, sending
with one click, the outbox, corrections of a reply's reading, and who may do what."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Profile, Status
from fairchase.outreach import drafts, outbox
from fairchase.outreach.models import InboundMessage, MessageTemplate, OutboundMessage

pytestmark = pytest.mark.usefixtures("open_all_day")  # clicked sends hold at any hour


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_shipped_templates_cover_the_seeds_situations(db):
    purposes = set(MessageTemplate.objects.values_list("purpose", flat=True))
    assert {
        "first_response",
        "voicemail",
        "recap",
        "breakup",
        "mailing_list",
        "revisit",
    } <= purposes
    for t in MessageTemplate.objects.filter(channel="email"):
        assert "{{opt_out_link}}" in t.body


def test_an_unknown_placeholder_is_an_error_in_the_editor_not_a_blank_in_an_email(boss):
    t = MessageTemplate.objects.get(purpose="voicemail")
    response = _client(boss).post(
        f"/o/templates/{t.pk}/",
        {
            "name": t.name,
            "purpose": t.purpose,
            "channel": "email",
            "subject": "Hi {{frist_name}}",
            "body": t.body.replace("{{owner_phone}}", "{{owner_mobile}}"),
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Unknown placeholder {{frist_name}}" in html
        and "Unknown placeholder {{owner_mobile}}" in html
    )
    assert 'class="errorlist' in html
    t.refresh_from_db()
    assert "{{owner_mobile}}" not in t.body


def test_an_email_template_must_carry_the_opt_out_link(boss):
    response = _client(boss).post(
        "/o/templates/new/",
        {
            "name": "Pushy",
            "purpose": "other",
            "channel": "email",
            "subject": "Buy now",
            "body": "Hello {{first_name}}",
            "is_active": "on",
        },
    )
    assert "{{opt_out_link}}" in response.content.decode()
    assert not MessageTemplate.objects.filter(name="Pushy").exists()


def test_the_preview_renders_the_template_for_a_real_lead(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams", company="Acme")
    t = MessageTemplate.objects.get(purpose="voicemail")
    html = _client(alice).get(f"/o/templates/{t.pk}/preview/?lead={lead.pk}").content.decode()
    assert "Hello Ann," in html and "+15555550100" in html and "/o/unsubscribe/" in html


def test_the_preview_never_offers_someone_who_opted_out_or_whose_address_is_suppressed(
    alice, make_lead
):
    make_lead(alice, name="Ann Adams", email="ann@example.com")
    gone = make_lead(alice, name="Olga Optout", email="olga@example.com")
    actions.opt_out(gone, user=alice)
    make_lead(alice, name="Sue Same", email="OLGA@example.com")  # her address, another lead
    t = MessageTemplate.objects.get(purpose="voicemail")
    html = _client(alice).get(f"/o/templates/{t.pk}/preview/?lead={gone.pk}").content.decode()
    assert "Ann Adams" in html
    assert "Olga" not in html and "Sue Same" not in html


def test_a_missing_value_shows_what_to_fix_instead_of_a_blank(alice, make_lead):
    lead = make_lead(alice)
    t = MessageTemplate.objects.get(purpose="recap")  # needs an agreed next step
    html = _client(alice).get(f"/o/templates/{t.pk}/preview/?lead={lead.pk}").content.decode()
    assert "No value for {{next_step}}" in html


def test_a_salesperson_cannot_preview_or_send_for_someone_elses_lead(alice, bob, make_lead):
    lead = make_lead(alice)
    t = MessageTemplate.objects.get(purpose="voicemail")
    assert _client(bob).post(f"/o/leads/{lead.pk}/send/", {"template": t.pk}).status_code == 404
    assert _client(bob).get(f"/o/leads/{lead.pk}/compose/").status_code == 404
    html = _client(bob).get(f"/o/templates/{t.pk}/preview/?lead={lead.pk}").content.decode()
    assert lead.name not in html
    assert not OutboundMessage.objects.exists()


def test_logging_left_message_offers_the_voicemail_email_on_today(alice, make_lead, smtp_server):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    c = _client(alice)
    assert 'id="outreach-today"' in c.get("/").content.decode()
    # the folded section fetches its drafts when opened
    assert "Email after a voicemail" in c.get("/o/today/after-call/").content.decode()


def test_one_click_sends_the_draft_and_the_offer_goes_away(alice, make_lead, smtp_server):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    t = MessageTemplate.objects.get(purpose="voicemail", channel="email")
    response = _client(alice).post(f"/o/leads/{lead.pk}/send/", {"template": t.pk, "next": "today"})
    assert response.status_code == 302
    [got] = smtp_server.received
    assert got.message["Subject"] == "Sorry I missed you, Ann"
    assert "I left you a voicemail today" in got.message.get_body().get_content()
    assert drafts.draft_for(lead) is None or drafts.draft_for(lead).template.purpose != "voicemail"


def test_compose_lets_a_person_edit_before_sending(alice, make_lead, smtp_server):
    lead = make_lead(alice, name="Ann Adams")
    c = _client(alice)
    assert (
        "Hello Ann"
        in c.get(
            f"/o/leads/{lead.pk}/compose/?template={MessageTemplate.objects.get(purpose='voicemail').pk}"
        ).content.decode()
    )
    c.post(
        f"/o/leads/{lead.pk}/compose/",
        {"channel": "email", "subject": "Quick note", "body": "Hi {{first_name}}, edited by hand."},
    )
    [got] = smtp_server.received
    assert got.message["Subject"] == "Quick note"
    assert "Hi Ann, edited by hand." in got.message.get_body().get_content()


def test_in_automatic_mode_left_message_queues_the_voicemail_email(alice, make_lead):
    Profile.objects.filter(user=alice).update(outreach_mode="automatic")
    lead = make_lead(alice)
    actions.log_attempt(lead, "call", "left_message")
    msg = OutboundMessage.objects.get(lead=lead)
    assert (msg.state, msg.template.purpose, msg.queued_by) == ("queued", "voicemail", None)


def test_in_suggest_mode_nothing_is_queued_by_itself(alice, make_lead):
    lead = make_lead(alice)
    actions.log_attempt(lead, "call", "left_message")
    assert drafts.queue_plan_steps() == 0
    assert not OutboundMessage.objects.exists()


def test_the_automatic_step_queues_due_email_steps_of_the_plan_once(alice, make_lead):
    from django.utils import timezone

    from fairchase.leads.models import Lead

    Profile.objects.filter(user=alice).update(outreach_mode="automatic")
    lead = make_lead(alice)
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    assert drafts.queue_plan_steps() == 1
    assert drafts.queue_plan_steps() == 0
    assert OutboundMessage.objects.get().template.purpose == "first_response"


def test_unknown_rows_show_on_today_and_a_person_settles_them(alice, make_lead):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi\n", user=alice)
    OutboundMessage.objects.filter(pk=msg.pk).update(state="unknown")
    c = _client(alice)
    assert f'id="unknown-{msg.pk}"' in c.get("/").content.decode()
    assert f'id="message-{msg.pk}"' in c.get("/o/outbox/").content.decode()
    c.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "sent"})
    msg.refresh_from_db()
    assert msg.state == "sent" and lead.attempts.filter(channel="email").count() == 1


def test_bob_cannot_settle_alices_messages(alice, bob, make_lead):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi\n", user=alice)
    assert (
        _client(bob).post(f"/o/outbox/{msg.pk}/settle/", {"decision": "cancel"}).status_code == 404
    )
    assert msg.pk not in [r.pk for r in _client(bob).get("/o/outbox/").context["rows"]]


@pytest.fixture
def a_not_interested_reply(alice, make_lead):
    from django.utils import timezone

    from fairchase.outreach.inbound import record_inbound
    from fairchase.outreach.replies import read_text

    lead = make_lead(alice, name="Ann Adams")
    reading = read_text("Not interested, thanks.", timezone.now(), channel="email")
    return record_inbound(
        key="<x@y>",
        lead=lead,
        channel="email",
        sender="ann@example.com",
        subject="Re: hi",
        reading=reading,
        received_at=timezone.now(),
    )


def test_the_reading_shows_on_the_timeline_and_lead_page(alice, a_not_interested_reply):
    from fairchase.web.timeline import timeline_for

    lead = a_not_interested_reply.lead
    lead.refresh_from_db()
    assert lead.status == Status.CLOSED
    entries = [e for e in timeline_for(lead, alice) if e.kind == "not interested"]
    assert entries and "Not interested, thanks." in entries[0].body
    assert 'Read as not interested in English, because of: "Not interested"' in entries[0].body
    html = _client(alice).get(f"/leads/{lead.pk}/").content.decode()
    assert f'id="reply-{a_not_interested_reply.pk}"' in html and "Read it differently" in html
    assert "in English" in html and '<q class="evidence">&quot;Not interested&quot;</q>' in html


def test_the_deciding_words_of_a_reply_are_escaped_on_the_lead_page(alice, make_lead):
    from django.utils import timezone

    from fairchase.outreach.inbound import record_inbound
    from fairchase.outreach.replies import read_text

    lead = make_lead(alice, name="Eve Evil")
    reading = read_text(
        "<script>alert(1)</script> Bitte keine E-Mails mehr <b>schicken</b>",
        timezone.now(),
        channel="email",
    )
    item = record_inbound(
        key="<e@y>",
        lead=lead,
        channel="email",
        sender="eve@example.com",
        subject="<i>x</i>",
        reading=reading,
        received_at=timezone.now(),
    )
    assert item.kind == "opt_out" and item.language == "de"
    html = _client(alice).get(f"/leads/{lead.pk}/").content.decode()
    assert (
        "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html and "in German" in html
    )


def test_one_click_correction_reopens_the_lead(alice, bob, a_not_interested_reply):
    url = f"/o/replies/{a_not_interested_reply.pk}/correct/"
    assert _client(bob).post(url, {"kind": "unclear"}).status_code == 404
    _client(alice).post(url, {"kind": "unclear"})
    item = InboundMessage.objects.get(pk=a_not_interested_reply.pk)
    assert item.kind == "unclear" and item.corrected_by == alice
    item.lead.refresh_from_db()
    assert item.lead.status in (Status.OPEN, Status.ENGAGED)
    assert (
        item.lead.responded_at is not None and not item.lead.attempts.exists()
    )  # a reply is no attempt


def test_a_row_whose_plan_says_email_offers_the_drafted_message_on_today(alice, make_lead):
    from django.utils import timezone

    from fairchase.leads.models import Lead

    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "no_answer")
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    html = _client(alice).get("/").content.decode()
    row = html[html.index(f'id="row-{lead.pk}"') :]
    row = row[: row.index("</li>")]
    assert "Follow-up" in row and "send-draft" in row and "Edit, then send" in row


def test_a_lead_to_let_go_is_offered_the_door_open_message_once(alice, make_lead, smtp_server):
    from fairchase.leads.models import Lead

    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "no_answer")
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed")
    draft = drafts.draft_for(Lead.objects.get(pk=lead.pk))
    assert draft.template.purpose == "breakup" and "the right time" in draft.rendered.body
    _client(alice).post(f"/o/leads/{lead.pk}/send/", {"template": draft.template.pk})
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed")
    assert drafts.draft_for(Lead.objects.get(pk=lead.pk)) is None


def test_only_an_admin_changes_the_shared_templates_a_salesperson_reads_them(alice, boss):
    t = MessageTemplate.objects.get(purpose="voicemail")
    data = {
        "name": "Mine now",
        "purpose": t.purpose,
        "channel": "email",
        "subject": "Hi",
        "body": "Hello {{first_name}} {{opt_out_link}}",
        "is_active": "on",
    }
    assert _client(alice).post(f"/o/templates/{t.pk}/", data).status_code == 403
    assert _client(alice).post("/o/templates/new/", {**data, "name": "New one"}).status_code == 403
    assert _client(alice).get("/o/templates/new/").status_code == 403
    t.refresh_from_db()
    assert t.name != "Mine now" and not MessageTemplate.objects.filter(name="New one").exists()
    page = _client(alice).get(f"/o/templates/{t.pk}/").content.decode()
    assert (
        t.body.split("\n")[0][:20] in page and "disabled" in page and ">Save</button>" not in page
    )
    assert "New template" not in _client(alice).get("/o/templates/").content.decode()
    assert _client(boss).post(f"/o/templates/{t.pk}/", data).status_code == 302
    t.refresh_from_db()
    assert t.name == "Mine now"


def test_sending_the_door_open_message_completes_the_stop_it_was_written_for(
    alice, make_lead, smtp_server
):
    from fairchase.leads.models import Lead

    lead = make_lead(alice, name="Door Dan")
    actions.log_attempt(lead, "call", "no_answer")
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed")
    draft = drafts.draft_for(Lead.objects.get(pk=lead.pk))
    assert draft.template.purpose == "breakup"
    html = (
        _client(alice)
        .post(
            f"/o/leads/{lead.pk}/send/",
            {"template": draft.template.pk, "next": "today"},
            HTTP_HX_REQUEST="true",
        )
        .content.decode()
    )
    assert len(smtp_server.received) == 1
    assert Lead.objects.get(pk=lead.pk).status == Status.CLOSED
    assert "Stopped chasing Door Dan: closed." in html and "<html" not in html


def test_the_preview_shows_the_unsaved_edits_in_the_editor(boss, alice, make_lead):
    lead = make_lead(alice, name="Ann Adams", company="Acme")
    t = MessageTemplate.objects.get(purpose="voicemail", channel="email")
    html = (
        _client(boss)
        .get(
            f"/o/templates/{t.pk}/preview/",
            {
                "lead": lead.pk,
                "subject": "Still there, {{first_name}}?",
                "body": "About {{company}}: <b>call me</b>",
                "channel": "email",
            },
        )
        .content.decode()
    )
    assert "Still there, Ann?" in html and "About Acme: &lt;b&gt;call me&lt;/b&gt;" in html
    assert MessageTemplate.objects.get(pk=t.pk).subject == t.subject  # nothing saved
    editor = _client(boss).get(f"/o/templates/{t.pk}/").content.decode()
    assert 'hx-trigger="input changed delay:400ms"' in editor  # typing refreshes the preview


def test_a_failed_send_shows_as_a_failure_in_the_outbox_not_as_queued(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Body", user=alice)
    OutboundMessage.objects.filter(pk=msg.pk).update(error="SMTP 451: try again later")
    html = _client(alice).get("/o/outbox/").content.decode()
    row = html.split(f'id="message-{msg.pk}"')[1].split("</tr>")[0]
    assert "Failed: retrying" in row and 'class="small send-error">SMTP 451: try again later' in row


def test_a_follow_up_due_on_a_later_day_is_not_drafted_as_write_now(alice, make_lead):
    from datetime import timedelta

    from django.utils import timezone

    from fairchase.leads.models import Lead

    lead = make_lead(alice, email="ann@example.com", created_at=timezone.now() - timedelta(days=4))
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
    for due, drafted in ((timezone.now() + timedelta(days=3), False), (timezone.now(), True)):
        Lead.objects.filter(pk=lead.pk).update(
            next_action="contact", next_channel="email", next_due=due
        )
        draft = drafts.draft_for(Lead.objects.get(pk=lead.pk))
        assert (draft is not None and draft.template.purpose == "follow_up") == drafted, due
