"""Past leads in the decision core's record format (JSON lines), in and out.

`import_history` stores each record as a lead with its attempts, so the model can be
fitted on a business's past before its first day; `export_history` writes the
finished leads back in the same format (export, then import, round-trips).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from itertools import chain

from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions, imports, planning
from fairchase.leads.models import Channel, Lead, Outcome, Status
from fairchase.leads.normalize import clean_text

from . import restoring
from .models import ImportedRecord
from .report import ImportReport

log = logging.getLogger("fairchase.intake")

CHANNELS = set(Channel.values)
OUTCOMES = set(Outcome.values)
STATUSES = set(Status.values)
BATCH = 500


class RecordError(ValueError):
    """A history line that cannot be stored; the message says why."""


def _when(value, what: str) -> datetime:
    if isinstance(value, datetime):
        when = value
    else:
        try:
            when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except (TypeError, ValueError):
            raise RecordError(f"{what}: {str(value)[:40]!r} is not an ISO-8601 time.") from None
    if timezone.is_naive(when):
        when = when.replace(tzinfo=UTC)
    return when


def _money(value, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except Exception:
        raise RecordError(f"{what}: {value!r} is not a number.") from None
    if amount < 0:
        raise RecordError(f"{what}: {value!r} must not be negative.")
    if not (amount < Decimal("1e10")):
        raise RecordError(f"{what}: {value!r} is out of range.")
    return amount


def _attempt(i: int, a) -> dict:
    """The record's attempt `i`, checked as a logged one is (`actions.check_minutes`: a
    negative number of minutes would add to a day's selling minutes). Raises RecordError."""
    if not isinstance(a, dict):
        raise RecordError(f"attempt {i}: not an object.")
    channel, outcome = a.get("channel"), a.get("outcome")
    if channel not in CHANNELS:
        raise RecordError(
            f"attempt {i}: channel {channel!r} is not one of {', '.join(sorted(CHANNELS))}."
        )
    if outcome not in OUTCOMES:
        raise RecordError(
            f"attempt {i}: outcome {outcome!r} is not one of {', '.join(sorted(OUTCOMES))}."
        )
    try:
        minutes = float(a.get("minutes") or 0.0)
    except (TypeError, ValueError):
        raise RecordError(f"attempt {i}: minutes {a.get('minutes')!r} is not a number.") from None
    try:
        actions.check_minutes(minutes)
    except actions.ActionError as exc:
        raise RecordError(f"attempt {i}: {exc}") from None
    progress = a.get("progress")
    return {
        "at": _when(a.get("at"), f"attempt {i} at"),
        "channel": channel,
        "outcome": outcome,
        "minutes": minutes,
        "progress": progress if isinstance(progress, bool) else None,
    }


def parse_record(rec) -> dict:
    """Check one contract record; returns a cleaned copy. Raises RecordError."""
    if not isinstance(rec, dict):
        raise RecordError("A line must be a JSON object (one lead record).")
    if rec.get("id") in (None, ""):
        raise RecordError("id: missing.")
    status = str(rec.get("status") or "lost")
    if status not in STATUSES:
        raise RecordError(f"status: {status!r} is not one of {', '.join(sorted(STATUSES))}.")
    attempts = [_attempt(i, a) for i, a in enumerate(rec.get("attempts") or [], start=1)]
    attempts.sort(key=lambda a: a["at"])
    as_list = lambda v: [str(x) for x in v] if isinstance(v, list) else []  # noqa: E731
    return {
        "id": str(rec["id"])[:200],
        "source": str(rec.get("source") or "unknown")[:64],
        "value": _money(rec.get("value"), "value"),
        "created_at": _when(rec.get("created_at"), "created_at"),
        "timezone": str(rec.get("timezone") or "")[:64],
        "signals": as_list(rec.get("signals")),
        "consents": as_list(rec.get("consents")),
        "attempts": attempts,
        "status": status,
        "won_value": _money(rec.get("won_value"), "won_value"),
        # stored as every door stores a typed name (no control character or noncharacter)
        "name": clean_text(str(rec.get("name") or "")).strip()[:200] or f"Past lead {rec['id']}",
        # its id in the Fairchase it was exported from, which that book's leads export names
        "fairchase_id": str(rec.get("fairchase_id") or "")[:20],
    }


def _decode(line: str):
    """One JSON line through the simulator's history reader (same rules as `fairchase
    backtest`; imported here, as it loads the simulator)."""
    from fairchase.sim.backtest import load_history

    records, errors = load_history([line])
    if errors:
        raise RecordError(errors[0].message[:1].upper() + errors[0].message[1:] + ".")
    return records[0]


def read_history(lines: Iterable[str | bytes]) -> Iterator[tuple[int, dict | None, str]]:
    """(line number, cleaned record or None, problem) for each non-blank line."""
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            line = line.decode("utf-8", errors="replace")
        if number == 1:
            line = line.removeprefix("\ufeff")  # a BOM some editors write
        if not line.strip():
            continue
        try:
            yield number, parse_record(_decode(line)), ""
        except json.JSONDecodeError as exc:
            yield number, None, f"Not valid JSON ({exc.msg} at column {exc.colno})."
        except RecordError as exc:
            yield number, None, str(exc)
        except Exception as exc:  # never raise on a bad line
            yield number, None, f"Unreadable record ({type(exc).__name__}: {exc})."


