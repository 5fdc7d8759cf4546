"""Plots (matplotlib, Agg): profit by policy and world, reply curves learned vs true, backtest."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers and in tests
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from fairchase.sim.backtest import Backtest  # noqa: E402
from fairchase.sim.metrics import Metrics, by_world  # noqa: E402
from fairchase.sim.oracle import true_reply_curve  # noqa: E402
from fairchase.sim.worlds import World  # noqa: E402

HIGHLIGHT = {"oracle": "#222222", "fairchase": "#d62728"}


def plot_profit(results: list[Metrics], path: str | Path) -> Path:
    """Grouped bars: each policy's profit as a share of the oracle's, per world."""
    table = by_world(results)
    worlds = list(table)
    policies = list(dict.fromkeys(m.policy for m in results))
    fig, ax = plt.subplots(figsize=(max(8, 1.9 * len(worlds) + 3), 5))
    width = 0.8 / max(len(policies), 1)
    cmap = plt.get_cmap("tab20")
    for j, p in enumerate(policies):
        ys = []
        for w in worlds:
            m, o = table[w].get(p), table[w].get("oracle")
            ys.append(
                m.expected_profit / o.expected_profit
                if m and o and o.expected_profit > 0
                else np.nan
            )
        xs = np.arange(len(worlds)) + (j - (len(policies) - 1) / 2) * width
        # Folk rules in muted tab20 shades (skipping its red pair, which is Fairchase's).
        ax.bar(
            xs,
            ys,
            width,
            label=p,
            color=HIGHLIGHT.get(p, cmap((j if j < 6 else j + 2) % 20)),
            edgecolor="black" if p in HIGHLIGHT else None,
        )
    ax.axhline(1.0, color="black", lw=0.8)
    ax.axhline(0.9, color="grey", lw=0.8, ls="--")
    ax.set_xticks(np.arange(len(worlds)), worlds, rotation=15)
    ax.set_ylabel("profit / oracle profit")
    ax.set_title("Profit by policy and world (oracle = 1; dashed: 0.95 target)")
    ax.legend(ncol=3, fontsize=8, loc="lower right")
    return _save(fig, path)


def empirical_curves(history: list[dict], attempts: int = 10) -> dict[str, np.ndarray]:
    """Per source, replied / tried among leads still silent at attempt k (from the history)."""
    counts: dict[str, np.ndarray] = {}
    for rec in history or []:
        c = counts.setdefault(rec["source"], np.zeros((2, attempts)))
        for k, a in enumerate((rec.get("attempts") or [])[:attempts]):
            if a["outcome"] == "bounced":
                continue
            c[0, k] += 1
            if a["outcome"] in ("replied", "talked"):
                c[1, k] += 1
                break
    return {s: np.where(c[0] > 0, c[1] / np.maximum(c[0], 1), np.nan) for s, c in counts.items()}


def plot_reply_curves(
    world: World, history: list[dict] | None, path: str | Path, attempts: int = 10
) -> Path:
    """Reply rate by attempt number per source: the world's truth vs the history's counts."""
    empirical = empirical_curves(history or [], attempts)
    n = len(world.sources)
    cols = min(n, 3)
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.3 * rows), squeeze=False)
    ks = np.arange(1, attempts + 1)
    for ax, src in zip(axes.flat, world.sources, strict=False):
        ax.plot(
            ks,
            true_reply_curve(world, src.name, attempts),
            "k-",
            lw=2,
            label="true (calls 3 days apart)",
        )
        if src.name in empirical:
            ax.plot(ks, empirical[src.name], "o", ms=3, color="grey", label="history (all leads)")
        ax.set_title(src.name)
        ax.set_xlabel("attempt")
        ax.set_ylim(bottom=0)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    axes.flat[0].set_ylabel("P(answer | silent so far)")
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(f"{world.name} ({world.kind}): reply rate by attempt")
    return _save(fig, path)


def plot_backtest(bt: Backtest, path: str | Path) -> Path:
    """Profit and kept wins if we had stopped after N attempts, with actual and Fairchase marked."""
    ns = np.arange(1, len(bt.rows) + 1)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
    for ax, key, label in ((a1, "profit", "profit"), (a2, "wins", "wins kept")):
        ax.plot(ns, [getattr(r, key) for r in bt.rows], "o-", label="stop after N")
        if bt.actual:
            ax.axhline(
                getattr(bt.actual, key), color="grey", ls="--", label="actual (all attempts)"
            )
        if bt.fairchase:
            ax.axhline(getattr(bt.fairchase, key), color="#d62728", lw=2, label=bt.fairchase.label)
        ax.set_xlabel("N (stop after N unanswered attempts)")
        ax.set_ylabel(label)
        ax.set_xticks(ns)
    a1.legend(fontsize=8)
    fig.suptitle(f"Backtest on {bt.leads:,} real leads (stopping rules only)")
    return _save(fig, path)


def _save(fig, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
