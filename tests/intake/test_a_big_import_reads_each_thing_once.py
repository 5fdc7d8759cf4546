"""An import of 100,000 rows has 30 s of CPU (bench.io_speed): what a row says is read once,
and what a file says once for the whole file, never again for each row."""

from __future__ import annotations

from django.db import connection

from fairchase.intake import row_reading, rows, sources
from fairchase.leads.models import Lead
from tests.intake.importing import import_text


def _counted(monkeypatch, module, name: str, calls: list[str]) -> None:
    """Count the calls of `module.name` in `calls` (each call's first argument)."""
    real = getattr(module, name)

    def counting(first, *args, **kwargs):
        calls.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)


def test_a_rows_one_phone_number_is_read_once(alice, monkeypatch):
    calls: list[str] = []
    _counted(monkeypatch, rows, "fast_normalize_phone", calls)
    _counted(monkeypatch, row_reading, "fast_normalize_phone", calls)
    text = (
        "Name,Email,Phone\n"
        "Ann Lee,ann@example.com,+1 312 555 0140\n"
        "Bo Li,bo@example.com,+1 312 555 0150\n"
    )
    report = import_text(alice, text)
    assert report.created == 2, report.as_dict()
    assert Lead.objects.get(email="ann@example.com").phone == "+13125550140"
    assert sorted(calls) == ["+1 312 555 0140", "+1 312 555 0150"]


def test_a_batch_reads_the_leads_at_its_addresses_once(alice, make_lead):
    """The leads of other people at a batch's addresses (someone's active lead, a record of
    someone who opted out) come from one query: not one for each status."""
    make_lead(alice, name="Ann Lee", email="ann@example.com")
    seen: list[str] = []

    def capture(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    text = "Name,Email,Phone\nBo Li,bo@example.com,+1 312 555 0150\n"
    with connection.execute_wrapper(capture):
        report = import_text(alice, text)
    assert report.created == 1, report.as_dict()
    whole_leads = 'SELECT "leads_lead"."id"'  # not the opt-out sieve's addresses alone
    at_addresses = [
        sql for sql in seen if sql.startswith(whole_leads) and '"leads_lead"."email" IN' in sql
    ]
    assert len(at_addresses) == 2, at_addresses  # the scope's (`Batch._existing`), then everyone's


def test_a_source_column_is_read_once_for_each_value(alice, monkeypatch):
    calls: list[str] = []
    _counted(monkeypatch, sources, "_key", calls)
    text = "Name,Email,Source\n" + "".join(
        f"P{i},p{i}@example.com,Zebra Fair booth 17\n" for i in range(3)
    )
    report = import_text(alice, text)
    assert report.created == 3, report.as_dict()
    assert set(Lead.objects.values_list("source", flat=True)) == {"event"}
    assert calls.count("Zebra Fair booth 17") <= 1  # none when read already in this process
