"""Turn the computed numbers into the page's sections: one chart and one table each.

Per-source lead costs are applied here, at render time, so editing a cost shows at
once without recomputing the cached numbers.
"""

from __future__ import annotations

from fairchase.leads.home import home
from fairchase.web.words import counted

from . import svg
from .models import SourceCost
from .numbers import STOP_HORIZON, source_label


def money(v) -> str:
    """$1,234 / -$56 / – for missing, in the business's currency (Settings: €1,234)."""
    if v is None:
        return "–"
    sign = home().sign
    return f"-{sign}{-v:,.0f}" if v < 0 else f"{sign}{v:,.0f}"


def money_tick(v: float) -> str:
    """An axis tick in the business's currency: $0, €250, £12.5k."""
    return svg.compact_money(v, home().sign)


def pct(v) -> str:
    """Percent with one decimal under 10%, none above."""
    return "–" if v is None else f"{v:.1%}" if v < 0.1 else f"{v:.0%}"


def stop_text(tries) -> str:
    """How many tries the model makes before it stops, in words; None is a lead it still
    tries after the horizon the stop points look at, said with that number."""
    if tries is None:
        return f"keeps trying past {STOP_HORIZON} tries"
    return "don't try" if tries == 0 else f"after {tries} tr{'ies' if tries != 1 else 'y'}"


def reply_section(learned: dict) -> dict:
    """Reply curves: all sources together, one panel per source with its band and raw counts."""
    curves = [c for c in learned["curves"] if c["points"]]
    ks = [p["k"] for p in curves[0]["points"]] if curves else list(range(1, 11))
    complaint = learned.get("complaint") or []
    return {
        "overview": _overview_chart(curves, ks),
        "panels": [_source_panel(c, ks) for c in curves],
        "complaint": complaint,
        "complaint_chart": _complaint_chart(complaint) if complaint else None,
    }


def _overview_chart(curves: list[dict], ks: list[int]):
    return svg.line_chart(
        "reply-overview",
        "Chance a silent lead answers the next attempt, by source",
        "Learned reply probability at each attempt number for every lead source.",
        [
            svg.Series(
                c["label"],
                c["source"],
                [(p["k"], p["p"]) for p in c["points"]],
                [
                    f"{c['label']}, attempt {p['k']}: {pct(p['p'])} (likely range {pct(p['lo'])}–{pct(p['hi'])}; "
                    f"{p['replied']} of {p['tried']} answered)"
                    for p in c["points"]
                ],
            )
            for c in curves
        ],
        x_values=ks,
        x_label="Attempt number",
        y_label="Chance of an answer",
    )


def _source_panel(c: dict, ks: list[int]) -> dict:
    """One source's curve: the model with its band, the raw share, and where it stops."""
    pts = c["points"]
    observed = [(p["k"], p["replied"] / p["tried"]) for p in pts if p["tried"]]
    # The marker sits between the last attempt made and the one declined.
    stops = [
        (
            min(max(s["tries"] + 0.5, ks[0]), ks[-1]),
            f"A {money(s['value'])} lead: "
            + ("not worth a try" if s["tries"] == 0 else f"stop {stop_text(s['tries'])}"),
            money_tick(s["value"]),
        )
        for s in c["stops"]
        if s["tries"] is not None and s["tries"] < ks[-1]
    ]
    model = svg.Series(
        "Estimate (likely range)",
        "model",
        [(p["k"], p["p"]) for p in pts],
        [f"Attempt {p['k']}: {pct(p['p'])} ({pct(p['lo'])}–{pct(p['hi'])})" for p in pts],
        band=[(p["k"], p["lo"], p["hi"]) for p in pts],
    )
    raw = svg.Series(
        "Raw share",
        "observed",
        observed,
        [f"Attempt {p['k']}: {p['replied']} of {p['tried']} answered" for p in pts if p["tried"]],
        dashed=True,
    )
    chart = svg.line_chart(
        f"reply-curve-{c['source']}",
        f"{c['label']}: reply chance by attempt",
        f"Fairchase's estimate with its likely range, the plain share who answered, and where the model stops "
        f"leads worth {money(500)}, {money(2000)} and {money(10000)}. {c['basis']}.",
        [model, raw],
        x_values=ks,
        x_label="Attempt number",
        y_label="Chance of an answer",
        markers=stops,
    )
    return {
        **c,
        "chart": chart,
        "stop_texts": [{**s, "text": stop_text(s["tries"])} for s in c["stops"]],
    }


