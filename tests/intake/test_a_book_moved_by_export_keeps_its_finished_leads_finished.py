"""A book moved to a new install through its exports (`fairchase export leads` and
`export history`, then `fairchase import` and `import --history` there) never has anyone
chase a customer who already bought or said no. Before, every Won, Lost and Closed lead
came in open, Today listing them as follow-ups due, and the history import then stored
each finished lead a second time. Now a new lead keeps its row's status through its
action (Engaged comes in engaged, Revisit later parked with a warning), and the history
joins the leads the leads file made, by their Fairchase ID, its tries added to them, even
when the new install's business keeps another time zone (the export's times are read in
the zone its header names). Importing the history again changes nothing."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fairchase.intake.importer import import_file
from fairchase.intake.models import ImportedRecord
from fairchase.leads import actions
from fairchase.leads.models import Attempt, BusinessSettings, Lead, Status, StatusChange
from fairchase.leads.planning import default_revisit

NAMES = ("Hana Won", "Gus Lost", "Emil Closed", "Vic Engaged", "Ola Open")


def run(cli, *args) -> str:
    """The command's output, once it has succeeded."""
    code, out, err = cli(*args)
    assert not code, err
    return out


def _zone(name: str) -> None:
    settings = BusinessSettings.current()
    settings.business_timezone = name
    settings.save()


@pytest.fixture
def exported(transactional_db, alice, make_lead, tmp_path, cli):
    """The old install's book (its business in Chicago), exported, then a new install: no
    leads, no links, its business in UTC (as a new install starts)."""
    _zone("America/Chicago")
    won, lost, closed, engaged, _ = (make_lead(alice, name=n) for n in NAMES)
    for lead in (won, lost, closed, engaged):
        actions.log_attempt(lead, "call", "no_answer", user=alice)
    actions.log_attempt(won, "email", "replied", user=alice)
    actions.mark_won(won, 1500, user=alice)
    actions.mark_lost(lost, "Went elsewhere", user=alice)
    actions.stop_chasing(closed, Status.CLOSED, user=alice)
    actions.log_attempt(engaged, "call", "talked", user=alice)
    assert Lead.objects.get(pk=engaged.pk).status == Status.ENGAGED
    leads, history = tmp_path / "leads.csv", tmp_path / "history.jsonl"
    run(cli, "export", "leads", str(leads))
    run(cli, "export", "history", str(history))
    arrived = dict(Lead.objects.values_list("name", "created_at"))
    Lead.objects.all().delete()
    ImportedRecord.objects.all().delete()
    _zone("UTC")
    return leads, history, arrived


def _statuses() -> dict[str, str]:
    return dict(Lead.objects.values_list("name", "status"))


def test_finished_leads_stay_finished_and_nobody_is_told_to_chase_them(exported, alice, cli):
    leads, _, arrived = exported
    out = run(cli, "import", str(leads), "--owner", "alice")
    assert "5 leads were created" in out, out
    assert _statuses() == {
        "Hana Won": Status.WON,
        "Gus Lost": Status.LOST,
        "Emil Closed": Status.CLOSED,
        "Vic Engaged": Status.ENGAGED,
        "Ola Open": Status.OPEN,
    }
    for name, when in Lead.objects.values_list("name", "created_at"):  # Chicago's clock, read so
        assert abs(when - arrived[name]).total_seconds() < 1, name
    won = Lead.objects.get(name="Hana Won")
    assert won.won_value == Decimal("2000.00")  # its value; the history brings the deal's
    assert StatusChange.objects.filter(lead=won, reason="Imported: Won in the exported book")
    agenda = run(cli, "agenda", "--user", "alice", "--width", "200")
    assert "Ola Open" in agenda and "Vic Engaged" in agenda
    assert not any(name in agenda for name in ("Hana Won", "Gus Lost", "Emil Closed")), agenda


