"""An imported list is not a stack of fresh enquiries: it is worked by value, after
today's real enquiries."""

import io

import pytest
from django.utils import timezone

from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.web.agenda import agenda_for


def test_imported_contacts_come_after_a_real_enquiry_and_are_worked_by_value(alice):
    enquiry = actions.create_lead(
        alice, name="Web Enquiry", email="web@example.com", source="web_form", value=1500
    )
    rows = "".join(
        f"Old Contact {i},old{i}@example.com,+1646555{1000 + i},{(i + 1) * 4000},Referrals\r\n"
        for i in range(8)
    )
    report = import_file(io.BytesIO(("name,email,phone,value,source\r\n" + rows).encode()), alice)
    assert report.created == 8
    # Today when they are due (an import on a Saturday night is planned for Monday morning)
    when = max(Lead.objects.values_list("next_due", flat=True)) + timezone.timedelta(minutes=1)
    agenda = agenda_for(alice, when)
    assert [r.lead.name for r in agenda.new] == ["Web Enquiry"]  # the only one saying "respond now"
    assert agenda.new_total == 1
    imported = [
        r.lead for r in agenda.followups + agenda.wings if r.lead.name.startswith("Old Contact")
    ]
    assert len(imported) == 8
    values = [lead.value for lead in imported]
    assert values == sorted(values, reverse=True)  # worth most first
    assert not any(lead.is_new_enquiry for lead in Lead.objects.exclude(pk=enquiry.pk))
    assert "waiting" not in " ".join(lead.plan_reason for lead in imported)


def test_an_imported_row_that_arrived_today_is_a_new_enquiry(alice):
    arrived = (timezone.now() - timezone.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    import_file(
        io.BytesIO(
            f"name,email,created\r\nNew Today,new@example.com,{arrived}\r\n"
            f"Last Year,last@example.com,2025-01-10 10:00\r\n".encode()
        ),
        alice,
    )
    when = max(Lead.objects.values_list("next_due", flat=True)) + timezone.timedelta(minutes=1)
    assert [r.lead.name for r in agenda_for(alice, when).new] == ["New Today"]


def test_a_date_without_a_time_is_noon_that_day_or_now_for_today_and_messages_read_plainly(
    alice,
):
    from datetime import UTC, datetime, timedelta

    from django.utils import timezone

    from fairchase.intake.rows import RowError, parse_when
    from fairchase.leads.normalize import InvalidContact, normalize_phone

    today = timezone.now().astimezone(UTC)
    assert parse_when(f"{today:%Y-%m-%d}") >= timezone.now() - timedelta(seconds=5)
    assert parse_when("2026-03-14") == datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    assert parse_when("2026-03-14 08:30") == datetime(2026, 3, 14, 8, 30, tzinfo=UTC)
    with pytest.raises(RowError, match=r"^enquiry date: 'soon' is not a date\.$"):
        parse_when("soon")
    with pytest.raises(InvalidContact) as bad:
        normalize_phone("12")
    assert "did not seem" not in str(bad.value) and "country code" in str(bad.value)


def test_an_imported_contact_is_introduced_never_thanked_for_an_enquiry_it_may_not_have_made(
    alice, settings
):
    from fairchase.outreach.drafts import draft_for

    # texts set up, so a text is drafted too (only drafted here: no provider is reached)
    settings.SMS_API_URL, settings.SMS_ACCOUNT_SID = "http://127.0.0.1:9/2010-04-01", "AC1"
    settings.SMS_AUTH_TOKEN, settings.SMS_FROM = "token", "+15005550006"

    csv = "name,email,phone,company\r\nCold Contact,cold@example.com,+16465551000,Acme\r\n"
    assert import_file(io.BytesIO(csv.encode()), alice).created == 1
    lead = Lead.objects.get()
    written = []
    for channel in ("email", "text"):
        # the plan says write now (as the decision core would for a cheap first try)
        Lead.objects.filter(pk=lead.pk).update(
            next_action="contact", next_channel=channel, next_due=timezone.now()
        )
        draft = draft_for(Lead.objects.get(pk=lead.pk))
        assert draft is not None and draft.error == "", draft
        assert draft.template.purpose == "introduction"
        written.append(draft.rendered.subject + draft.rendered.body)
    text = " ".join(written)
    assert "Acme" in text and "enquiry" not in text.lower()
    assert f"{timezone.now():%-d %B}" not in text  # no invented enquiry date

    # once tried, later messages are follow-ups again
    actions.log_attempt(Lead.objects.get(pk=lead.pk), "call", "no_answer")
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    assert draft_for(Lead.objects.get(pk=lead.pk)).template.purpose == "follow_up"


def test_a_contact_with_no_address_left_is_not_sent_on_a_visit(alice):
    # the email cell is unreadable and there is no phone: nowhere to call, write or go
    csv = "name,email,phone\r\nHank Miller,hank.miller@example,\r\n"
    report = import_file(io.BytesIO(csv.encode()), alice)
    assert report.created == 1 and report.warnings
    lead = Lead.objects.get()
    assert lead.next_action == "stop" and lead.next_channel in ("", None)
    assert "add an email or phone" in lead.plan_reason


def test_a_cold_list_contact_added_by_hand_is_no_new_enquiry(alice):
    enquiry = actions.create_lead(
        alice, name="Web Enquiry", email="w@example.com", source="web_form"
    )
    cold = actions.create_lead(
        alice, name="Cold Contact", email="c@example.com", source="cold_outreach"
    )
    assert enquiry.is_new_enquiry and not cold.is_new_enquiry
    dues = Lead.objects.exclude(next_due=None).values_list("next_due", flat=True)
    when = max([timezone.now(), *dues]) + timezone.timedelta(minutes=1)
    agenda = agenda_for(alice, when)
    assert [r.lead.name for r in agenda.new] == ["Web Enquiry"]
    cold.refresh_from_db()
    assert "new enquiry" not in cold.plan_reason


def test_a_walk_in_who_left_no_email_or_phone_is_not_sent_on_a_visit_either(alice):
    # as an imported contact without one: the app keeps no street address to go to
    lead = actions.create_lead(alice, name="Walk In", source="walk_in")
    assert lead.next_action == "stop" and lead.next_channel in ("", None)
    assert "add an email or phone" in lead.plan_reason


def test_a_cold_list_row_dated_today_is_no_new_enquiry_either(alice):
    today = timezone.now().strftime("%Y-%m-%d %H:%M")
    csv = f"name,email,source,created\r\nList Lee,ll@example.com,Purchased list,{today}\r\n"
    assert import_file(io.BytesIO(csv.encode()), alice).created == 1
    assert not Lead.objects.get().is_new_enquiry


def test_someone_who_enquired_and_wrote_again_is_not_introduced(alice):
    from fairchase.outreach.drafts import purpose_for

    lead = actions.create_lead(alice, name="Web Wendy", email="ww@example.com", source="web_form")
    actions.record_reply(lead, "email", text="Any news?")
    lead = Lead.objects.get(pk=lead.pk)
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    found = purpose_for(Lead.objects.get(pk=lead.pk))
    assert found is None or found[0] != "introduction"
