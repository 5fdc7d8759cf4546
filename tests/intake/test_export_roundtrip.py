"""Exports round-trip through the importer, and no exported cell can start a formula."""

import csv
import io
import json

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from fairchase.intake.exporting import csv_lines, excel_file, neutralise
from fairchase.intake.history import history_lines, import_history
from fairchase.intake.importer import import_file
from fairchase.intake.reading import FORMULA_TRIGGERS
from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.leads.normalize import clean_text, strip_invisible

# Cell text a person could type: anything printable plus tabs and newlines (no NUL, which
# the importer refuses, and no other control characters, which Excel cannot store), and no
# unassigned code points: the noncharacters among them (U+FDD0) are what every way in strips.
cell_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn"), include_characters="\t\n"),
    max_size=60,
)
trigger_text = st.sampled_from(FORMULA_TRIGGERS + ("'", "''")).flatmap(
    lambda t: cell_text.map(lambda s: t + s)
)
notes = st.one_of(cell_text, trigger_text).filter(lambda s: s.strip())
name_text = st.text(st.characters(exclude_categories=("Cs", "Cc", "Z")), min_size=1, max_size=40)


def export_csv(leads) -> bytes:
    return "".join(csv_lines("leads", leads)).encode("utf-8")


def export_xlsx(leads) -> bytes:
    return excel_file("leads", leads).read()


def reimport(owner, data: bytes, name: str):
    Lead.objects.all().delete()
    return import_file(io.BytesIO(data), owner, filename=name)


def test_neutralise_prefixes_every_formula_trigger():
    for t in FORMULA_TRIGGERS:
        assert neutralise(t + "1+2") == "'" + t + "1+2"
    assert neutralise("'=already") == "''=already"
    assert neutralise("plain") == "plain" and neutralise("it's") == "it's" and neutralise("") == ""


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    note=notes,
    company=st.one_of(name_text, trigger_text.map(str.strip).filter(bool)),
    name=name_text,
)
@example(note="0", company="0", name="0\xad")  # a soft hyphen at the end is not kept
def test_cell_text_round_trips_through_csv(alice, note, company, name):
    Lead.objects.all().delete()
    # stored as every way in stores them: invisible characters at the ends go (a name of
    # only those is blank, and refused), so the round trip is judged on the stored text
    company = strip_invisible(clean_text(" ".join(company.split())[:200]))
    stored_name = " ".join(strip_invisible(clean_text(name)).split())
    assume(stored_name)
    actions.create_lead(
        alice, name=name, email="ann@example.com", phone="+12125550101", notes=note, company=company
    )
    data = export_csv(Lead.objects.all())
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        for cell in row:
            assert cell[:1] not in FORMULA_TRIGGERS, cell
    report = reimport(alice, data, "leads.csv")
    assert report.bad == 0, report.errors
    lead = Lead.objects.get()
    assert (lead.notes, lead.company, lead.name) == (note, company, stored_name)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(note=notes.filter(lambda s: "\r" not in s))  # XML turns a bare CR into a newline
def test_cell_text_round_trips_through_excel(alice, note):
    Lead.objects.all().delete()
    actions.create_lead(
        alice, name="Ann Lee", email="ann@example.com", phone="+12125550101", notes=note
    )
    data = export_xlsx(Lead.objects.all())
    ws = load_workbook(io.BytesIO(data)).active
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type in (
                "s",
                "inlineStr",
                "n",
                "d",
            )  # text, numbers, times: never a formula ("f")
            text = cell.value if cell.data_type in ("s", "inlineStr") and cell.value else ""
            if text[:1] in FORMULA_TRIGGERS:  # only phone numbers, marked as typed text
                assert text.startswith("+") and cell.quotePrefix
    report = reimport(alice, data, "leads.xlsx")
    assert report.bad == 0, report.errors
    assert Lead.objects.get().notes == note


