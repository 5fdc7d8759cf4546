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
    daily: list[float] = field(default_factory=list)  # selling minutes used, day by day
    # what each attempt made was worth in expectation given all that could be known when it was
    # made (the lead's hidden type integrated out over its posterior: source, signals, silent
    # tries): the same mean as the drawn outcomes, without the luck of a few wins, nor of which
    # leads happened to be of a keen type (no policy sees the types; only the oracle's model
    # knows the posterior)
    expected_won_value: float = 0.0
    expected_complaints: float = 0.0
    # the same at the chances of each lead's true hidden type (same mean, noisier)
    typed_won_value: float = 0.0
    typed_complaints: float = 0.0

    @property
    def profit(self) -> float:
        """Won value x margin - selling time x hourly cost - complaints x complaint cost."""
        return (
            self.won_value * self.margin
            - self.minutes * self.hourly_cost / 60
            - self.complaints * self.complaint_cost
        )

    @property
    def expected_profit(self) -> float:
        """Profit with wins and complaints at their expected values given each attempt made and
        what could be known when it was made."""
        return (
            self.expected_won_value * self.margin
            - self.minutes * self.hourly_cost / 60
            - self.expected_complaints * self.complaint_cost
        )

    @property
    def typed_expected_profit(self) -> float:
        """Expected profit at the chances of each lead's true hidden type (the luck of which
        types came is left in: a policy can beat the oracle on it by chance)."""
        return (
            self.typed_won_value * self.margin
            - self.minutes * self.hourly_cost / 60
            - self.typed_complaints * self.complaint_cost
        )

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
        return {
            "world": self.world,
            "policy": self.policy,
            "profit": round(self.profit, 2),
            "expected_profit": round(self.expected_profit, 2),
            "expected_complaints": round(self.expected_complaints, 3),
            "typed_expected_profit": round(self.typed_expected_profit, 2),
            "revenue_per_hour": round(self.revenue_per_hour, 2),
            "wins": self.wins,
            "won_value": round(self.won_value, 2),
            "leads": self.leads,
            "attempts": self.attempts,
            "attempts_per_lead": round(self.attempts_per_lead, 3),
            "hours": round(self.minutes / 60, 2),
            "complaints": self.complaints,
            "complaints_per_1000": round(self.complaints_per_1000, 2),
            "opt_outs_per_1000": round(self.opt_outs_per_1000, 2),
            "stopped": self.stopped,
            "open_at_end": self.open_at_end,
            "missing": self.missing,
            "violations": dict(self.violations),
            "seconds": round(self.seconds, 2),
        }


def by_world(results: list[Metrics]) -> dict[str, dict[str, Metrics]]:
    """Results keyed world -> policy -> metrics, in run order."""
    out: dict[str, dict[str, Metrics]] = {}
    for m in results:
        out.setdefault(m.world, {})[m.policy] = m
    return out


NOT_FOLK = ("oracle", "fairchase", "learner")
FULL_SLACK = 6.0  # a day is "whole" when less than one call's minutes are left


def best_folk(row: dict[str, Metrics]) -> Metrics | None:
    """The most profitable folk rule in one world."""
    folk = [m for p, m in row.items() if p not in NOT_FOLK]
    return max(folk, key=lambda m: m.expected_profit) if folk else None


def minutes_on_full_days(me: Metrics, oracle: Metrics, daily_minutes: float) -> tuple[int, float]:
    """Days on which the oracle used its whole day, and `me`'s minutes / the oracle's on them."""
    days = [d for d, used in enumerate(oracle.daily) if used >= daily_minutes - FULL_SLACK]
    mine = sum(me.daily[d] for d in days if d < len(me.daily))
    theirs = sum(oracle.daily[d] for d in days)
    return len(days), (mine / theirs if theirs else float("nan"))


