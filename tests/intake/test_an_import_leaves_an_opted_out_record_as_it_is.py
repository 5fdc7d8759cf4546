"""An import leaves the record of someone who opted out as it is (an evaluator's finding):
a row matching it renamed it ("Dr. José Núñez Jr." became "JOSÉ NÚÑEZ JR", "Jose Nunez"
became "Núñez, José"), filled its blanks and added its notes, and the timeline went on in
the new spelling. Now the row's line says it is that person, who opted out (the words the
import already used), and nothing of the record changes, on a dry run or for real."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead, StatusChange

ROWS = (
    "name,email,phone,company,notes\n"
    "JOSÉ NÚÑEZ JR,jose@example.com,,Acme,Met at the fair\n"  # his email
    '"Núñez, José",,+1 212 555 0142,Other Co,Call back\n'  # Jose Nunez's number, his name
)


def _said_no(make_lead, owner, **fields) -> Lead:
    lead = make_lead(owner, **fields)
    return actions.opt_out(lead, reason="Asked us to stop")


def _as_it_was(lead: Lead) -> tuple:
    return (lead.name, lead.email, lead.phone, lead.company, lead.notes, lead.status)


def test_a_row_matching_an_opted_out_record_changes_nothing_of_it(alice, make_lead):
    jr = _said_no(make_lead, alice, name="Dr. José Núñez Jr.", email="jose@example.com", phone="")
    plain = _said_no(make_lead, alice, name="Jose Nunez", email="", phone="+12125550142")
    before = {lead.pk: _as_it_was(Lead.objects.get(pk=lead.pk)) for lead in (jr, plain)}
    timeline = StatusChange.objects.count()
    for dry_run in (True, False):
        report = import_file(io.BytesIO(ROWS.encode()), alice, filename="list.csv", dry_run=dry_run)
        assert report.created == 0 and report.updated == 0, report.as_dict()
        assert report.changes == [], report.changes
        said = dict(report.asked_not)
        assert said[2] == (
            f"JOSÉ NÚÑEZ JR: this is Dr. José Núñez Jr. (#{jr.pk}), who opted out: "
            "that record stays opted out, never contacted"
        ), said
        assert said[3].startswith(f"Núñez, José: this is Jose Nunez (#{plain.pk}), who opted out")
        after = {pk: _as_it_was(Lead.objects.get(pk=pk)) for pk in before}
        assert after == before
        assert StatusChange.objects.count() == timeline