def test_the_history_joins_the_leads_the_leads_file_brought_in(exported, alice, cli):
    leads, history, _ = exported
    run(cli, "import", str(leads), "--owner", "alice")
    out = run(cli, "import", "--history", str(history), "--owner", "alice")
    assert "0 leads were created, 3 updated" in out, out
    assert sorted(Lead.objects.values_list("name", flat=True)) == sorted(NAMES)
    won = Lead.objects.get(name="Hana Won")
    assert (won.status, won.won_value, won.attempt_count) == (Status.WON, Decimal("1500"), 2)
    assert list(won.attempts.values_list("outcome", flat=True)) == ["no_answer", "replied"]
    assert Lead.objects.get(name="Gus Lost").attempts.count() == 1
    again = run(cli, "import", "--history", str(history), "--owner", "alice")
    assert "0 leads were created, 0 updated, 3 unchanged" in again, again
    assert Attempt.objects.count() == 4  # Hana's two, Gus's and Emil's one each


def test_a_dry_run_says_each_finished_lead_would_stay_finished(exported, alice, cli):
    leads, _, _ = exported
    out = run(cli, "import", str(leads), "--owner", "alice", "--dry-run")
    assert "Hana Won: would come in Won, as in the file." in out, out
    assert "Gus Lost: would come in Lost, as in the file." in out
    assert not Lead.objects.exists()


def test_an_id_from_another_system_joins_no_lead_of_ours(exported, alice, cli, tmp_path):
    leads, history, _ = exported
    run(cli, "import", str(leads), "--owner", "alice")
    theirs = tmp_path / "theirs.jsonl"
    lines = [json.loads(line) for line in history.read_text().splitlines()]
    for rec in lines:  # another system's past leads, whose ids happen to equal ours
        rec.pop("fairchase_id")
        rec["created_at"] = timezone.now().replace(year=2024).isoformat()
    theirs.write_text("".join(json.dumps(rec) + "\n" for rec in lines))
    out = run(cli, "import", "--history", str(theirs), "--owner", "alice")
    assert "3 leads were created, 0 updated" in out, out  # theirs, stored as their own
    assert Lead.objects.get(name="Hana Won").attempt_count == 0  # not joined to Hana


def test_revisit_and_nurture_without_consent_say_what_they_became(transactional_db, alice):
    rows = (
        "Fairchase ID,Name,Email,Status,Consents,Next action\n"
        "7,Rita Later,rita@example.com,Revisit later,,\n"
        "8,Nell Letter,nell@example.com,Nurture (mailing list),,\n"
        "9,Nina Letter,nina@example.com,Nurture (mailing list),Mailing list,\n"
    )
    dry = import_file(io.BytesIO(rows.encode()), alice, filename="l.csv", user=alice, dry_run=True)
    dry_said = " | ".join(text for _, text in dry.warnings)
    assert "Rita Later: status Revisit later in the file" in dry_said
    assert (  # as the import does: the dry run says what each would be
        "Nell Letter: status Nurture in the file without the mailing-list consent: would come "
        "in Closed instead." in dry_said
    ), dry_said
    assert "Nina Letter: would come in Nurture (mailing list), as in the file." in dry_said
    report = import_file(io.BytesIO(rows.encode()), alice, filename="leads.csv", user=alice)
    assert _statuses() == {
        "Rita Later": Status.REVISIT,
        "Nell Letter": Status.CLOSED,
        "Nina Letter": Status.NURTURE,
    }
    said = " | ".join(text for _, text in report.warnings)
    assert "Rita Later: status Revisit later in the file: the export holds no revisit date" in said
    rita = Lead.objects.get(name="Rita Later")  # parked for the revisit a dateless stop gets
    assert abs(rita.revisit_at - default_revisit(timezone.now())) < timedelta(minutes=5)
    assert f"so the lead is parked until {rita.revisit_at.date().isoformat()}: change it" in said
    assert StatusChange.objects.filter(
        lead=rita, reason="Imported: Revisit later in the exported book"
    )
    assert (
        "Nell Letter: status Nurture in the file without the mailing-list consent: closed instead."
        in said
    )