def _complaint_chart(complaint: list[dict]):
    channel = complaint[0].get("channel", "email")
    return svg.line_chart(
        "complaint",
        f"Chance an {channel} ends in an opt-out or complaint",
        f"Learned risk of an {channel} by attempt number, for a spaced-out attempt and after two "
        "others this week (the counts are of attempts on every channel).",
        [
            svg.Series(
                "Spaced out",
                "complaint",
                [(r["k"], r["p"]) for r in complaint],
                [
                    f"Attempt {r['k']}, an {channel}: {pct(r['p'])} "
                    f"({r['opted_out']} of {r['tried']} attempts opted out)"
                    for r in complaint
                ],
            ),
            svg.Series(
                "After 2 this week",
                "complaint-crowded",
                [(r["k"], r["p_after_2_this_week"]) for r in complaint],
                dashed=True,
            ),
        ],
        x_values=[r["k"] for r in complaint] or [1, 10],
        x_label="Attempt number",
        y_label="Chance of an opt-out",
        y_format=lambda v: f"{v:.1%}",
    )


def _short_rule(row: dict) -> str:
    return {"actual": "You", "fairchase": "FC"}.get(
        row.get("kind"), str(row.get("n") or row["label"])
    )


def whatif_section(backtest: dict, source: str = "") -> dict:
    """The backtest (of one source's leads when `source` names one it has) as a chart of
    profit against what you did, plus its rows and the one-line answer per source."""
    groups = backtest.get("by_source") or {}
    source = source if source in groups else ""
    shown = groups[source] if source else backtest
    rows = shown.get("rows") or []
    # The line under the table says what the answer line of the same leads says.
    if source:
        verdict = next((a for a in backtest.get("answers") or [] if a["source"] == source), None)
    else:
        verdict = backtest.get("verdict")
    # ... and what the table's own "Fairchase's plan" row says against what you did.
    plan_verdict = shown.get("plan_verdict")
    return {
        **shown,
        "note": backtest.get("note", ""),
        "error": backtest.get("error"),
        "chart": _whatif_chart(rows),
        "verdict": verdict,
        "plan_verdict": plan_verdict,
        "source": source,
        "source_text": source_label(source) if source else "",
        "sources": [{"source": name, "label": source_label(name)} for name in groups],
        "answers": backtest.get("answers") or [],
    }


def _whatif_chart(rows: list[dict]):
    if not rows:
        return None
    actual = next((r["profit"] for r in rows if r.get("kind") == "actual"), None) or 0.0
    # Every rule's profit lands within a few percent of the others, so the chart shows the
    # difference from what you actually did; the table beside it has the absolute numbers.
    return svg.bar_chart(
        "whatif",
        "Profit compared with what you did, under each stopping rule",
        "Replay of your finished leads, stopping after N attempts or where Fairchase would have stopped; "
        "bars show the profit gained or lost against your real history.",
        [_short_rule(r) for r in rows],
        [
            svg.Series(
                "Profit vs what you did",
                "profit",
                [(i, (r["profit"] or 0.0) - actual) for i, r in enumerate(rows)],
                [
                    f"{r['label']}: profit {money(r['profit'])} ({_signed(r['profit'] - actual)} vs what you did), "
                    f"{counted(r['wins_kept'] or 0, 'win')} kept, {money(r['value_lost'])} lost, "
                    f"{r['hours_saved'] or 0:.0f} h saved"
                    for r in rows
                ],
            )
        ],
        x_label="Stop after N tries (FC = Fairchase)",
        y_label="Profit change",
        y_format=_signed,
        tick_format=money_tick,
        highlight="FC",
    )


