"""The command line introduces Fairchase, not Django, and a newcomer's slips get one
clear line instead of a traceback or a screenful."""

import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent


def test_fairchase_help_lists_its_own_commands_first_each_with_one_line(cli):
    code, out, _ = cli("--help")
    assert code == 0 and out.startswith("Fairchase: ")
    commands = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert commands[:6] == ["serve", "demo", "agenda", "log", "import", "export"]
    assert {"report", "send_outbox", "simulate", "backtest", "fit", "worker"} <= set(commands)
    for line in out.splitlines():
        if line.startswith("  "):
            assert len(line.split(None, 1)) == 2, line  # every command has its line
    assert "startproject" not in out and "compilemessages" not in out
    assert "fairchase help --all" in out


def test_fairchase_help_all_still_lists_djangos_commands(cli):
    code, out, _ = cli("help", "--all")
    assert code == 0 and "startproject" in out and "createsuperuser" in out


def test_a_report_into_a_missing_directory_is_one_line(db, cli):
    code, out, err = cli("report", "--html", "/no/such/dir/x.html")
    assert code == 1 and err.strip().count("\n") == 0
    assert "No such file or directory: /no/such/dir/x.html" in err and "Traceback" not in err + out


def test_a_backtest_on_a_spreadsheet_says_so_at_once(db, cli, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text("name,email\n" + "".join(f"P{i},p{i}@example.com\n" for i in range(300)))
    code, out, err = cli("backtest", str(path))
    assert code == 2
    assert (
        (out + err).count("\n") <= 1
        and "is not a history file" in err
        and "fairchase import" in err
    )


def test_a_piped_agenda_is_wide_enough_not_to_fold_every_reason(db):
    from fairchase.leads import planning
    from fairchase.leads.demo import load_demo
    from fairchase.leads.models import Lead
    from tests.conftest import open_all_day_now

    load_demo(n_history=60, n_open=30, seed=4)
    # follow-ups due today whatever the hour and day the test runs (a Saturday evening in
    # Chicago has none: they are all due Monday)
    Lead.objects.update(timezone="")
    open_all_day_now()
    planning.replan_all()
    out = StringIO()
    call_command("agenda", "--everyone", stdout=out)
    lines = out.getvalue().splitlines()
    shown = Lead.objects.filter(status__in=["open", "engaged"]).exclude(plan_reason="")
    whole = [
        lead
        for lead in shown
        if any(lead.plan_reason.split(": ", 1)[-1][:50] in line for line in lines)
    ]
    assert len(whole) >= 5, "reasons are folded over many lines"
    assert len(lines) < 40 * 3


def test_make_help_describes_fairchase_first_and_make_lint_checks_formatting():
    help_text = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert help_text.startswith("Fairchase: ") and "make demo" in help_text
    lint = subprocess.run(
        ["make", "-n", "lint"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "ruff format --check" in lint
    clean = subprocess.run(
        ["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for path in ("test-output/", ".hypothesis/", "out/"):
        assert path in clean


def test_a_backtest_prints_a_file_name_as_written_never_as_terminal_markup(db, cli, tmp_path):
    missing = tmp_path / "[/red]history[bold].jsonl"
    code, out, err = cli("backtest", str(missing))
    assert code == 2 and f"Cannot read {missing}" in " ".join((out + err).split())


def test_a_backtest_of_a_history_with_no_usable_leads_is_refused(
    transactional_db, capsys, cli, tmp_path
):
    for body in ("", "\n\n", '{"id": 1}\n', '{"id": 2}\n{oops\n'):
        history = tmp_path / "history.jsonl"
        history.write_text(body)
        code, out, err = cli("backtest", str(history), "--no-plots")
        assert code == 1 and "No usable leads in the history." in out + err, body
        with pytest.raises(CommandError) as refused:
            call_command("backtest", str(history), "--no-plots")
        assert refused.value.returncode == 1
        capsys.readouterr()


def test_a_simulation_of_a_world_that_does_not_exist_is_refused(transactional_db, cli):
    code, out, err = cli("simulate", "--world", "no-such-world", "--no-plots")
    assert code == 2, out + err
    from fairchase.leads.management.commands.simulate import Command

    with pytest.raises(CommandError) as refused:  # call_command's way in: handle
        Command().handle(sim_args=["--world", "no-such-world", "--no-plots"])
    assert refused.value.returncode == 2


def test_a_refused_export_says_fairchase_export_as_its_other_errors_do(db, cli, tmp_path):
    code, out, err = cli("export", "leads", str(tmp_path / "x.txt"))
    assert code == 1 and out == ""
    assert err == "fairchase export: Name the file .csv or .xlsx (or .jsonl for history).\n"
    code, out, err = cli("export", "leads", str(tmp_path / "no" / "x.csv"))
    assert code == 1 and err.startswith("fairchase export: No such file or directory")
    code, out, err = cli("report", "--from", "yesterday")
    assert code == 1 and err == "fairchase report: Dates must look like 2026-01-31.\n", err


def test_a_backtest_counts_profit_at_the_business_s_saved_margin(
    transactional_db, cli, tmp_path, monkeypatch
):
    """newcomer72 #2: `fairchase backtest` of "your real history" counted profit at a 100%
    margin (its --margin defaulted to 1.0) while Settings had 30% saved."""
    from fairchase.leads.models import BusinessSettings
    from fairchase.sim import cli as sim_cli
    from fairchase.sim.backtest import write_history

    row = BusinessSettings.current()
    row.margin, row.margin_set = 0.3, True
    row.save()
    seen = []
    real = sim_cli.backtest
    monkeypatch.setattr(
        sim_cli,
        "backtest",
        lambda records, folds, settings, **kw: (
            seen.append(settings) or real(records, folds, settings, **kw)
        ),
    )
    history = write_history(1004, 40, tmp_path / "h.jsonl", seed=2)
    row.margin, row.margin_set = 1.0, False
    row.save()
    code, out, err = cli("backtest", str(history), "--no-plots", "--no-fairchase", "--folds", "2")
    assert code == 0 and seen[-1]["margin"] == 1.0, out + err
    assert "at a 100% margin: none is saved in Settings" in " ".join(out.split())
    row.margin, row.margin_set = 0.3, True
    row.save()
    code, out, err = cli("backtest", str(history), "--no-plots", "--no-fairchase", "--folds", "2")
    assert code == 0, out + err
    assert seen[-1]["margin"] == pytest.approx(0.3)
    assert "at your 30% margin (Settings)" in " ".join(out.split())
    code, out, err = cli(
        "backtest", str(history), "--no-plots", "--no-fairchase", "--folds", "2", "--margin", "45"
    )
    assert code == 0 and seen[-1]["margin"] == pytest.approx(0.45), out + err
    assert "at a 45% margin (--margin)" in " ".join(out.split())
