"""Someone who said no stays no when their name comes back with a title or without its
accents (found on the demo: "Dr. Olga Lopez" on Olga Lopez's opted-out number, or "Jose
Nunez" after "José Núñez" said no, made an open lead emailed at once). One rule reads
names for every door (`same_person._names_match`, by `names.name_parts`), and a greeting
skips the title too ("Hello Olga", not "Hello Mrs.")."""

from __future__ import annotations

import io
import json

import pytest

from fairchase.api.models import ApiToken
from fairchase.intake.importer import import_file
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.names import first_name
from fairchase.leads.same_person import _exact_name, _names_match
from fairchase.outreach.models import OutboundMessage

OLGA_PHONE = "+12245558319"


@pytest.mark.parametrize(
    "other",
    [
        "Dr. Olga Lopez",
        "Dr Olga Lopez",
        "Mrs. Olga Lopez",
        "Ms Olga Lopez",
        "Prof. Dr. Olga Lopez",
        "Sra. Olga López",
        "Olga Lopez Jr.",
        "Olga Lopez, PhD",
        "OLGA LOPEZ",
        "Olga M. Lopez",
        "Lopez, Olga",
        "Olga",
    ],
)
def test_a_title_a_suffix_or_the_case_leave_a_name_the_same(other):
    assert _names_match("Olga Lopez", other) and _names_match(other, "Olga Lopez")


def test_a_name_without_its_accents_is_the_same_name():
    assert _names_match("José Núñez", "Jose Nunez")
    assert _exact_name("Jose Nunez", "JOSÉ NÚÑEZ")
    assert _names_match("Zoë Müller", "Dr. Zoe Muller")


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ann Stone", "Bob Stone"),  # two first names on a family's number
        ("Stone", "Bob Stone"),  # a family name alone
        ("Mr. Stone", "Mrs. Stone"),  # a title with a family name alone is kept: two people
        ("Mr Stone", "Bob Stone"),
        ("Bob Stone Jr", "Bob Stone Sr"),  # father and son
        ("Dr. Ann Stone", "Dr. Bob Stone"),
        ("Stone, Ann", "Bob Stone"),  # family name first: still two first names
        ("Stone, Ann", "Stone, Bob"),
        ("Stone, Bob Jr.", "Bob Stone Sr"),
    ],
)
def test_different_people_on_one_number_stay_apart(a, b):
    assert not _names_match(a, b) and not _names_match(b, a)


@pytest.mark.parametrize(
    "name, first",
    [
        ("Mrs. Olga Lopez", "Olga"),
        ("Dr Olga Lopez", "Olga"),
        ("Prof. Dr. Hans Müller", "Hans"),
        ("José Núñez", "José"),
        ("Mrs. Lopez", "Mrs. Lopez"),  # no first name to greet by: the title stays
        ("Bea Young Jr", "Bea"),
        ("M. Lopez", "M."),  # an initial, not Monsieur
        ("Stone, Bob", "Bob"),  # family name first, as exported CSVs write it
        ("Núñez, José", "José"),
        ("Stone, Mary Ann", "Mary"),
        ("Stone, Bob Jr.", "Bob"),
        ("Lopez, Mrs. Olga", "Olga"),
        ("Dr. Stone, Bob", "Bob"),
        ("Lopez, Mrs.", "Mrs. Lopez"),
        ("Bob Stone, Jr.", "Bob"),
        ("Bob Stone, MD", "Bob"),  # more words before the comma than after: as written
        ("", ""),
    ],
)
def test_a_person_is_greeted_by_their_first_name_not_their_title(name, first):
    assert first_name(name) == first
    assert Lead(name=name).first_name == first


def test_a_name_written_family_name_first_is_the_name_in_the_usual_order():
    assert _exact_name("Stone, Bob", "Bob Stone") and _exact_name("Núñez, José", "Jose Nunez")
    assert _names_match("Stone, Bob", "Bob") and _names_match("Bob", "Stone, Bob")
    assert _names_match("Núñez, José, Jr.", "Dr. Jose Nunez Jr")
    # read as written too ("Stone, Bob" may be a "Stone Bob"): missing a match is the unsafe
    # direction for an opt-out, so "Stone" on his number is him, as it was before in_order
    assert _names_match("Stone, Bob", "Stone")