def _signed(v) -> str:
    return f"±{home().sign}0" if not v else f"+{money(v)}" if v > 0 else money(v)


def money_section(data: dict) -> dict:
    """Lead cost, selling time and value won per source and per attempt number."""
    costs = {c.source: float(c.cost_per_lead) for c in SourceCost.objects.all()}
    hourly, margin = data["hourly_cost"], data["margin"]
    rows = [_money_row(r, costs.get(r["source"], 0.0), hourly, margin) for r in data["sources"]]
    attempts = [{**a, "time_cost": a["hours"] * hourly} for a in data["attempts"] if a["attempts"]]
    return {
        "rows": rows,
        "chart": _money_by_source_chart(rows) if rows else None,
        "attempts": attempts,
        "attempt_chart": _money_by_attempt_chart(attempts) if attempts else None,
        "hourly_cost": hourly,
        "margin": margin,
    }


def _money_row(r: dict, cost_per_lead: float, hourly: float, margin: float) -> dict:
    lead_cost = cost_per_lead * r["n_leads"]
    time_cost = r["hours"] * hourly
    return {
        **r,
        "cost_per_lead": cost_per_lead,
        "lead_cost": lead_cost,
        "time_cost": time_cost,
        "cost_per_win": (lead_cost + time_cost) / r["won"] if r["won"] else None,
        "net": r["won_value"] * margin - lead_cost - time_cost,
        "return": r["won_value"] / lead_cost if lead_cost else None,
    }


def _money_by_source_chart(rows: list[dict]):
    return svg.bar_chart(
        "money-by-source",
        "What each source costs against what it won",
        "Per source: what its leads cost, the selling time spent on them (at your hourly cost), and value won.",
        [r["label"] for r in rows],
        [
            svg.Series("Lead cost", "lead-cost", [(i, r["lead_cost"]) for i, r in enumerate(rows)]),
            svg.Series(
                "Selling time",
                "time-cost",
                [(i, r["time_cost"]) for i, r in enumerate(rows)],
                [f"{r['label']}: {r['hours']:,.1f} h = {money(r['time_cost'])}" for r in rows],
            ),
            svg.Series(
                "Value won",
                "won-value",
                [(i, r["won_value"]) for i, r in enumerate(rows)],
                [
                    f"{r['label']}: {money(r['won_value'])} from {counted(r['won'], 'win')}"
                    for r in rows
                ],
            ),
        ],
        x_label="Source",
        y_label="Dollars",
        y_format=money,
        tick_format=money_tick,
    )


def _money_by_attempt_chart(attempts: list[dict]):
    return svg.bar_chart(
        "money-by-attempt",
        "Selling time by attempt number against the value it won",
        "For each attempt number: time spent on those attempts and value won from leads who first answered then.",
        [f"{a['k']}{'+' if a['k'] == 10 else ''}" for a in attempts],
        [
            svg.Series(
                "Selling time",
                "time-cost",
                [(i, a["time_cost"]) for i, a in enumerate(attempts)],
                [
                    f"Attempt {a['k']}: {a['hours']:,.1f} h on {counted(a['attempts'], 'attempt')} = {money(a['time_cost'])}"
                    for a in attempts
                ],
            ),
            svg.Series(
                "Value won",
                "won-value",
                [(i, a["won_value"]) for i, a in enumerate(attempts)],
                [
                    f"Attempt {a['k']}: {counted(a['first_replies'], 'first answer')}, {counted(a['won'], 'win')}, {money(a['won_value'])}"
                    for a in attempts
                ],
            ),
        ],
        x_label="Attempt number",
        y_label="Dollars",
        y_format=money,
        tick_format=money_tick,
    )


