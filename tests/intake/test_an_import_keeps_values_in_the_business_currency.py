"""eval24 #2: a Berlin business's Pipedrive export wrote `Deal - Value` as "1.200,50 €", and
every such cell was dropped ("is in EUR, not USD"). A value in the business's own currency
(Settings; by default its home country's) is read, in the number format its country writes;
one in another currency is still kept in the notes as written, never counted as ours."""

from __future__ import annotations

import io
from decimal import Decimal

from fairchase.intake.importer import import_file
from fairchase.leads.models import BusinessSettings, Lead


def _business(**fields) -> None:
    settings = BusinessSettings.current()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def _import(owner, rows: str):
    text = "Name;Email;Deal - Value\n" + rows
    return import_file(io.BytesIO(text.encode("cp1252")), owner, filename="pipedrive.csv")


def test_a_euro_business_keeps_a_value_written_in_euros_the_european_way(alice):
    _business(business_timezone="Europe/Berlin")
    report = _import(
        alice,
        "François Lefèvre;francois@example.fr;1.200,50 €\n"
        "Anke Berg;anke@example.de;EUR 900\n"
        "Ben Cole;ben@example.com;$800\n",
    )
    values = dict(Lead.objects.values_list("name", "value"))
    assert values["François Lefèvre"] == Decimal("1200.50")
    assert values["Anke Berg"] == Decimal("900")
    # a dollar value is not a euro one: kept as written, said on its line
    assert values["Ben Cole"] is None
    ben = Lead.objects.get(name="Ben Cole")
    assert "Value in the imported file: $800" in ben.notes
    [(line, said)] = report.warnings
    assert line == 4 and "is in USD, not EUR" in said


def test_a_dollar_business_still_keeps_a_euro_value_in_the_notes(alice):
    _business(business_timezone="America/Chicago")
    report = _import(alice, "Ben Cole;ben@example.com;$1,200.50\nGina Ruiz;gina@example.com;€800\n")
    values = dict(Lead.objects.values_list("name", "value"))
    assert values == {"Ben Cole": Decimal("1200.50"), "Gina Ruiz": None}
    [(line, said)] = report.warnings
    assert line == 3 and "is in EUR, not USD" in said


def test_a_canadian_business_reads_a_bare_dollar_sign_as_its_own(alice):
    _business(business_timezone="America/Toronto")
    _import(alice, "Ann Lee;ann@example.ca;$2,500\n")
    assert Lead.objects.get(name="Ann Lee").value == Decimal("2500")
