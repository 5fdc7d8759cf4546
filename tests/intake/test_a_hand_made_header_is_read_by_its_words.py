"""A hand-kept sheet's header ("Customer Name;Ph#;Job value ($);Date called;Where from") is
read by its words (eval31 #4: all five were "ignore", and every row "had no name, email or
phone"); a header naming two fields or a word not known stays for the person to choose;
the web remembers the mapping a user chose for the same header at their last finished import,
and the command line takes one."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from fairchase.intake.mapping import detect_mapping
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

from .importing import import_text

HEADER = "Customer Name;Ph#;Email;Job value ($);Date called;Where from;Notes"
SHEET = (
    f"\ufeff{HEADER}\r\nJohn & Linda Petersen;(512) 555-0134;;$24,500;3/14/2026;Google;quartz\r\n"
)


def test_a_hand_made_header_is_read_by_its_words():
    assert detect_mapping(HEADER.split(";"))[1] == [
        "name",
        "phone",
        "email",
        "value",
        "created_at",
        "source",
        "notes",
    ]
    words = ["Client", "Cell #", "Estimate", "Lead source", "How heard", "Comments", "Tel."]
    # a second source column is left (the first wins); a second phone is read when the first
    # is blank
    assert detect_mapping(words)[1] == ["name", "phone", "value", "source", "", "notes", "phone"]


@pytest.mark.parametrize("header", ["Name / phone", "Contact owner", "Follow-up date", "Job #"])
def test_a_header_naming_two_fields_or_an_unknown_word_is_left_to_choose(header):
    assert detect_mapping(["Email", header])[1] == ["email", ""]


def test_her_sheet_imports_its_people_with_their_phones_and_values(alice):
    report = import_text(alice, SHEET)
    assert report.created == 1 and not report.errors
    lead = Lead.objects.get()
    assert (lead.name, lead.phone, lead.value) == ("John & Linda Petersen", "+15125550134", 24500)
    assert lead.created_at.date().isoformat() == "2026-03-14"


def test_the_command_line_maps_a_column_as_told(alice, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Customer;Phone line;Extra\r\nAnn Lee;(512) 555-0134;x\r\n")
    out = io.StringIO()
    call_command("import", str(path), "--owner", "alice", "--map", "phone line=phone", stdout=out)
    assert "Phone line -> phone" in out.getvalue()
    assert Lead.objects.get().phone == "+15125550134"


def test_the_command_line_names_a_column_the_file_lacks(alice, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Name;Phone line\r\nAnn Lee;(512) 555-0134\r\n")
    with pytest.raises(CommandError, match="no column “Ph#”"):
        call_command("import", str(path), "--owner", "alice", "--map", "Ph#=phone")
    with pytest.raises(CommandError, match="'fone' is no field"):
        call_command("import", str(path), "--owner", "alice", "--map", "Phone line=fone")


def test_the_web_remembers_the_mapping_chosen_for_the_same_header(client, alice, bob):
    sheet = "Customer;Line;Extra\r\nAnn Lee;(512) 555-0134;x\r\n"

    def upload(user):
        client.force_login(user)
        client.post(
            "/in/import/",
            {"file": SimpleUploadedFile("m.csv", sheet.encode(), content_type="text/csv")},
        )
        return ImportJob.objects.latest("pk")

    first = upload(alice)
    assert first.mapping == ["name", "", ""]
    client.post(
        f"/in/import/{first.pk}/run/",
        {"col0": "name", "col1": "phone", "col2": "notes", "action": "import"},
    )
    ImportJob.objects.filter(pk=first.pk).update(state=ImportJob.State.DONE)  # it finished
    again = upload(alice)  # her own finished import's mapping
    assert again.mapping == ["name", "phone", "notes"]
    assert "at your last import" in client.get(f"/in/import/{again.pk}/").content.decode()
    assert upload(bob).mapping == ["name", "", ""]  # not his: detected afresh
