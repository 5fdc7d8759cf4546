"""`simulate` and `backtest` commands: argparse in, rich tables and PNG plots out.

The app's `fairchase simulate` / `fairchase backtest` call `simulate_main(argv)` /
`backtest_main(argv)`; `python -m fairchase.sim` does the same.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fairchase.arguments import number, whole
from fairchase.sim.backtest import Backtest, backtest, load_history
from fairchase.sim.baselines import BASELINES
from fairchase.sim.metrics import comparison_table, ratio_table, ratios
from fairchase.sim.runner import compare, fairchase_available
from fairchase.sim.worlds import TEST_SEEDS, get_world


def _console(console: Console | None = None) -> Console:
    """The given console, or one wide enough for the tables even when output is piped."""
    if console is not None:
        return console
    c = Console()
    return c if c.is_terminal else Console(width=180)


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _simulate_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="fairchase simulate",
        description="Compare Fairchase, the folk rules and the oracle in synthetic worlds.",
    )
    ap.add_argument(
        "--world",
        action="append",
        help="world to run, by seed (repeatable; default: the first 3 test worlds, "
        f"{TEST_SEEDS[0]}-{TEST_SEEDS[2]})",
    )
    # numpy's generators take no negative seed (the demo's random.Random does: any_whole there)
    ap.add_argument("--seed", type=whole(0), default=0)
    ap.add_argument("--quick", action="store_true", help="small worlds, a few seconds")
    ap.add_argument("--out", default="out/sim", help="directory for plots and results.json")
    ap.add_argument("--no-plots", action="store_true")
    return ap.parse_args(argv)


def simulate_main(argv: list[str] | None = None, console: Console | None = None) -> int:
    """Run the policy comparison; print the tables and ratios; write plots to --out."""
    args = _simulate_args(argv)
    console = _console(console)
    try:
        worlds = [get_world(n, args.quick) for n in (args.world or TEST_SEEDS[:3])]
    except KeyError as e:
        console.print(str(e.args[0]))
        return 2
    with_core = fairchase_available()
    if not with_core:
        console.print(
            "[yellow]fairchase.policy is not importable: comparing folk rules and "
            "the oracle only.[/yellow]"
        )
    per_world = len(BASELINES) + 2 + with_core
    with _progress(console) as bar:
        task = bar.add_task("simulating", total=sum(w.horizon for w in worlds) * per_world)
        results, extras = compare(
            worlds,
            args.seed,
            with_core,
            on_day=lambda: bar.advance(task),
            progress=lambda d: bar.update(task, description=d),
        )
    title = f"Policies by world (seed {args.seed}{', quick' if args.quick else ''})"
    console.print(comparison_table(results, title))
    rows = ratios(
        results, daily_minutes={w.name: float(w.setting("daily_minutes")) for w in worlds}
    )
    if rows:
        console.print(ratio_table(rows))
        if args.quick:
            console.print(
                "[italic]Quick worlds have a few hundred leads: these ratios are noisy. "
                "Judge quality on the full run.[/italic]"
            )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    saved = {"seed": args.seed, "quick": args.quick, "ratios": rows}
    saved["results"] = [m.as_dict() for m in results]
    (out / "results.json").write_text(json.dumps(saved, indent=1))
    if not args.no_plots:
        console.print("Plots: " + ", ".join(str(p) for p in _plots(results, worlds, extras, out)))
    return 0


def _plots(results, worlds, extras, out: Path) -> list[Path]:
    from fairchase.sim.plots import plot_profit, plot_reply_curves

    paths = [plot_profit(results, out / "profit_by_world.png")]
    for w in worlds:
        history = extras.get(w.name, {}).get("history")
        paths.append(plot_reply_curves(w, history, out / f"reply_curves_{w.name}.png"))
    return paths


def backtest_table(bt: Backtest):
    """A rich table of the backtest rows."""
    from rich.table import Table

    t = Table(title=f"Backtest on {bt.leads:,} finished leads")
    for col in (
        "rule",
        "wins kept",
        "won value kept",
        "wins lost",
        "value lost",
        "attempts",
        "attempts saved",
        "hours saved",
        "complaints",
        "profit",
    ):
        t.add_column(col, justify="left" if col == "rule" else "right")
    rows = [bt.actual, *bt.rows] + ([bt.fairchase] if bt.fairchase else [])
    for r in rows:
        t.add_row(
            r.label,
            str(r.wins),
            f"{r.won_value:,.0f}",
            str(r.lost_wins),
            f"{r.lost_value:,.0f}",
            str(r.attempts),
            str(r.attempts_saved),
            f"{r.hours_saved:,.1f}",
            str(r.complaints),
            f"{r.profit:,.0f}",
            style="bold" if r is bt.fairchase else None,
        )
    return t


def _money(args, business: dict | None) -> tuple[dict, str]:
    """The backtest's margin and costs: each option given, else the business's (`business`:
    its saved settings, from the app's database), else the contract's defaults; and the line
    that says which margin the profit column counts ("at your 30% margin")."""
    own = business or {}
    settings = {
        "margin": args.margin / 100 if args.margin is not None else own.get("margin", 1.0),
        "hourly_cost": own.get("hourly_cost", 50.0)
        if args.hourly_cost is None
        else args.hourly_cost,
        "complaint_cost": own.get("complaint_cost", 200.0)
        if args.complaint_cost is None
        else args.complaint_cost,
    }
    percent = f"{settings['margin'] * 100:.4g}%"
    if args.margin is not None:
        whose = f"a {percent} margin (--margin)"
    elif business and not business.get("margin_unset"):
        whose = f"your {percent} margin (Settings)"
    elif business:
        whose = f"a {percent} margin: none is saved in Settings (--margin 30 for 30%)"
    else:
        whose = f"a {percent} margin (--margin 30 for 30%)"
    costs = (
        f"${settings['hourly_cost']:,.0f} an hour, ${settings['complaint_cost']:,.0f} a complaint"
    )
    return settings, f"Profit is counted at {whose}; {costs}."


def backtest_main(
    argv: list[str] | None = None, console: Console | None = None, business: dict | None = None
) -> int:
    """Backtest stopping rules on a JSONL history; print the table; write a plot to --out.
    `business`: the margin and costs saved in the app (`margin_unset` if nobody chose one),
    the defaults of the options not given."""
    ap = argparse.ArgumentParser(
        prog="fairchase backtest",
        description="What if we had stopped earlier? Stopping rules on your real, finished leads.",
    )
    ap.add_argument("history", help="JSONL file of finished leads (the contract's lead records)")
    ap.add_argument("--folds", type=whole(2), default=5)
    ap.add_argument("--out", default="out/backtest")
    ap.add_argument(
        "--margin",
        type=number(0.01, 100),
        help="percent of a deal's value that is profit, as Settings takes it (30 for 30%%); "
        "default: the business's, else 100",
    )
    ap.add_argument(
        "--hourly-cost", type=number(0, 10_000), help="default: the business's, else 50"
    )
    ap.add_argument(
        "--complaint-cost", type=number(0, 1_000_000), help="default: the business's, else 200"
    )
    ap.add_argument("--no-fairchase", action="store_true", help="stop-after-N rules only")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)
    console = _console(console)
    try:
        records, errors = load_history(args.history)
    except OSError as e:
        console.print(f"[red]Cannot read {escape(str(args.history))}: {escape(str(e))}[/red]")
        return 2
    for err in errors:
        console.print(f"[yellow]Skipped {escape(str(err))}[/yellow]")
    if not records:
        console.print("[red]No usable leads in the history.[/red]")
        return 1
    settings, said = _money(args, business)
    with_core = not args.no_fairchase and fairchase_available()
    with _progress(console) as bar:
        task = bar.add_task("fitting folds", total=args.folds if with_core else 1)
        bt = backtest(
            records,
            args.folds,
            settings,
            with_fairchase=with_core,
            on_fold=lambda f: bar.advance(task),
        )
    console.print(backtest_table(bt))
    console.print(escape(said))
    console.print(f"[italic]{bt.note}[/italic]")
    if errors:
        console.print(f"{len(errors)} line(s) skipped; {len(records):,} leads used.")
    if not args.no_plots:
        from fairchase.sim.plots import plot_backtest

        console.print(f"Plot: {plot_backtest(bt, Path(args.out) / 'backtest.png')}")
    return 0
