"""A cold list exported from another tool carries its own column of who said no: HubSpot's
"Unsubscribed from all email", Salesforce's "Email Opt Out" and "Do Not Call", a "DNC" or
"Opted out" typed by hand. Before, such a column was "not read" and those people came in
to be chased; mapped to Status, a "true" or "Yes" did nothing. Now a yes (true, Yes, 1, x,
ja, oui, sí) suppresses the email (an unsubscribe), the phone (do not call) or opts the
person out (opted out, do not contact), through the import's one way of honouring who said
no (`said_no.honour_row`); a no changes nothing; a cell saying neither, or a Status that
is none of ours, is a warning on its line. The report, and its dry run, count the rows."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.mapping import FIELDS, SAYS_NO_FIELDS, detect_mapping
from fairchase.intake.models import ImportJob
from fairchase.intake.said_no import SAYS_NO, says_yes
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.planning import reachable_channels
from tests.intake.importing import suppressed

HUBSPOT = (
    "Name,Email,Phone,Company,Lead Source,Amount,Notes,Unsubscribed from all email\n"
    "Sven Dahl,sven.dahl@example.com,+13125550101,Dahl AB,Cold call,100,,true\n"
    "Olga Berg,olga.berg@example.com,+13125550102,,Cold call,100,,false\n"
    "Per Lund,per.lund@example.com,+13125550103,,Cold call,100,,Yes\n"
    "Ida Holm,ida.holm@example.com,+13125550104,,Cold call,100,,\n"
)


def _import(user, text: str, **kw):
    return import_file(io.BytesIO(text.encode()), user, filename="cold.csv", user=user, **kw)


def test_other_tools_said_no_headers_are_recognised():
    header = [
        "Name",
        "Email",
        "Unsubscribed from all email",
        "Do Not Call",
        "Opted out",
    ]
    assert detect_mapping(header)[1][2:] == ["unsubscribed", "do_not_call", "opted_out"]
    for one, field in (
        ("Email Opt Out", "unsubscribed"),
        ("HasOptedOutOfEmail", "unsubscribed"),
        ("Unsubscribed", "unsubscribed"),
        ("DoNotCall", "do_not_call"),
        ("DNC", "do_not_call"),
        ("Do not contact", "opted_out"),
        ("Nicht anrufen", "do_not_call"),
        ("Désabonné", "unsubscribed"),
        ("Ne pas contacter", "opted_out"),
        ("No llamar", "do_not_call"),
    ):
        assert detect_mapping(["Name", "Email", one])[1] == ["name", "email", field], one
    assert set(SAYS_NO) == set(SAYS_NO_FIELDS) <= set(FIELDS)  # the mapping page offers them


def test_yes_and_no_are_read_as_people_write_them():
    for yes in ("true", "TRUE", "Yes", "y", "1", "x", "X", "ja", "Oui", "sí", "✓"):
        assert says_yes(yes) is True, yes
    for no in ("false", "No", "0", "", "  ", "nein", "non", "-"):
        assert says_yes(no) is False, no
    for said_no in ("maybe", "2024-03-01", "unknown", "?", "✗", "Unsubscribed on 3/1", "bounced"):
        assert says_yes(said_no) is True, said_no  # under a said-no header: they said no


def test_an_unsubscribed_column_suppresses_the_email_and_keeps_the_phone(alice):
    report = _import(alice, HUBSPOT)
    assert (report.created, report.bad) == (4, 0), report.as_dict()
    assert not any("not read" in said for said in report.about), report.about
    sven, olga, per, ida = (
        Lead.objects.get(name=n) for n in ("Sven Dahl", "Olga Berg", "Per Lund", "Ida Holm")
    )
    assert sven.status == per.status == Status.OPEN  # an unsubscribe is from email only
    assert reachable_channels(sven) == reachable_channels(per) == ["call"]
    assert reachable_channels(olga) == reachable_channels(ida) == ["call", "email"]
    assert suppressed() == {
        "sven.dahl@example.com": "import: unsubscribed from email",
        "per.lund@example.com": "import: unsubscribed from email",
    }
    assert (
        "2 rows of people who unsubscribed from email (column “Unsubscribed from all email”): "
        "had the email address suppressed, never to be emailed."
    ) in report.about


def test_the_dry_run_says_what_the_import_does_and_does_nothing(alice):
    dry = _import(alice, HUBSPOT, dry_run=True)
    assert not Lead.objects.exists() and not Suppression.objects.exists()
    assert (
        "2 rows of people who unsubscribed from email (column “Unsubscribed from all email”): "
        "would have the email address suppressed, never to be emailed."
    ) in dry.about
    done = _import(alice, HUBSPOT)
    assert [s.replace("would have", "had") for s in dry.about] == done.about
    assert dry.warnings == done.warnings == []


def test_do_not_call_suppresses_the_phone_and_opted_out_opts_the_person_out(alice):
    report = _import(
        alice,
        "Name,Email,Phone,DoNotCall,Do not contact\n"
        "Ann Call,ann@example.com,+13125550111,1,0\n"
        "Bo Gone,bo@example.com,+13125550112,,ja\n"
        "Cy Fine,cy@example.com,+13125550113,nein,non\n"
        "Di Gone,,+13125550114,,sí\n",
    )
    assert (report.created, report.bad) == (4, 0), report.as_dict()
    ann, bo, cy, di = (
        Lead.objects.get(name=n) for n in ("Ann Call", "Bo Gone", "Cy Fine", "Di Gone")
    )
    assert ann.status == Status.OPEN and reachable_channels(ann) == ["email"]
    assert bo.status == di.status == Status.OPTED_OUT
    assert reachable_channels(bo) == reachable_channels(di) == []
    assert cy.status == Status.OPEN and reachable_channels(cy) == ["call", "email"]
    said = suppressed()
    assert said["+13125550111"] == "import: do not call" and "ann@example.com" not in said
    assert said["bo@example.com"] == said["+13125550112"] == said["+13125550114"] == "opt-out"
    lines = {line for line, text in report.warnings if "never to be contacted" in text}
    assert lines == {3, 5}, report.warnings
    assert (
        "2 rows of people who opted out (column “Do not contact”): came in opted out, never to be contacted."
        in report.about
    )
    assert (
        "1 row of someone not to call (column “DoNotCall”): had the phone number suppressed, never to be called or texted."
        in report.about
    )


def test_a_cell_that_is_not_a_plain_no_counts_as_a_yes_and_its_line_says_so(alice):
    """Review20 #2: an unsubscribe date under "Unsubscribed" was left out as neither yes nor
    no, and Sven came in to be emailed. Anything but a plain no counts as a yes, and the
    line says how the cell was read; the dry run says the same."""
    text = (
        "Name,Email,Phone,Unsubscribed,Blacklisted\n"
        "Sven Dahl,sven@example.com,+13125550131,2024-03-01,\n"
        "Eve Maybe,eve@example.com,+13125550132,maybe,no\n"
        "Bo Block,bo@example.com,+13125550133,-,blacklisted\n"
        "Cy Fine,cy@example.com,+13125550134,n/a,false\n"
    )
    dry = _import(alice, text, dry_run=True)
    report = _import(alice, text)
    read = [said for _, said in report.warnings if "read '" in said]
    assert [said for _, said in dry.warnings if "read '" in said] == read
    assert read == [
        "Sven Dahl: read '2024-03-01' as unsubscribed from email: in a column of who said no, "
        "anything but a plain no counts as a yes: check it if they did not.",
        "Eve Maybe: read 'maybe' as unsubscribed from email: in a column of who said no, "
        "anything but a plain no counts as a yes: check it if they did not.",
        "Bo Block: read 'blacklisted' as opted out: in a column of who said no, "
        "anything but a plain no counts as a yes: check it if they did not.",
    ], report.warnings
    sven, eve, bo, cy = (
        Lead.objects.get(name=n) for n in ("Sven Dahl", "Eve Maybe", "Bo Block", "Cy Fine")
    )
    assert reachable_channels(sven) == reachable_channels(eve) == ["call"]
    assert bo.status == Status.OPTED_OUT and reachable_channels(bo) == []
    assert cy.status == Status.OPEN and reachable_channels(cy) == ["call", "email"]


def test_blacklisted_and_blocklisted_columns_are_read_as_opted_out():
    for one in ("Blacklisted", "Blocklisted", "Blacklist"):
        assert detect_mapping(["Name", "Email", one])[1] == ["name", "email", "opted_out"], one


def test_any_of_two_said_no_columns_saying_yes_counts(alice):
    report = _import(
        alice, "Name,Email,Unsubscribed,Email Opt Out\nFay Two,fay@example.com,false,TRUE\n"
    )
    assert report.created == 1 and suppressed() == {
        "fay@example.com": "import: unsubscribed from email"
    }


def test_a_status_cell_that_is_none_of_ours_is_a_warning_on_its_line(alice):
    text = "Name,Email,Status\nGil True,gil@example.com,true\nHal Out,hal@example.com,Opted out\nIvy Won,ivy@example.com,Won\n"
    mapping = ["name", "email", "status"]
    report = import_file(
        io.BytesIO(text.encode()), alice, filename="x.csv", user=alice, mapping=mapping
    )
    assert report.created == 3
    [(line, said)] = [(line, t) for line, t in report.warnings if "not a status" in t]
    assert line == 2 and said.startswith(
        "Gil True: status: 'true' is not a status Fairchase writes"
    )
    assert Lead.objects.get(name="Hal Out").status == Status.OPTED_OUT
    assert Lead.objects.get(name="Gil True").status == Status.OPEN


def test_a_row_joining_a_lead_suppresses_that_leads_email(alice, make_lead):
    jo = make_lead(alice, name="Jo Known", email="jo@example.com", phone="+13125550120")
    report = _import(
        alice, "Name,Email,Unsubscribed from all email\nJo Known,jo@example.com,true\n"
    )
    assert report.created == 0 and report.bad == 0
    jo.refresh_from_db()
    assert reachable_channels(jo) == ["call"]


def test_an_unrecognised_header_mapped_on_the_page_to_the_field_is_read(client, alice):
    client.force_login(alice)
    body = "Name,Email,Marketing blocked\nKim Lee,kim@example.com,yes\nLou Ray,lou@example.com,no\n"
    client.post(
        "/in/import/", {"file": SimpleUploadedFile("x.csv", body.encode(), content_type="text/csv")}
    )
    job = ImportJob.objects.get()
    assert job.mapping == ["name", "email", ""]
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert (
        '<option value="unsubscribed" >Unsubscribed from email (yes: never emailed)</option>'
        in page
    )
    columns = {"col0": "name", "col1": "email", "col2": "unsubscribed"}
    dry = client.post(f"/in/import/{job.pk}/run/", {**columns, "action": "dry_run"}, follow=True)
    assert (
        "1 row of someone who unsubscribed from email (column “Marketing blocked”): would have"
        in dry.content.decode()
    )
    client.post(f"/in/import/{job.pk}/run/", {**columns, "action": "import"})
    assert run_job(job.pk) is True
    job.refresh_from_db()
    assert any("column “Marketing blocked”): had the email" in s for s in job.report["about"])
    assert suppressed() == {"kim@example.com": "import: unsubscribed from email"}
    assert reachable_channels(Lead.objects.get(name="Lou Ray")) == ["email"]


def test_an_unread_column_that_speaks_of_saying_no_is_said_loudly(client, alice):
    text = "Name,Email,Opt-out date,Marketing unsubscribe reason,City\nMo Dee,mo@example.com,2024-03-01,spam,Oslo\n"
    for dry_run in (True, False):
        about = _import(alice, text, dry_run=dry_run).about
        loud = [said for said in about if "looks like a list of people who said no" in said]
        assert [said.split("”")[0] for said in loud] == [
            "Column “Opt-out date",
            "Column “Marketing unsubscribe reason",
        ], about
    client.force_login(alice)
    client.post(
        "/in/import/", {"file": SimpleUploadedFile("x.csv", text.encode(), content_type="text/csv")}
    )
    job = ImportJob.objects.get()
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert "Column “Opt-out date” looks like a list of people who said no" in page
    assert "Column “City” looks like" not in page


def test_a_do_not_contact_row_opts_out_the_lead_it_joins_and_the_dry_run_says_so(alice, make_lead):
    jo = make_lead(alice, name="Jo Known", email="jo@example.com", phone="+13125550120")
    text = "Name,Email,Do not contact\nJo Known,jo@example.com,yes\n"
    dry = _import(alice, text, dry_run=True)
    jo.refresh_from_db()
    assert jo.status == Status.OPEN and not Suppression.objects.exists()
    done = _import(alice, text)
    jo.refresh_from_db()
    assert jo.status == Status.OPTED_OUT and reachable_channels(jo) == []
    assert set(Suppression.objects.values_list("value", flat=True)) == {
        "jo@example.com",
        "+13125550120",
    }
    said = (
        f"Jo Known: this is Jo Known (#{jo.pk}), who is now opted out: its row says they opted out"
    )
    assert done.warnings == [(2, said)]
    assert dry.warnings == [(2, said.replace("is now", "would be"))]
    assert jo.status_changes.last().reason == (
        "Imported: its row says they opted out: line 2 of the import of cold.csv"
    )


def test_the_dry_run_names_the_same_opted_out_lines_as_the_import(alice):
    text = (
        "Name,Email,Phone,Opted out\n"
        "Bo Gone,bo@example.com,,TRUE\n"
        "Cy Fine,cy@example.com,,FALSE\n"
        "Di Gone,,+13125550114,x\n"
        "Ed Bare,,,1\n"
    )
    dry = _import(alice, text, dry_run=True)
    done = _import(alice, text)
    assert [line for line, _ in dry.warnings] == [line for line, _ in done.warnings] == [2, 4, 5]
    assert [s.replace("came in", "would come in") for s in done.about] == dry.about
    assert Lead.objects.filter(status=Status.OPTED_OUT).count() == 3
