"""A bought or cold list that names a live enquirer leaves how he first came to us and his
value as they are (an evaluator's finding, eval20 #12): Abel Jones phoned us ($4,000), a
cold list with him on it made him `cold_outreach` worth $50, and his plan went from "call
him, a new enquiry" to "Stop", so a person who phoned was let go unanswered. Now the
import keeps his source and value, says so on his line ("value 50 in the file, kept
4,000"), and his plan still answers him; the dry run says exactly that. No file, with a
Source column or without, fills or changes the value of someone who came to us and waits
for a first answer (review20 #1). A value another lead lacks is filled, and a list's own
word on a contact nobody has dealt with yet is corrected by a later list; once tried, not."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead, NextAction
from fairchase.leads.people import visible_leads

ABEL = "abel.jones@example.com"
COLD = (
    "Name,Email,Lead Source,Amount,Create Date,Company\n"
    f"Abel Jones,{ABEL},Cold call,50,2024-05-05,\n"
)
KEPT_SOURCE = (
    "Abel Jones: source cold_outreach in the file, kept inbound_call: how they first came "
    "to us is not changed by a file once they have enquired or been contacted"
)
KEPT_VALUE = (
    "Abel Jones: value 50 in the file, kept 4,000: a file never lowers a known value "
    "(edit the lead to lower it)"
)


def _import(user, body: str, **kw):
    return import_file(
        io.BytesIO(body.encode()),
        user,
        filename="cold.csv",
        scope=visible_leads(user),
        user=user,
        **kw,
    )


def _abel(alice, make_lead) -> Lead:
    abel = make_lead(
        alice,
        name="Abel Jones",
        email=ABEL,
        source="inbound_call",
        value=4000,
        created_at=timezone.now() - timedelta(hours=10),
    )
    assert abel.is_new_enquiry and abel.next_action == NextAction.CONTACT
    return abel


def test_a_cold_list_leaves_the_callers_source_and_value_and_his_plan_answers_him(alice, make_lead):
    abel = _abel(alice, make_lead)
    report = _import(alice, COLD)
    abel.refresh_from_db()
    assert (abel.source, abel.value) == ("inbound_call", Decimal(4000))
    assert abel.is_new_enquiry and abel.next_action == NextAction.CONTACT, abel.plan_reason
    assert report.warnings == [(2, KEPT_SOURCE), (2, KEPT_VALUE)]
    assert report.changes == [(2, "Abel Jones: notes added")]  # "Source in the imported file"
    assert "Source in the imported file: Cold call" in abel.notes


def test_the_dry_run_says_what_the_import_does(alice, make_lead):
    abel = _abel(alice, make_lead)
    dry = _import(alice, COLD, dry_run=True)
    abel.refresh_from_db()
    assert (abel.source, abel.value, abel.notes) == ("inbound_call", Decimal(4000), "")
    done = _import(alice, COLD)
    assert (dry.warnings, dry.changes) == (done.warnings, done.changes)
    assert dry.warnings == [(2, KEPT_SOURCE), (2, KEPT_VALUE)]
    assert (dry.updated, dry.unchanged) == (done.updated, done.unchanged) == (1, 0)


def test_a_value_the_lead_lacks_is_filled_and_a_higher_one_taken(alice, make_lead):
    """Hana has been called once: no longer a new enquiry waiting, so a file fills her value."""
    hana = make_lead(alice, name="Hana Kim", email="hana@example.com", value=None)
    actions.log_attempt(hana, "call", "no_answer")
    body = "Name,Email,Amount\nHana Kim,hana@example.com,{}\n"
    report = _import(alice, body.format(100))
    hana.refresh_from_db()
    assert hana.value == Decimal(100) and hana.source == "referral"
    assert report.changes == [(2, "Hana Kim: value none -> 100")] and report.warnings == []
    report = _import(alice, body.format(2500))
    assert report.changes == [(2, "Hana Kim: value 100 -> 2,500")]
    assert Lead.objects.get(pk=hana.pk).value == Decimal(2500)


def test_a_lists_contact_nobody_dealt_with_is_corrected_by_a_later_list_but_not_once_tried(
    alice,
):
    first = "Name,Email,Lead Source\nIda Bell,ida@example.com,Cold call\n"
    _import(alice, first)
    ida = Lead.objects.get(email="ida@example.com")
    assert ida.source == "cold_outreach"
    report = _import(alice, first.replace("Cold call", "Purchased list"))
    assert report.changes == [(2, "Ida Bell: source cold_outreach -> purchased_list")]
    actions.log_attempt(Lead.objects.get(pk=ida.pk), "call", "no_answer")
    report = _import(alice, first.replace("Cold call", "Referral"))
    assert Lead.objects.get(pk=ida.pk).source == "purchased_list"
    assert report.changes == [] and report.unchanged == 1
    assert report.warnings == [
        (
            2,
            "Ida Bell: source referral in the file, kept purchased_list: how they first came "
            "to us is not changed by a file once they have enquired or been contacted",
        )
    ]


def _greta_waiting_for_her_first_answer(alice, make_lead):
    """Greta wrote in through the web form ten hours ago and gave no value."""
    return make_lead(
        alice,
        name="Greta Lind",
        email="greta.lind@example.org",
        source="web_form",
        value=None,
        created_at=timezone.now() - timedelta(hours=10),
    )


def test_a_bought_lists_figure_fills_no_value_of_someone_who_came_to_us(alice, make_lead):
    """Greta wrote in through the web form, no value yet: a purchased list's 10 made her a
    $10 lead, and the plan stopped her unanswered. A list's figure is not her enquiry's."""
    greta = _greta_waiting_for_her_first_answer(alice, make_lead)
    body = "Name,Email,Lead Source,Amount\nGreta Lind,greta.lind@example.org,Purchased list,10\n"
    dry = _import(alice, body, dry_run=True)
    report = _import(alice, body)
    assert (dry.warnings, dry.changes) == (report.warnings, report.changes)
    assert report.warnings == [
        (
            2,
            "Greta Lind: source purchased_list in the file, kept web_form: how they first "
            "came to us is not changed by a file once they have enquired or been contacted",
        ),
        (
            2,
            "Greta Lind: value 10 in the file, not taken: a cold or bought list's figure is "
            "not what someone who came to us is worth",
        ),
    ]
    greta.refresh_from_db()
    assert (greta.source, greta.value) == ("web_form", None)
    assert greta.is_new_enquiry and greta.next_action == NextAction.CONTACT, greta.plan_reason
    # a file that is not a list's (no Source column, or hers) does not fill it either
    _import(alice, "Name,Email,Amount\nGreta Lind,greta.lind@example.org,1500\n")
    assert Lead.objects.get(pk=greta.pk).value is None


def _waiting(message: str) -> str:
    return (
        f"{message} in the file, not used: Greta Lind is a new enquiry waiting for an answer; "
        "set it in Edit once you have spoken"
    )


def test_a_file_without_a_source_column_fills_no_value_of_a_new_enquiry(alice, make_lead):
    """Review20 #1: a bought list with no Source column comes in as `import`, and its 10
    filled Greta's blank value: the plan then stopped her unanswered. Any file's figure
    for someone who came to us and waits for her first answer is not used, and her line
    says so; the dry run says the same. Once she has been tried, a file fills it."""
    greta = _greta_waiting_for_her_first_answer(alice, make_lead)
    body = "Name,Email,Amount\nGreta Lind,greta.lind@example.org,{}\n"
    dry = _import(alice, body.format(10), dry_run=True)
    report = _import(alice, body.format(10))
    assert (dry.warnings, dry.changes) == (report.warnings, report.changes)
    assert report.warnings == [(2, f"Greta Lind: {_waiting('value 10')}")]
    assert report.changes == [] and report.unchanged == 1
    greta.refresh_from_db()
    assert greta.value is None
    assert greta.is_new_enquiry and greta.next_action == NextAction.CONTACT, greta.plan_reason
    actions.log_attempt(greta, "call", "no_answer")
    report = _import(alice, body.format(10))
    assert Lead.objects.get(pk=greta.pk).value == Decimal(10) and report.warnings == []


def test_a_file_changes_no_value_of_a_new_enquiry_that_has_one(alice, make_lead):
    greta = make_lead(
        alice, name="Greta Lind", email="greta.lind@example.org", source="web_form", value=800
    )
    report = _import(alice, "Name,Email,Amount\nGreta Lind,greta.lind@example.org,5000\n")
    assert report.warnings == [(2, f"Greta Lind: {_waiting('value 5,000')}")]
    assert Lead.objects.get(pk=greta.pk).value == Decimal(800)
