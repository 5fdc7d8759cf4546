"""What a simulated run is judged on, and the tables that show it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.table import Table

VIOLATIONS = ("closed", "cap", "hours", "channel", "nurture")


@dataclass
class Metrics:
    """Totals of one policy in one world. Profit is what the business keeps."""

    world: str
    policy: str
    margin: float
    hourly_cost: float
    complaint_cost: float
    leads: int = 0
    wins: int = 0
    won_value: float = 0.0
    attempts: int = 0
    minutes: float = 0.0
    complaints: int = 0
    opt_outs: int = 0
    stopped: int = 0
    open_at_end: int = 0
    missing: int = 0  # open leads the policy returned no decision for (lead-days)
    seconds: float = 0.0
    violations: Counter = field(default_factory=Counter)

    @property
    def profit(self) -> float:
        """Won value x margin - selling time x hourly cost - complaints x complaint cost."""
        return (self.won_value * self.margin - self.minutes * self.hourly_cost / 60
                - self.complaints * self.complaint_cost)

    @property
    def revenue_per_hour(self) -> float:
        """Won value per hour of selling time spent on follow-up."""
        return self.won_value / (self.minutes / 60) if self.minutes else 0.0

    @property
    def attempts_per_lead(self) -> float:
        return self.attempts / self.leads if self.leads else 0.0

    @property
    def complaints_per_1000(self) -> float:
        return 1000 * self.complaints / self.leads if self.leads else 0.0

    @property
    def opt_outs_per_1000(self) -> float:
        return 1000 * self.opt_outs / self.leads if self.leads else 0.0

    @property
    def violation_count(self) -> int:
        return sum(self.violations[k] for k in VIOLATIONS)

    def as_dict(self) -> dict:
        """Plain numbers for JSON output."""
        return {"world": self.world, "policy": self.policy, "profit": round(self.profit, 2),
                "revenue_per_hour": round(self.revenue_per_hour, 2), "wins": self.wins,
                "won_value": round(self.won_value, 2), "leads": self.leads,
                "attempts": self.attempts, "attempts_per_lead": round(self.attempts_per_lead, 3),
                "hours": round(self.minutes / 60, 2), "complaints": self.complaints,
                "complaints_per_1000": round(self.complaints_per_1000, 2),
                "opt_outs_per_1000": round(self.opt_outs_per_1000, 2), "stopped": self.stopped,
                "open_at_end": self.open_at_end, "missing": self.missing,
                "violations": dict(self.violations), "seconds": round(self.seconds, 2)}


def by_world(results: list[Metrics]) -> dict[str, dict[str, Metrics]]:
    """Results keyed world -> policy -> metrics, in run order."""
    out: dict[str, dict[str, Metrics]] = {}
    for m in results:
        out.setdefault(m.world, {})[m.policy] = m
    return out


def best_folk(row: dict[str, Metrics]) -> Metrics | None:
    """The most profitable folk rule in one world."""
    folk = [m for p, m in row.items() if p not in ("oracle", "fairchase")]
    return max(folk, key=lambda m: m.profit) if folk else None


def ratios(results: list[Metrics], policy: str = "fairchase") -> list[dict]:
    """Per world: policy/oracle profit, policy/best folk profit, complaints vs oracle."""
    rows = []
    for world, row in by_world(results).items():
        me, oracle, folk = row.get(policy), row.get("oracle"), best_folk(row)
        if me is None or oracle is None or folk is None:
            continue
        rows.append({
            "world": world,
            "vs_oracle": _ratio(me.profit, oracle.profit),
            "best_folk": folk.policy,
            "vs_best_folk": _ratio(me.profit, folk.profit),
            "complaints_vs_oracle": _ratio(me.complaints_per_1000, oracle.complaints_per_1000,
                                           empty=1.0 if me.complaints_per_1000 == 0 else float("inf")),
            "complaints_per_1000": me.complaints_per_1000,
            "oracle_complaints_per_1000": oracle.complaints_per_1000,
        })
    return rows


def _ratio(a: float, b: float, empty: float = float("nan")) -> float:
    # a profit ratio against a non-positive base says nothing useful
    return a / b if b > 0 else empty


def comparison_table(results: list[Metrics], title: str = "Policies by world") -> Table:
    """A rich table: one row per world and policy, profit normalised to the oracle."""
    t = Table(title=title, show_lines=False)
    for col in ("world", "policy", "profit", "vs oracle", "rev/hour", "wins", "att/lead",
                "hours", "opt-outs/1k", "complaints/1k", "violations", "sec"):
        t.add_column(col, justify="left" if col in ("world", "policy") else "right")
    for world, row in by_world(results).items():
        oracle = row.get("oracle")
        first = True
        for name, m in row.items():
            rel = f"{m.profit / oracle.profit:.2f}" if oracle and oracle.profit > 0 else "-"
            viol = ", ".join(f"{k} {v}" for k, v in sorted(m.violations.items()) if v) or "0"
            style = "bold" if name in ("oracle", "fairchase") else None
            t.add_row(world if first else "", name, f"{m.profit:,.0f}", rel,
                      f"{m.revenue_per_hour:,.0f}", str(m.wins), f"{m.attempts_per_lead:.2f}",
                      f"{m.minutes / 60:,.0f}", f"{m.opt_outs_per_1000:.1f}",
                      f"{m.complaints_per_1000:.1f}", viol, f"{m.seconds:.1f}", style=style)
            first = False
        t.add_section()
    return t


def ratio_table(rows: list[dict], title: str = "Fairchase against the targets") -> Table:
    """A rich table of the quality ratios with PASS/FAIL against the issue's targets."""
    t = Table(title=title)
    for col in ("world", "vs oracle (>=0.90)", "best folk rule", "vs best folk (>=1.00)",
                "complaints vs oracle (<=1.25)", "verdict"):
        t.add_column(col, justify="left" if col in ("world", "best folk rule", "verdict") else "right")
    for r in rows:
        ok = check(r)
        t.add_row(r["world"], f"{r['vs_oracle']:.3f}", r["best_folk"], f"{r['vs_best_folk']:.3f}",
                  f"{r['complaints_vs_oracle']:.2f} ({r['complaints_per_1000']:.1f} vs "
                  f"{r['oracle_complaints_per_1000']:.1f})",
                  "[green]PASS[/green]" if all(ok.values()) else
                  "[red]FAIL[/red] " + ", ".join(k for k, v in ok.items() if not v))
    if rows:
        mean = sum(r["vs_best_folk"] for r in rows) / len(rows)
        t.add_section()
        t.add_row("average", "", "", f"{mean:.3f}", "",
                  "[green]PASS[/green]" if mean >= 1.15 else "[red]FAIL[/red] (target >= 1.15)")
    return t


def check(r: dict) -> dict[str, bool]:
    """Which of the per-world targets a ratio row meets (NaN fails)."""
    return {"oracle": r["vs_oracle"] >= 0.90, "folk": r["vs_best_folk"] >= 1.0,
            "complaints": r["complaints_vs_oracle"] <= 1.25}


def pooled(results: list[Metrics]) -> list[Metrics]:
    """Sum the runs of each (world, policy) over seeds: ratios of sums, not means of ratios."""
    out: dict[tuple[str, str], Metrics] = {}
    for m in results:
        key = (m.world, m.policy)
        if key not in out:
            out[key] = Metrics(m.world, m.policy, m.margin, m.hourly_cost, m.complaint_cost)
        t = out[key]
        for f in ("leads", "wins", "won_value", "attempts", "minutes", "complaints", "opt_outs",
                  "stopped", "open_at_end", "missing", "seconds"):
            setattr(t, f, getattr(t, f) + getattr(m, f))
        t.violations.update(m.violations)
    return list(out.values())