def ratios(
    results: list[Metrics], policy: str = "fairchase", daily_minutes: dict[str, float] | None = None
) -> list[dict]:
    """Per world: `policy` against the oracle, the learner and the best folk rule."""
    rows = []
    for world, row in by_world(results).items():
        me, oracle, learner, folk = (
            row.get(policy),
            row.get("oracle"),
            row.get("learner"),
            best_folk(row),
        )
        if me is None or oracle is None or folk is None:
            continue
        full_days, minutes = minutes_on_full_days(me, oracle, (daily_minutes or {}).get(world, 1e9))
        rows.append(
            {
                "world": world,
                "policy": policy,
                "profit": me.expected_profit,
                "oracle_profit": oracle.expected_profit,
                "vs_oracle": _ratio(me.expected_profit, oracle.expected_profit),
                "learner_profit": learner.expected_profit if learner else float("nan"),
                "vs_learner": _ratio(me.expected_profit, learner.expected_profit)
                if learner
                else float("nan"),
                "best_folk": folk.policy,
                "folk_profit": folk.expected_profit,
                "vs_best_folk": _ratio(me.expected_profit, folk.expected_profit),
                "complaints": me.expected_complaints,
                "oracle_complaints": oracle.expected_complaints,
                "complaints_per_1000": 1000 * me.expected_complaints / max(me.leads, 1),
                "oracle_complaints_per_1000": 1000
                * oracle.expected_complaints
                / max(oracle.leads, 1),
                "full_days": full_days,
                "minutes_vs_oracle": minutes,
                "drawn_profit": me.profit,
                "oracle_drawn_profit": oracle.profit,
                "hourly_cost": oracle.hourly_cost,
            }
        )
    return rows


def _ratio(a: float, b: float, empty: float = float("nan")) -> float:
    # a profit ratio against a non-positive base says nothing useful
    return a / b if b > 0 else empty


def check(r: dict) -> dict[str, bool]:
    """Which per-world targets a ratio row meets.

    Profits and complaints are expected values given the attempts each policy made and what
    could be known when each was made: the lead's hidden type is integrated out over its
    posterior (source, signals, silent tries). The drawn wins of a world are few and noisy,
    and so is the luck of which leads were of a keen type (no policy sees it): both
    expectations have the drawn outcome's mean.
    Profit against the learner and the best folk rule compares amounts (a ratio to a
    loss means nothing). Complaints: at most 1.25 x the oracle's expected count, plus
    half a complaint (a fraction of one complaint in a small world is not a rate).
    Minutes: only judged where the oracle used its whole day on at least 5 days.
    Oracle: within 5% of the oracle's profit (of its size, so a loss-making world counts too).
    """
    return {
        "oracle": r["profit"] >= r["oracle_profit"] - 0.05 * abs(r["oracle_profit"]),
        "learner": r["profit"] >= r["learner_profit"]
        if r["learner_profit"] == r["learner_profit"]
        else True,
        "folk": r["profit"] >= r["folk_profit"],
        "complaints": r["complaints"] <= 1.25 * r["oracle_complaints"] + 0.5,
        "minutes": r["full_days"] < 5 or r["minutes_vs_oracle"] >= 0.95,
    }


def above_oracle(r: dict) -> bool:
    """True when the policy earns more than the oracle by more than 2% of the oracle's profit
    or six minutes of selling time (a call), whichever is more. Below that the order is noise:
    where nothing is worth doing (w1011) the oracle's three tries came to -$1.27 in
    expectation and doing nothing to $0, which 2% of a profit near 0 would call beaten.
    The oracle begins no chase worth <= 0 to it (those three: +0.09, +0.05, +0.18), but only
    the tries made are counted: an email that bounced (-1.15) and a text answered at once
    (-0.30, its chase worth +0.05 through later tries never needed). Runs 1 and 2 of w1011
    come to +4.24 and +2.55."""
    slack = max(0.02 * abs(r["oracle_profit"]), 0.1 * r.get("hourly_cost", 0.0))
    return r["profit"] > r["oracle_profit"] + slack


def summary(rows: list[dict]) -> list[tuple[str, str, bool]]:
    """One line per target over all worlds: (target, figures, passed)."""
    if not rows:
        return []
    vs = [r["vs_oracle"] for r in rows]
    vs_ok = [v for v in vs if v == v]
    mean = sum(vs_ok) / len(vs_ok) if vs_ok else float("nan")
    n = len(rows)

    def count(key: str) -> int:
        return sum(check(r)[key] for r in rows)

    judged = [r for r in rows if r["full_days"] >= 5]
    above = [r["world"] for r in rows if above_oracle(r)]
    mins = [r["minutes_vs_oracle"] for r in judged]
    return [
        (
            "profit >= 0.95 x oracle in every world",
            f"{count('oracle')}/{n} worlds; min {min(vs_ok, default=float('nan')):.3f}",
            count("oracle") == n,
        ),
        ("mean profit / oracle >= 0.97", f"mean {mean:.3f}", mean >= 0.97),
        (
            "profit >= the model-free learner's in every world",
            f"{count('learner')}/{n} worlds",
            count("learner") == n,
        ),
        (
            "profit >= the best folk rule's in every world",
            f"{count('folk')}/{n} worlds",
            count("folk") == n,
        ),
        (
            "complaints <= 1.25 x the oracle's (+0.5) in every world",
            f"{count('complaints')}/{n} worlds",
            count("complaints") == n,
        ),
        (
            "minutes >= 0.95 x the oracle's where it used its whole day",
            f"{sum(check(r)['minutes'] for r in judged)}/{len(judged)} worlds judged; "
            f"min {min(mins, default=float('nan')):.3f}",
            all(check(r)["minutes"] for r in judged),
        ),
        (
            "the oracle is an upper bound (no world where this policy earns 2% more, "
            "or a call's cost more where profits are near 0)",
            f"{len(above)} such world(s){': ' + ', '.join(above) if above else ''}",
            not above,
        ),
    ]