@pytest.mark.parametrize("kind", ["attempts", "commitments"])
def test_an_attempts_or_commitments_export_is_refused_with_where_to_go(
    transactional_db, alice, make_lead, cli, tmp_path, kind
):
    lead = make_lead(alice, name="Ann Tried")
    actions.log_attempt(lead, "call", "no_answer", user=alice)
    actions.add_commitment(lead, by="us", what="Call back", due_at=timezone.now())
    path = tmp_path / f"{kind}.csv"
    run(cli, "export", kind, str(path))
    code, _, err = cli("import", str(path), "--owner", "alice")
    err = err.strip().splitlines()[-1]
    assert code == 1 and f"this is Fairchase's {kind} export" in err, err
    assert "fairchase import --history" in err and "fairchase backup" in err
    assert Lead.objects.count() == 1


def test_a_lead_whose_past_came_from_another_system_joins_on_its_fairchase_id(
    transactional_db, alice, cli, tmp_path
):
    past = tmp_path / "crm.jsonl"  # the old install learned its past from a CRM's file
    tries = [{"at": "2026-03-02T15:00:00+00:00", "channel": "call", "outcome": "no_answer"}]
    past.write_text(
        json.dumps(
            {
                "id": "crm-42",
                "name": "Cleo Past",
                "status": "lost",
                "source": "referral",
                "created_at": "2026-03-01T15:00:00+00:00",
                "attempts": tries,
            }
        )
        + "\n"
    )
    run(cli, "import", "--history", str(past), "--owner", "alice")
    leads, history = tmp_path / "leads.csv", tmp_path / "history.jsonl"
    run(cli, "export", "leads", str(leads))
    run(cli, "export", "history", str(history))
    assert json.loads(history.read_text())["id"] == "crm-42"  # its id in the CRM, kept
    Lead.objects.all().delete()
    run(cli, "import", str(leads), "--owner", "alice")
    out = run(cli, "import", "--history", str(history), "--owner", "alice")
    assert "0 leads were created, 1 updated" in out, out
    [cleo] = Lead.objects.all()
    assert (cleo.name, cleo.status, cleo.attempt_count) == ("Cleo Past", Status.LOST, 1)


def _joins(history) -> list:
    """The (lead, record) pairs a history import would join, as `history._store` reads them."""
    from fairchase.intake import restoring
    from fairchase.intake.history import read_history

    batch = [rec for _, rec, _ in read_history(history.read_text().splitlines())]
    linked = restoring.linked(batch)
    return [(linked[r["id"]], r) for r in batch if r["id"] in linked]


def test_past_tries_join_through_an_action_that_counts_the_event(exported, alice, cli):
    """The join is a change of the lead like any other (`actions.add_past_tries`): its event
    count moves, so a plan computed from the lead without its tries is not kept."""
    leads, history, _ = exported
    run(cli, "import", str(leads), "--owner", "alice")
    before = dict(Lead.objects.values_list("name", "events"))
    run(cli, "import", "--history", str(history), "--owner", "alice")
    after = dict(Lead.objects.values_list("name", "events"))
    for name in ("Hana Won", "Gus Lost", "Emil Closed"):
        assert after[name] > before[name], name


def test_two_imports_of_one_history_at_once_add_its_tries_once(exported, alice, cli):
    """Both read the leads before either joined (no tries yet): the second finds the tries
    there under the lead's lock and adds nothing. Before, every try was stored twice."""
    from fairchase.intake import restoring
    from fairchase.intake.report import ImportReport

    leads, history, _ = exported
    run(cli, "import", str(leads), "--owner", "alice")
    first, second = _joins(history), _joins(history)
    joined = [restoring.join_history(pairs, alice, ImportReport()) for pairs in (first, second)]
    assert Attempt.objects.count() == 4
    assert joined == [3, 0]
    assert Lead.objects.get(name="Hana Won").attempt_count == 2


def _book(people: list[tuple[int, str, str]]) -> bytes:
    """A leads export of a book: (Fairchase ID, name, enquiry date), every lead Lost."""
    rows = [
        f"{i},{name},{name.split()[0].lower()}@example.com,Lost,,{when}" for i, name, when in people
    ]
    head = "Fairchase ID,Name,Email,Status,Next action,Enquiry date (UTC)\n"
    return (head + "\n".join(rows) + "\n").encode()