def test_phone_numbers_stay_readable(alice, make_lead):
    make_lead(alice, phone="+12125550101")
    text = export_csv(Lead.objects.all()).decode("utf-8-sig")
    assert "'+12125550101" in text
    ws = load_workbook(io.BytesIO(export_xlsx(Lead.objects.all()))).active
    phones = [c.value for c in ws["E"]]
    assert phones == ["Phone", "+12125550101"]


def test_attempts_and_commitments_export_as_csv_and_excel(alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    actions.log_attempt(lead, "call", "no_answer", notes="=cmd|' /C calc'!A0")
    from django.utils import timezone

    actions.add_commitment(
        lead, by="us", what="@call back", due_at=timezone.now() + timezone.timedelta(days=1)
    )
    attempts = list(
        csv.reader(io.StringIO("".join(csv_lines("attempts", Lead.objects.all())).lstrip("\ufeff")))
    )
    assert attempts[0][:5] == ["Lead ID", "Lead", "At (UTC)", "Channel", "Outcome"]
    assert attempts[1][3:5] == ["Call", "No answer"]
    assert attempts[1][7] == "'=cmd|' /C calc'!A0"
    commitments = list(
        csv.reader(
            io.StringIO("".join(csv_lines("commitments", Lead.objects.all())).lstrip("\ufeff"))
        )
    )
    assert commitments[1][3] == "'@call back"
    ws = load_workbook(excel_file("commitments", Lead.objects.all())).active
    assert ws["D2"].value == "'@call back"


def _without_where(line: str) -> str:
    return json.dumps({k: v for k, v in json.loads(line).items() if k != "fairchase_id"})


def test_the_history_export_imports_back_identically(alice, make_lead):
    won = make_lead(
        alice, name="Won", value=1500, signals=["asked_price"], consents=["mailing_list"]
    )
    actions.log_attempt(won, "call", "no_answer")
    actions.log_attempt(won, "email", "replied", progress=True)
    actions.mark_won(won, 1800)
    lost = make_lead(alice, name="Lost", source="event")
    actions.log_attempt(lost, "call", "left_message")
    actions.mark_lost(lost, "went elsewhere")
    first = list(history_lines())
    assert len(first) == 2 and all(json.loads(line)["status"] in ("won", "lost") for line in first)

    Lead.objects.all().delete()
    report = import_history(first, alice)
    assert (report.created, report.bad) == (2, 0), report.errors
    second = list(history_lines())
    # the same records; `fairchase_id` names the lead where it is stored now (its leads
    # export's Fairchase ID, which the history import joins on: `intake.restoring`)
    assert sorted(map(_without_where, second)) == sorted(map(_without_where, first))
    assert {json.loads(line)["fairchase_id"] for line in second} == set(
        Lead.objects.values_list("pk", flat=True)
    )
    again = import_history(first, alice)
    assert (again.created, again.unchanged) == (0, 2)


def test_a_bad_history_line_is_reported_by_number_and_skipped(alice):
    good = {
        "id": "p1",
        "source": "referral",
        "created_at": "2024-01-02T10:00:00+00:00",
        "status": "lost",
        "attempts": [
            {"at": "2024-01-02T11:00:00+00:00", "channel": "call", "outcome": "no_answer"}
        ],
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "p2", "status": "maybe"}),
        json.dumps(
            {
                **good,
                "id": "p3",
                "attempts": [{"at": "2024-01-02", "channel": "fax", "outcome": "no_answer"}],
            }
        ),
        "",
        json.dumps({"id": "p4"}),
    ]
    report = import_history(lines, alice)
    assert report.created == 1
    assert [line for line, _ in report.errors] == [2, 3, 4, 6]
    lead = Lead.objects.get()
    assert (lead.status, lead.attempt_count, lead.attempts.count()) == ("lost", 1, 1)