def comparison_table(results: list[Metrics], title: str = "Policies by world") -> Table:
    """A rich table: one row per world and policy, profit normalised to the oracle."""
    t = Table(title=title, show_lines=False)
    for col in (
        "world",
        "policy",
        "expected profit",
        "vs oracle",
        "drawn profit",
        "wins",
        "att/lead",
        "hours",
        "opt-outs/1k",
        "complaints/1k",
        "violations",
        "sec",
    ):
        t.add_column(col, justify="left" if col in ("world", "policy") else "right")
    for world, row in by_world(results).items():
        oracle = row.get("oracle")
        first = True
        for name, m in row.items():
            rel = (
                f"{m.expected_profit / oracle.expected_profit:.3f}"
                if oracle and oracle.expected_profit > 0
                else "-"
            )
            viol = ", ".join(f"{k} {v}" for k, v in sorted(m.violations.items()) if v) or "0"
            style = "bold" if name in ("oracle", "fairchase") else None
            t.add_row(
                world if first else "",
                name,
                f"{m.expected_profit:,.0f}",
                rel,
                f"{m.profit:,.0f}",
                str(m.wins),
                f"{m.attempts_per_lead:.2f}",
                f"{m.minutes / 60:,.0f}",
                f"{m.opt_outs_per_1000:.1f}",
                f"{m.complaints_per_1000:.1f}",
                viol,
                f"{m.seconds:.1f}",
                style=style,
            )
            first = False
        t.add_section()
    return t


def ratio_table(rows: list[dict], title: str = "Fairchase against the targets") -> Table:
    """A rich table per world: ratios to the oracle, learner and best folk rule, with PASS/FAIL."""
    t = Table(title=title)
    for col in (
        "world",
        "vs oracle",
        "vs learner",
        "best folk rule",
        "vs folk",
        "complaints (oracle)",
        "minutes vs oracle (full days)",
        "verdict",
    ):
        t.add_column(
            col, justify="left" if col in ("world", "best folk rule", "verdict") else "right"
        )
    for r in rows:
        ok = check(r)
        t.add_row(
            r["world"],
            _fmt(r["vs_oracle"]),
            _fmt(r["vs_learner"]),
            r["best_folk"],
            _fmt(r["vs_best_folk"]),
            f"{r['complaints']:.1f} ({r['oracle_complaints']:.1f})",
            f"{_fmt(r['minutes_vs_oracle'])} ({r['full_days']})",
            "PASS" if all(ok.values()) else "FAIL " + ", ".join(k for k, v in ok.items() if not v),
        )
    return t


def _fmt(x: float) -> str:
    return "-" if x != x else f"{x:.3f}"


def pooled(results: list[Metrics]) -> list[Metrics]:
    """Sum the runs of each (world, policy) over seeds: ratios of sums, not means of ratios."""
    out: dict[tuple[str, str], Metrics] = {}
    for m in results:
        key = (m.world, m.policy)
        if key not in out:
            out[key] = Metrics(m.world, m.policy, m.margin, m.hourly_cost, m.complaint_cost)
        t = out[key]
        t.daily = [a + b for a, b in zip(t.daily or [0.0] * len(m.daily), m.daily, strict=False)]
        for f in (
            "expected_won_value",
            "expected_complaints",
            "typed_won_value",
            "typed_complaints",
            "leads",
            "wins",
            "won_value",
            "attempts",
            "minutes",
            "complaints",
            "opt_outs",
            "stopped",
            "open_at_end",
            "missing",
            "seconds",
        ):
            setattr(t, f, getattr(t, f) + getattr(m, f))
        t.violations.update(m.violations)
    return list(out.values())