def test_a_second_book_merged_in_is_stored_once(transactional_db, alice, cli, tmp_path):
    """Books A and B both number their leads from 1. B's history joins B's leads, not A's,
    and stores nobody a second time (before: B's leads got no link, A's having taken
    `fairchase:1`, and B's history stored Cat B and Dan B again)."""
    a = [(1, "Ann A", "2026-01-05 10:00:00"), (2, "Bob A", "2026-01-06 10:00:00")]
    b = [(1, "Cat B", "2026-02-05 09:30:00"), (2, "Dan B", "2026-02-06 09:30:00")]
    for i, book in enumerate((a, b)):
        import_file(io.BytesIO(_book(book)), alice, filename=f"book{i}.csv", user=alice)
    assert Lead.objects.count() == 4
    tries = [{"at": "2026-02-07T10:00:00+00:00", "channel": "call", "outcome": "no_answer"}]
    history = tmp_path / "b.jsonl"
    history.write_text(
        "".join(
            json.dumps(
                {
                    "id": str(i),
                    "fairchase_id": i,
                    "name": name,
                    "status": "lost",
                    "source": "referral",
                    "created_at": when.replace(" ", "T") + "+00:00",
                    "attempts": tries,
                }
            )
            + "\n"
            for i, name, when in b
        )
    )
    out = run(cli, "import", "--history", str(history), "--owner", "alice")
    assert "0 leads were created, 2 updated" in out, out
    assert Lead.objects.count() == 4
    tried = dict(Lead.objects.values_list("name", "attempt_count"))
    assert tried == {"Ann A": 0, "Bob A": 0, "Cat B": 1, "Dan B": 1}


@pytest.mark.parametrize("later", [0.05, 0.3, 0.95])
def test_our_lead_is_known_by_one_rule_of_arriving_together(alice, make_lead, later):
    """A record names one of our leads by its id only if they arrived in the same second, and
    both ways of finding it (the lead's own id, a leads export's link) say so alike. Before,
    one allowed a second either way and the other the same second: a record 0.3 s later
    across a second's turn was our lead one way and someone else the other."""
    from datetime import timedelta

    from fairchase.intake import restoring
    from fairchase.intake.history import _known

    lead = make_lead(alice, name="Tia Edge")
    when = lead.created_at.replace(microsecond=900_000)
    Lead.objects.filter(pk=lead.pk).update(created_at=when)
    ImportedRecord.objects.create(external_id=restoring.link_key(9, when), lead=lead)
    rec = {"id": str(lead.pk), "fairchase_id": "9", "created_at": when + timedelta(seconds=later)}
    by_id = str(lead.pk) in _known([rec])
    by_link = str(lead.pk) in restoring.linked([rec])
    assert by_id == by_link == (later < 0.1)


def test_a_history_record_won_finishes_an_open_lead_with_its_deals_value(
    transactional_db, alice, cli, tmp_path
):
    """The leads file left the lead open (its Status not read); the history says won, for
    5,000. Before, the lead was won at its Value, 100, the deal's amount dropped."""
    row = "Fairchase ID,Name,Email,Value,Enquiry date (UTC)\n4,Oda Open,oda@example.com,100,2026-03-01 10:00:00\n"
    import_file(io.BytesIO(row.encode()), alice, filename="leads.csv", user=alice)
    assert Lead.objects.get().status == Status.OPEN
    rec = {
        "id": "4",
        "fairchase_id": 4,
        "name": "Oda Open",
        "source": "referral",
        "status": "won",
        "won_value": 5000,
        "created_at": "2026-03-01T10:00:00+00:00",
        "attempts": [{"at": "2026-03-02T10:00:00+00:00", "channel": "call", "outcome": "talked"}],
    }
    history = tmp_path / "h.jsonl"
    history.write_text(json.dumps(rec) + "\n")
    out = run(cli, "import", "--history", str(history), "--owner", "alice")
    assert "0 leads were created, 1 updated" in out, out
    oda = Lead.objects.get()
    assert (oda.status, oda.won_value) == (Status.WON, Decimal("5000.00"))
