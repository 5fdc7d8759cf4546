"""A header read by its words is a guess (review27 #2-#4): it never takes a field another
column's header names exactly ("Contact number" beside "Name" was the name: the lead was
named by its phone number), a number word is no name, a header that starts by saying no
("No email") is the said-no column of its channel, never the address, and a single weak
word ("Who", "Called?", "Day") is left for the person to choose."""

import pytest

from fairchase.intake.mapping import detect_mapping
from fairchase.leads.models import Lead

from .importing import import_text, suppressed


@pytest.mark.parametrize("header", ["Contact number", "Contact no", "Contact #"])
def test_a_contact_number_is_the_phone_and_the_name_column_is_read(alice, header):
    assert detect_mapping([header, "Name", "Email"])[1] == ["phone", "name", "email"]
    import_text(alice, f"{header},Name,Email\n512-555-0134,Bob Smith,bob@example.com\n")
    lead = Lead.objects.get()
    assert (lead.name, lead.phone) == ("Bob Smith", "+15125550134")


def test_a_guess_never_takes_a_field_a_later_header_names():
    assert detect_mapping(["Customer", "Name", "Email"])[1] == ["", "name", "email"]
    assert detect_mapping(["Customer #", "Name", "Email"])[1] == ["", "name", "email"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("No email", "unsubscribed"),
        ("No phone", "do_not_call"),
        ("No calls", "do_not_call"),
        ("Don't phone", "do_not_call"),
        ("No contact", "opted_out"),
        ("No name", ""),
    ],
)
def test_a_header_saying_no_is_a_said_no_column(header, field):
    assert detect_mapping(["Name", "Email", "Phone", header])[1] == [
        "name",
        "email",
        "phone",
        field,
    ]


def test_no_email_yes_is_honoured_not_read_as_an_address(alice):
    report = import_text(
        alice, "Name,Email,No email\nBob Smith,bob@example.com,yes\nAnn Lee,,yes\n"
    )
    assert "bob@example.com" in suppressed()
    said = " ".join(text for _, text in report.warnings)
    assert "'yes'" not in said


@pytest.mark.parametrize("header", ["Called?", "Who", "Lead", "Day", "When", "Contact"])
def test_a_single_weak_word_is_left_to_choose(header):
    assert detect_mapping(["Email", header])[1] == ["email", ""]
