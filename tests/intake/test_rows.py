"""Row parsing details: the fast email path agrees with the real normaliser, values and
dates in common spellings, column detection per tool."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairchase.intake.mapping import clean_mapping, detect_mapping
from fairchase.intake.rows import RowError, fast_normalize_email, parse_value
from fairchase.leads.normalize import InvalidContact, normalize_email

local = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,20}", fullmatch=True)
domain = st.from_regex(r"[A-Za-z0-9-]{1,12}(\.[A-Za-z0-9-]{1,10}){1,2}", fullmatch=True)


@given(st.one_of(st.builds(lambda a, b: f"{a}@{b}", local, domain), st.text(max_size=30)))
def test_the_fast_email_path_agrees_with_normalize_email(raw):
    try:
        expected = normalize_email(raw)
    except InvalidContact:
        expected = None
    try:
        got = fast_normalize_email(raw)
    except InvalidContact:
        got = None
    assert got == expected


@pytest.mark.parametrize(
    "text,value", [("$1,200.50", "1200.50"), ("2500", "2500.00"), ("99 $", "99.00"), ("", None)]
)
def test_values_are_read_in_common_spellings(text, value):
    result = parse_value(text)
    assert (str(result) if result is not None else None) == value


@pytest.mark.parametrize("text", ["lots", "-5", "1.2.3", "99999999999"])
def test_bad_values_are_refused_with_a_reason(text):
    with pytest.raises(RowError, match="value"):
        parse_value(text)


def test_pipedrive_and_hubspot_headers_map_to_lead_fields():
    preset, mapping = detect_mapping(
        [
            "Deal - Title",
            "Deal - Value",
            "Person - Name",
            "Person - Email - Work",
            "Organization - Name",
        ]
    )
    assert preset == "pipedrive" and mapping == ["notes", "value", "name", "email", "company"]
    preset, mapping = detect_mapping(
        ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number"]
    )
    assert preset == "hubspot" and mapping == [
        "",
        "first_name",
        "last_name",
        "email",
        "phone",
        "phone",
    ]


def test_a_mapping_from_the_form_drops_unknown_fields_and_pads():
    assert clean_mapping(["name", "bogus", "email"], 5) == ["name", "", "email", "", ""]