def test_excel_numbers_and_times_are_typed_cells_in_the_business_zone_that_round_trip(
    alice, make_lead
):
    from datetime import UTC, datetime
    from decimal import Decimal

    from fairchase.leads.models import BusinessSettings

    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    arrived = datetime(2026, 3, 4, 15, 30, 12, 654321, tzinfo=UTC)  # 09:30:12 in Chicago
    make_lead(
        alice, name="Ann Lee", value=Decimal("12345.60"), source="web_form", created_at=arrived
    )
    ws = load_workbook(io.BytesIO(export_xlsx(Lead.objects.all()))).active
    cells = {h.value: c for h, c in zip(ws[1], ws[2], strict=True)}
    assert cells["Value"].data_type == "n" and cells["Value"].value == 12345.6
    assert cells["Value"].number_format == "#,##0.00"
    assert cells["Attempts"].value == 0 and cells["Fairchase ID"].data_type == "n"
    assert cells["Enquiry date (America/Chicago)"].is_date
    assert cells["Enquiry date (America/Chicago)"].value == datetime(
        2026, 3, 4, 9, 30, 12
    )  # no microseconds
    assert (cells["Source"].value, cells["Status"].value) == ("Web form", "Open (silent)")
    text = export_csv(Lead.objects.all()).decode("utf-8-sig")
    assert "2026-03-04 09:30:12" in text and "Web form" in text and ".654321" not in text
    for data, name in (
        (export_xlsx(Lead.objects.all()), "leads.xlsx"),
        (text.encode(), "leads.csv"),
    ):
        report = reimport(alice, data, name)
        assert report.bad == 0 and not report.warnings, (report.errors, report.warnings)
        lead = Lead.objects.get()
        assert (lead.value, lead.source, lead.created_at) == (
            Decimal("12345.60"),
            "web_form",
            arrived.replace(microsecond=0),
        )


def test_consents_and_signals_export_as_words_and_import_back(alice, make_lead):
    make_lead(
        alice,
        name="Ann Lee",
        signals=["asked_price", "missed_promise"],
        consents=["mailing_list", "sms"],
    )
    header, row = list(csv.reader(io.StringIO(export_csv(Lead.objects.all()).decode()[1:])))
    cells = dict(zip(header, row, strict=True))
    assert cells["Signals"] == "Asked about price; Failed to keep a promise"
    assert cells["Consents"] == "Mailing list; Text messages"
    for data, name in (
        (export_csv(Lead.objects.all()), "a.csv"),
        (export_xlsx(Lead.objects.all()), "a.xlsx"),
    ):
        report = reimport(alice, data, name)
        assert report.created == 1, report.errors
        lead = Lead.objects.get()
        assert (lead.signals, lead.consents) == (
            ["asked_price", "missed_promise"],
            ["mailing_list", "sms"],
        )


def test_signals_named_by_code_or_label_in_any_separator_import():
    from fairchase.intake.rows import codes_named
    from fairchase.leads.models import GOOD_SIGNALS, POOR_SIGNALS

    signals = GOOD_SIGNALS + POOR_SIGNALS
    assert codes_named("asked_price kept_promise", signals) == ["asked_price", "kept_promise"]
    assert codes_named("ASKED ABOUT PRICE | vague, nonsense", signals) == ["asked_price", "vague"]
    assert codes_named("Vague or noncommittal;Kept a promise", signals) == ["kept_promise", "vague"]
    assert codes_named("nothing we know", signals) == []


def test_the_plan_reason_names_the_zone_of_its_times(alice, make_lead):
    lead = make_lead(alice, name="Gina Park", timezone="Asia/Kolkata")
    Lead.objects.filter(pk=lead.pk).update(plan_reason="Call Mon 09:30: a 2nd try.")
    header, row = list(csv.reader(io.StringIO(export_csv(Lead.objects.all()).decode()[1:])))
    reason = dict(zip(header, row, strict=True))["Plan reason"]
    # the business's zone is UTC here: the lead's 09:30 in Kolkata (UTC+05:30, no DST) is 04:00
    assert "04:00 UTC" in reason and "09:30 for Gina in Kolkata" in reason, reason