def test_the_api_reads_a_family_name_first_record_on_a_familys_number(client, alice, make_lead):
    """An exported "Stone, Bob" who said no: "Bob" on his number is him, and so is "Stone"
    (his name as written: an opt-out is never missed); "Ann Stone" on it is not."""
    bob = make_lead(alice, name="Stone, Bob", email="", phone="+13125550188")
    actions.opt_out(bob)
    for name, status in [("Bob", "opted_out"), ("Ann Stone", "open"), ("Stone", "opted_out")]:
        r = _api(client, alice, name=name, phone="312-555-0188")
        assert r.status_code == 201 and r.json()["status"] == status, (name, r.content)


def _olga_said_no(make_lead, alice) -> Lead:
    olga = make_lead(alice, name="Olga Lopez", email="olga@example.com", phone=OLGA_PHONE)
    actions.opt_out(olga)
    return olga


def _api(client, user, **body):
    _token, secret = ApiToken.issue(user, "tests")
    return client.post(
        "/api/leads",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


@pytest.mark.parametrize("name", ["Dr. Olga Lopez", "Mrs. Olga Lopez", "Olga López"])
def test_the_api_opts_out_a_person_who_said_no_under_a_title_or_without_accents(
    client, alice, bob, make_lead, name
):
    _olga_said_no(make_lead, alice)
    r = _api(client, bob, name=name, phone="(224) 555-8319", email="olga.new@example.com")
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "opted_out" and r.json()["next_action"] != "contact"


def test_the_api_opts_out_an_unaccented_name_of_someone_who_said_no_with_accents(
    client, alice, make_lead
):
    jose = make_lead(alice, name="José Núñez", email="jose@example.com", phone="+13125550177")
    actions.opt_out(jose)
    r = _api(client, alice, name="Jose Nunez", phone="312-555-0177", email="jn@example.com")
    assert r.status_code == 201 and r.json()["status"] == "opted_out", r.content


def test_an_import_says_a_titled_name_on_an_opted_out_number_said_no(alice, bob, make_lead):
    _olga_said_no(make_lead, alice)
    rows = f"name,email,phone\nMs. Olga Lopez,olga.new@example.com,{OLGA_PHONE}\n".encode()
    # her own record, in the book: it is her, she stays opted out and her record as it is
    mine = import_file(io.BytesIO(rows), alice, filename="o.csv", dry_run=True)
    assert mine.unchanged == 1 and "opted out" in mine.asked_not[0][1], mine.asked_not
    # Bob's upload, which does not see her record: no second record, her new address blocked
    scope = Lead.objects.filter(owner=bob)
    report = import_file(io.BytesIO(rows), bob, filename="o.csv", scope=scope)
    assert (report.created, report.unchanged) == (0, 1), report.errors
    assert not Lead.objects.filter(email="olga.new@example.com").exists()
    assert Suppression.objects.filter(value="olga.new@example.com", reason="opt-out").exists()


def test_the_webhook_knows_a_titled_person_who_said_no_and_receipts_only_the_address_typed(
    client, alice, bob, make_lead, django_capture_on_commit_callbacks
):
    _olga_said_no(make_lead, alice)
    form = CaptureForm.objects.create(owner=bob, name="Site", acknowledge=True)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            f"/in/f/{form.webhook_key}/json/",
            json.dumps({"name": "Dr. Olga Lopez", "phone": OLGA_PHONE, "email": "o@new.example"}),
            content_type="application/json",
            REMOTE_ADDR="203.0.113.7",
        )
    assert r.status_code == 202, r.content
    written = Lead.objects.get(email="o@new.example")
    assert written.status == Status.OPTED_OUT
    # A receipt belongs to no lead and goes to every post alike, so a stranger typing her
    # number learns nothing of her: to the address typed, never to hers that said no.
    receipts = OutboundMessage.objects.filter(kind=OutboundMessage.Kind.RECEIPT)
    assert list(receipts.values_list("to", flat=True)) == ["o@new.example"]


def test_a_receipt_and_the_lead_page_greet_a_titled_person_by_first_name(
    client, alice, django_capture_on_commit_callbacks
):
    form = CaptureForm.objects.create(owner=alice, name="Site", acknowledge=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/in/f/{form.key}/",
            {"name": "Mrs. Olga Lopez", "email": "olga@example.com", "message": "Hi"},
            REMOTE_ADDR="203.0.113.8",
        )
    lead = Lead.objects.get(email="olga@example.com")
    ack = OutboundMessage.objects.get(to=lead.email, kind="ack")  # a receipt is no lead's
    assert ack.body.startswith("Hello Olga,"), ack.body
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Waiting for Olga to hear from you" in page and "Mrs. to hear" not in page
