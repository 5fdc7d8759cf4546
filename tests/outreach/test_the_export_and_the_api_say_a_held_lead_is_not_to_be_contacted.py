"""A lead held by a request to stop nobody has decided on leaves the app as not to be
contacted: the export's "Not to be contacted" cell says it is held (without naming its
addresses: imported elsewhere, a named address would be suppressed for good, which an
unconfirmed stop must not do), and the API's `not_to_be_contacted` lists its addresses and
"held", as an integration that checks the field before dialling anyone is told to; its
agenda marks the lead's promises `on_hold`."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.api.schemas import LeadOut
from fairchase.intake.exporting import HELD_CELL, csv_lines
from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead, Suppression
from fairchase.outreach import inbound

from .holding import held_by_an_unvouched_stop

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _cell(lead) -> str:
    header, row = (
        line.rstrip("\r\n") for line in csv_lines("leads", Lead.objects.filter(pk=lead.pk))
    )
    (names, values) = csv.reader([header, row])
    return dict(zip(names, values, strict=True))["Not to be contacted"]


def test_the_export_says_a_held_lead_is_not_to_be_contacted(alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    assert _cell(lead) == ""
    got = held_by_an_unvouched_stop(imap_server, lead)
    assert _cell(lead) == HELD_CELL
    actions.suppress("+12125550199", "phone", "bounce")  # and the number bounced
    assert _cell(lead) == f"Phone; {HELD_CELL}"
    inbound.correct(got, "interested", alice)
    assert _cell(lead) == "Phone"


def test_a_held_lead_imported_elsewhere_has_no_address_suppressed(alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    held_by_an_unvouched_stop(imap_server, lead)
    data = "".join(csv_lines("leads", Lead.objects.filter(pk=lead.pk))).encode()
    Lead.objects.all().delete()  # the install it goes to never saw her
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice)
    assert report.created == 1, report.as_dict()
    assert not Suppression.objects.exists()


def test_the_api_says_a_held_lead_is_not_to_be_contacted(client, alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    headers = {"Authorization": f"Bearer {ApiToken.issue(alice, 'tests')[1]}"}
    assert LeadOut.of(lead)["not_to_be_contacted"] == []
    got = held_by_an_unvouched_stop(imap_server, lead)
    said = ["email", "phone", "held"]
    assert LeadOut.of(lead)["not_to_be_contacted"] == said
    assert (
        client.get(f"/api/leads/{lead.pk}", headers=headers).json()["not_to_be_contacted"] == said
    )
    page = client.get("/api/leads", headers=headers).json()["items"]
    assert [item["not_to_be_contacted"] for item in page] == [said]
    inbound.correct(got, "interested", alice)
    assert LeadOut.of(Lead.objects.get(pk=lead.pk))["not_to_be_contacted"] == []


def test_the_api_agenda_says_a_held_leads_promise_is_on_hold(client, alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    due = timezone.now() + timedelta(minutes=30)
    actions.add_commitment(lead, by="us", what="Call back", due_at=due, channel="call")
    headers = {"Authorization": f"Bearer {ApiToken.issue(alice, 'tests')[1]}"}

    def promises():
        agenda = client.get("/api/agenda", headers=headers).json()
        return [(c["name"], c["on_hold"]) for c in agenda["commitments"]]

    assert promises() == [("Nina Held", False)]
    held_by_an_unvouched_stop(imap_server, lead)
    assert promises() == [("Nina Held", True)]