def _known(batch: list[dict]) -> set[str]:
    """Ids already stored: imported before, or one of our own exported leads (its id is the
    lead's, and the lead arrived in the same second: `restoring.same_arrival`)."""
    ids = [r["id"] for r in batch]
    known = set(
        ImportedRecord.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
    )
    ours = {int(r["id"]): r for r in batch if r["id"].isdigit() and r["id"] not in known}
    for pk, created in Lead.objects.filter(pk__in=ours).values_list("pk", "created_at"):
        if restoring.same_arrival(created, ours[pk]["created_at"]):
            known.add(str(pk))
    return known


def _store(batch: list[dict], owner, user, report: ImportReport) -> None:
    # leads our leads export brought in: their tries join them (once), nobody is stored twice
    linked = restoring.linked(batch)
    joins = [(linked[r["id"]], r) for r in batch if r["id"] in linked]
    joins = [(lead, r) for lead, r in joins if restoring.joinable(lead, r)]
    known = _known(batch) | set(linked)
    if joins and not report.dry_run:
        with transaction.atomic():
            joined = restoring.join_history(joins, user, report)
    else:
        joined = len(joins)
    report.updated += joined
    report.unchanged += len(known) - joined
    fresh = [r for r in batch if r["id"] not in known]
    if not fresh or report.dry_run:
        report.created += len(fresh)
        return
    with transaction.atomic():
        leads = imports.record_history(fresh, owner=owner, user=user)
        ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(external_id=r["id"], lead=lead)
                for lead, r in zip(leads, fresh, strict=True)
            ]
        )
    report.created += len(fresh)


def not_history(lines: Iterable[str | bytes]) -> tuple[str, Iterator[str | bytes]]:
    """(Why the file is no history file, "" when it may be; its lines, all of them still to
    read). A file whose first line is no JSON record, a leads CSV given to --history by
    mistake, is refused in one sentence, not with a "not valid JSON" for each of its
    3,707 lines (eval30 #17)."""
    lines = iter(lines)
    seen: list[str | bytes] = []
    for line in lines:
        seen.append(line)
        text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        text = text.removeprefix("\ufeff").strip()
        if not text:
            continue
        if text.startswith("{"):
            return "", chain(seen, lines)
        first = text[:60] + ("..." if len(text) > 60 else "")
        kind = "looks like a CSV file" if any(d in text for d in ",;\t") else "is no history file"
        return (
            f"this {kind}, not the history's JSON lines (its first line is “{first}”, "
            "not a {...} record): import a file of leads without --history "
            "(`fairchase import FILE --owner USER`).",
            iter(()),
        )
    return "The file is empty.", iter(())


def import_history(
    lines: Iterable[str | bytes], owner, *, user=None, dry_run: bool = False, progress=None
) -> ImportReport:
    """Store past leads from JSON lines; bad lines are reported by number and skipped. Never
    raises. A file that is no history at all (`not_history`) imports nothing, said in
    `report.unreadable`."""
    report = ImportReport(dry_run=dry_run, preset="history")
    why, lines = not_history(lines)
    if why:
        report.unreadable = why[:1].upper() + why[1:]
        report.add_error(1, report.unreadable)
        return report
    batch: list[dict] = []
    seen: set[str] = set()
    try:
        for number, rec, problem in read_history(lines):
            report.rows += 1
            if rec is None:
                report.add_error(number, problem)
                continue
            if rec["id"] in seen:
                report.add_error(
                    number, f"id {rec['id']!r} appears twice in this file; the first one is kept."
                )
                continue
            seen.add(rec["id"])
            batch.append(rec)
            if len(batch) >= BATCH:
                _store(batch, owner, user, report)
                batch = []
                if progress:
                    progress(report.rows)
        _store(batch, owner, user, report)
    except Exception as exc:
        log.exception("history import failed")
        report.add_error(0, f"The import stopped: {type(exc).__name__}: {exc}")
    return report


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def history_lines(leads=None) -> Iterator[str]:
    """Finished leads as JSON lines in the contract's record format (ids as first imported)."""
    records = planning.history_records(leads)
    external = dict(ImportedRecord.objects.values_list("lead_id", "external_id"))
    for rec in records:
        lead_id = int(rec["id"])
        known_as = external.get(lead_id, "")
        out = {  # the id it was first imported with; a link to another book's is not one
            "id": rec["id"] if known_as.startswith(restoring.LINK) else known_as or rec["id"],
            "source": rec["source"],
            "value": rec["value"],
            "created_at": _iso(rec["created_at"]),
            "timezone": rec["timezone"],
            "signals": rec["signals"],
            "consents": rec["consents"],
            "attempts": [{**a, "at": _iso(a["at"])} for a in rec["attempts"]],
            "status": rec["status"],
            "won_value": rec["won_value"],
            "fairchase_id": lead_id,  # what this lead's row of a leads export says
        }
        yield json.dumps(out, ensure_ascii=False) + "\n"
