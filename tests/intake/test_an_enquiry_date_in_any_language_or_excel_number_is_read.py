"""An enquiry date written with its month in German, French or Spanish, or kept as Excel's
date number, is read (an evaluator's finding, eval24 #5): "4. März 2025", "4 mars 2025",
"4 de marzo de 2025" and 45750 (a date column formatted "General", or a CSV written from
one) were "not a date", the cell lost and the lead dated today. The serial is said on its
line. A German "Erstkontakt" column and Zoho's "Created Time" are the enquiry date too."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

from fairchase.intake.importer import import_file
from fairchase.leads.models import BusinessSettings, Lead

CELLS = {
    "serial.cell@example.de": 45750,
    "serial.text@example.de": "45750",
    "german@example.de": "4. März 2025",
    "french@example.fr": "4 mars 2025",
    "spanish@example.es": "4 de marzo de 2025",
    "german.time@example.de": "4. März 2025 14:30",
}


def berlin():
    settings = BusinessSettings.current()
    settings.business_timezone = "Europe/Berlin"
    settings.save()


def workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "E-Mail", "Erstkontakt"])
    for email, cell in CELLS.items():
        ws.append([email.split("@")[0], email, cell])
    ws.append(["Yesterday", "gestern@example.de", "gestern"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_month_names_and_excel_numbers_are_dates(alice):
    berlin()
    report = import_file(io.BytesIO(workbook()), alice, filename="kunden.xlsx")
    assert report.created == 7 and report.mapping[2] == "created_at", report.as_dict()
    dated = {
        lead.email: lead.created_at.astimezone(lead.created_at.tzinfo).date()
        for lead in Lead.objects.filter(email__in=CELLS)
    }
    assert dated == {
        **{e: date(2025, 4, 3) for e in ("serial.cell@example.de", "serial.text@example.de")},
        **{e: date(2025, 3, 4) for e in list(CELLS)[2:]},
    }
    with_time = Lead.objects.get(email="german.time@example.de").created_at
    assert (with_time.hour, with_time.minute) == (13, 30)  # 14:30 in Berlin, in UTC
    said = dict(report.warnings)
    assert (
        said[2] == "serial.cell: enquiry date: '45750' read as an Excel date number: 3 April 2025."
    )
    assert said[3].startswith("serial.text: enquiry date: '45750' read as an Excel date")
    assert "'gestern' is not a date" in said[8]  # a word for a day is no date of an enquiry
    assert set(said) == {2, 3, 8}, report.warnings


def test_zohos_created_time_is_the_enquiry_date(alice):
    body = (
        "Record Id,First Name,Last Name,Email,Created Time\r\n"
        "zcrm_1,Kenji,Watanabe,kenji@example.jp,2025-04-03 09:12:00\r\n"
    )
    report = import_file(io.BytesIO(body.encode()), alice, filename="zoho.csv")
    assert report.mapping[4] == "created_at", report.mapping
    assert Lead.objects.get().created_at.date() == date(2025, 4, 3)