def speed_section(speed: dict) -> dict:
    """Speed to lead: how fast we first tried, and who answered by that speed."""
    buckets = speed["buckets"]
    labels = [b["label"] for b in buckets]
    dist = (
        svg.bar_chart(
            "speed-distribution",
            "How fast the first attempt followed the enquiry",
            "Number of finished leads by time from enquiry to our first attempt.",
            labels,
            [svg.Series("Leads", "leads", [(i, b["n"]) for i, b in enumerate(buckets)])],
            x_label="Time to first attempt",
            y_label="Leads",
        )
        if speed["n"]
        else None
    )
    rated = [(i, b) for i, b in enumerate(buckets) if b["n"]]
    rate = (
        svg.bar_chart(
            "speed-reply",
            "Share who ever answered, by speed of first attempt",
            "Reply rate of finished leads grouped by how quickly we first tried them.",
            labels,
            [
                svg.Series(
                    "Answered",
                    "reply-rate",
                    [(i, b["reply_rate"] or 0.0) for i, b in enumerate(buckets)],
                    [f"{b['label']}: {b['replied']} of {b['n']} answered" for b in buckets],
                )
            ],
            x_label="Time to first attempt",
            y_label="Answered",
            y_format=pct,
        )
        if rated
        else None
    )
    median = speed["median_minutes"]
    return {
        **speed,
        "distribution_chart": dist,
        "reply_chart": rate,
        "median_text": _duration(median),
    }


def _duration(minutes) -> str:
    if minutes is None:
        return "–"
    if minutes < 60:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} days"


def status_section(status: list[dict]) -> dict:
    """Where the leads ended up, as one stacked bar."""
    parts = [(r["status"], r["label"], r["n"]) for r in status if r["n"]]
    total = sum(r["n"] for r in status) or 1
    chart = (
        svg.share_bar(
            "status-share",
            "What became of the leads",
            "Share of leads in this view by where they ended up.",
            parts,
        )
        if parts
        else None
    )
    return {"rows": [{**r, "share": r["n"] / total} for r in status if r["n"]], "chart": chart}


def signals_section(learned: dict) -> dict:
    """Each signal's effect on the odds of an answer and of a win, with its band."""
    sigs = learned["signals"]

    def rows(kind):
        return [
            (
                s["label"] + ("" if s["n_leads"] else " (guess)"),
                s[kind].get("ratio", 1.0),
                s[kind].get("lo", 1.0),
                s[kind].get("hi", 1.0),
                f"{s['label']}: odds ×{s[kind].get('ratio', 1.0):.2f} (likely range ×{s[kind].get('lo', 1.0):.2f}–"
                f"×{s[kind].get('hi', 1.0):.2f}), {s['n_leads']} leads",
            )
            for s in sigs
        ]

    return {
        "rows": sigs,
        "reply_chart": svg.interval_chart(
            "signals-reply",
            "Which signals predicted an answer",
            "Effect of each signal on the odds of answering an attempt (1 = none).",
            rows("reply"),
            x_label="Odds of answering",
            series_key="reply",
        )
        if sigs
        else None,
        "win_chart": svg.interval_chart(
            "signals-win",
            "Which signals predicted a win",
            "Effect of each signal on the odds of winning once they answer (1 = none).",
            rows("win"),
            x_label="Odds of winning",
            series_key="win",
        )
        if sigs
        else None,
    }


def sections(data: dict, backtest: dict | None = None, source: str = "") -> dict:
    """Template context for every section (None where there is nothing to show yet);
    `backtest` is the what-if part, None while it is still being computed; `source` narrows
    the what-if to one source's leads."""
    learned = data.get("learned")
    return {
        "data": data,
        "reply": reply_section(learned) if learned else None,
        "whatif": whatif_section(backtest, source) if backtest and data["n_finished"] else None,
        "whatif_pending": backtest is None and data["n_finished"] > 0,
        "money": money_section(data),
        "speed": speed_section(data["speed"]),
        "status": status_section(data["status"]),
        "signals": signals_section(learned) if learned else None,
        "source_label": source_label,
    }
