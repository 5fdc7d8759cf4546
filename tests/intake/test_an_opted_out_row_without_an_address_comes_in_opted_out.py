"""A row of our export whose Status reads "Opted out" but that has no email and no phone
(the person gave only a name) has no address to suppress. Before, it came in as an open
lead: someone could add a phone later and call a person who said no. The record made for
it is now opted out, its reason saying the imported row said so; a dry run says it and
changes nothing; a row that joins an existing open lead by name only leaves that lead as
it is and says so on its line."""

from __future__ import annotations

import io

from fairchase.intake.exporting import csv_lines
from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange


def _exported(alice, make_lead) -> bytes:
    dee = make_lead(alice, name="Dee Nameonly", email="", phone="")
    actions.opt_out(dee, user=alice)
    data = "".join(csv_lines("leads", Lead.objects.all())).encode()
    Lead.objects.all().delete()  # the install it goes to never saw her
    return data


def test_an_opted_out_row_without_an_address_comes_in_opted_out(alice, make_lead):
    data = _exported(alice, make_lead)
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice)
    assert (report.created, report.bad) == (1, 0), report.as_dict()
    dee = Lead.objects.get(name="Dee Nameonly")
    assert dee.status == Status.OPTED_OUT
    reason = StatusChange.objects.filter(lead=dee, new=Status.OPTED_OUT).last().reason
    assert "its row says they opted out" in reason
    assert any("Dee" in text and "never to be contacted" in text for _, text in report.warnings)


def test_a_dry_run_says_it_and_makes_nothing(alice, make_lead):
    data = _exported(alice, make_lead)
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice, dry_run=True)
    said = [text for _, text in report.warnings]
    assert any("Dee" in t and "would be added as an opted-out record" in t for t in said), said
    assert not Lead.objects.exists()


def test_a_row_joining_an_open_lead_by_name_only_leaves_it_and_says_so(alice, make_lead):
    data = _exported(alice, make_lead)
    other = make_lead(alice, name="Dee Nameonly", email="", phone="")
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice)
    assert report.created == 0, report.as_dict()
    other.refresh_from_db()
    assert other.status == Status.OPEN
    said = [text for _, text in report.warnings]
    assert any("Dee" in t and "by name only" in t for t in said), said
