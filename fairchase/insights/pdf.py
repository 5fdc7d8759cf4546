"""The Insights report as a PDF, drawn by matplotlib from the same numbers as the page."""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from . import charts  # noqa: E402
from .svg import PALETTE, colours  # noqa: E402

# The page's series keys, so a series has the same colour in the report as on the page.
SERIES_KEYS = {
    "Lead cost": "lead-cost",
    "Selling time": "time-cost",
    "Value won": "won-value",
    "Profit": "profit",
}

A4 = (8.27, 11.69)


def _text_page(pdf, title: str, lines: list[str]) -> None:
    fig = plt.figure(figsize=A4)
    fig.text(0.08, 0.95, title, fontsize=18, weight="bold", va="top")
    y = 0.9
    for line in lines:
        for part in textwrap.wrap(line, 90) or [""]:
            fig.text(0.08, y, part, fontsize=10, va="top")
            y -= 0.022
        y -= 0.008
    pdf.savefig(fig)
    plt.close(fig)


def _reply_pages(pdf, learned: dict) -> None:
    curves = [c for c in learned["curves"] if c["points"]]
    for start in range(0, len(curves), 6):
        fig, axes = plt.subplots(3, 2, figsize=A4, sharey=True)
        fig.suptitle(
            "Chance a silent lead answers the next attempt (shaded: likely range; dots: share who answered)"
        )
        for ax, c in zip(axes.flat, curves[start : start + 6], strict=False):
            ks = [p["k"] for p in c["points"]]
            ax.fill_between(
                ks,
                [p["lo"] for p in c["points"]],
                [p["hi"] for p in c["points"]],
                color=PALETTE[0],
                alpha=0.2,
            )
            ax.plot(ks, [p["p"] for p in c["points"]], color=PALETTE[0], marker="o", ms=3)
            raw = [(p["k"], p["replied"] / p["tried"]) for p in c["points"] if p["tried"]]
            if raw:
                ax.plot(*zip(*raw, strict=True), ls="--", color=PALETTE[1], marker="s", ms=3)
            for s, style in zip(c["stops"], (":", "-.", "--"), strict=False):
                if s["k"]:
                    ax.axvline(
                        s["k"],
                        color="#666",
                        ls=style,
                        label=f"{charts.money(s['value'])}: stop after {s['k']}",
                    )
            ax.set_title(f"{c['label']} ({c['n_leads']} leads)", fontsize=10)
            ax.set_xlabel("Attempt")
            ax.legend(fontsize=7)
        for ax in list(axes.flat)[len(curves[start : start + 6]) :]:
            ax.axis("off")
        fig.tight_layout()
        pdf.savefig(fig)
        plt.close(fig)


def _bars(ax, labels, series, title, fmt=charts.money):
    width = 0.8 / max(len(series), 1)
    palette = colours([SERIES_KEYS.get(name, name) for name, _ in series])
    for i, (name, values) in enumerate(series):
        ax.bar(
            [j + i * width for j in range(len(labels))], values, width, label=name, color=palette[i]
        )
    ax.set_xticks(
        [j + width * (len(series) - 1) / 2 for j in range(len(labels))],
        labels,
        rotation=30,
        ha="right",
        fontsize=8,
    )
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt(v)))
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8)


def write_pdf(path: str, data: dict, backtest: dict | None, scope_text: str) -> None:
    """Write the report to `path`: the same sections as the page, one or two per page."""
    # Text is drawn as written: a source named "$x$ ads" or two amounts ("$1,200 ... $3,400")
    # in one label are not matplotlib math.
    with matplotlib.rc_context({"text.parse_math": False}), PdfPages(path) as pdf:
        intro = [
            scope_text,
            f"{data['n_finished']} finished leads, {data['n_leads']} leads in all.",
        ]
        if data.get("model"):
            intro.append(f"Reply curves and signals come from {data['model']}.")
        if backtest and backtest.get("note"):
            intro.append("What-if: " + backtest["note"])
        _text_page(pdf, "Fairchase insights", intro)
        if data.get("learned"):
            _reply_pages(pdf, data["learned"])
        money = charts.money_section(data)
        _whatif_and_money_page(pdf, (backtest or {}).get("rows") or [], money)
        _time_speed_status_page(pdf, data, money["attempts"])
        sigs = (data.get("learned") or {}).get("signals") or []
        if sigs:
            _signals_page(pdf, sigs)


def _whatif_and_money_page(pdf, rows: list[dict], money: dict) -> None:
    fig, (top, bottom) = plt.subplots(2, 1, figsize=A4)
    if rows:
        _bars(
            top,
            [r["label"] for r in rows],
            [("Profit", [r["profit"] or 0 for r in rows])],
            "What if: profit on your history under each stopping rule",
        )
    else:
        top.axis("off")
    if money["rows"]:
        _bars(
            bottom,
            [r["label"] for r in money["rows"]],
            [
                ("Lead cost", [r["lead_cost"] for r in money["rows"]]),
                ("Selling time", [r["time_cost"] for r in money["rows"]]),
                ("Value won", [r["won_value"] for r in money["rows"]]),
            ],
            "What each source cost and won",
        )
    fig.tight_layout()
    pdf.savefig(fig)
    plt.close(fig)


def _time_speed_status_page(pdf, data: dict, att: list[dict]) -> None:
    fig, axes = plt.subplots(3, 1, figsize=A4)
    if att:
        _bars(
            axes[0],
            [str(a["k"]) for a in att],
            [
                ("Selling time", [a["time_cost"] for a in att]),
                ("Value won", [a["won_value"] for a in att]),
            ],
            "Selling time by attempt number vs value won",
        )
    buckets = data["speed"]["buckets"]
    _bars(
        axes[1],
        [b["label"] for b in buckets],
        [("Answered", [b["reply_rate"] or 0 for b in buckets])],
        "Reply rate by speed of first attempt",
        fmt=charts.pct,
    )
    status = [r for r in data["status"] if r["n"]]
    if status:
        axes[2].barh([r["label"] for r in status], [r["n"] for r in status], color=PALETTE[0])
        axes[2].set_title("What became of the leads", fontsize=11)
    fig.tight_layout()
    pdf.savefig(fig)
    plt.close(fig)


def _signals_page(pdf, sigs: list[dict]) -> None:
    fig, axes = plt.subplots(1, 2, figsize=A4, sharey=True)
    for ax, kind, title in (
        (axes[0], "reply", "Odds of answering"),
        (axes[1], "win", "Odds of winning"),
    ):
        ys = range(len(sigs))
        est = [s[kind].get("ratio", 1) for s in sigs]
        lo = [e - s[kind].get("lo", e) for e, s in zip(est, sigs, strict=True)]
        hi = [s[kind].get("hi", e) - e for e, s in zip(est, sigs, strict=True)]
        ax.errorbar(est, ys, xerr=[lo, hi], fmt="o", color=PALETTE[0])
        ax.axvline(1, color="#999")
        ax.set_xscale("log")
        ax.set_yticks(list(ys), [f"{s['label']} ({s['n_leads']})" for s in sigs], fontsize=8)
        ax.set_title(title, fontsize=11)
    fig.suptitle("Which signals mattered (likely ranges; leads in brackets)")
    fig.tight_layout()
    pdf.savefig(fig)
    plt.close(fig)
