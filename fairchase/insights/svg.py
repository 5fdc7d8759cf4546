"""Small server-side SVG charts: accessible, phone-readable, no JavaScript.

Every chart is an `<svg role="img">` with a `<title>` and `<desc>`, each series a
`<g data-series="...">` and each mark carries `data-mark` plus its own `<title>`
so hovering (or a screen reader) gives the exact number. Pages always show a
table beside the chart with the same numbers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# One colour per series wherever it is drawn: a source keeps its colour in every chart, and
# "All sources" has its own; side-by-side charts of the same series (selling time, value won)
# match. Keys are the series' `data-series` names.
SERIES_COLOURS = {
    # lead sources and every source together
    "referral": "#0072B2",
    "inbound_call": "#E69F00",
    "walk_in": "#009E73",
    "web_form": "#D55E00",
    "event": "#CC79A7",
    "cold_outreach": "#56B4E9",
    "purchased_list": "#F0E442",
    "all": "#000000",
    # money
    "lead-cost": "#CC79A7",
    "time-cost": "#D55E00",
    "won-value": "#009E73",
    "profit": "#0072B2",
    # one source's curve: the estimate and the raw share
    "model": "#0072B2",
    "observed": "#E69F00",
    # opt-out risk
    "complaint": "#D55E00",
    "complaint-crowded": "#CC79A7",
    # where leads ended up
    "won": "#009E73",
    "lost": "#D55E00",
    "closed": "#999999",
    "nurture": "#CC79A7",
    "revisit": "#E69F00",
    "opted_out": "#000000",
    "open": "#56B4E9",
    "engaged": "#0072B2",
}
# For series of no fixed colour (a source of your own): whichever of these the chart has not used.
SPARE = (*PALETTE, "#882255", "#44AA99", "#999933", "#661100", "#6699CC", "#888888")
W, H = 420, 250
PAD_L, PAD_R, PAD_T, PAD_B = 66, 12, 30, 38
FONT = 14

_ids = itertools.count(1)
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class Series:
    """One named series: points are (x, y) pairs; `hover` says each point in words."""

    name: str
    key: str
    points: list[tuple[float, float]]
    hover: list[str] = field(default_factory=list)
    band: list[tuple[float, float, float]] = field(default_factory=list)  # (x, lo, hi)
    dashed: bool = False


def colours(keys: Sequence[str]) -> list[str]:
    """Each series' colour: its own where it has one, else the first one unused in this chart."""
    taken = {SERIES_COLOURS[k] for k in keys if k in SERIES_COLOURS}
    spare = (c for c in itertools.cycle(SPARE) if c not in taken)
    return [SERIES_COLOURS.get(k) or next(spare) for k in keys]


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _frame(chart: str, title: str, desc: str, body: list[str], height: int = H) -> SafeString:
    n = next(_ids)
    # Element ids from the chart's name (which may carry a lead source someone typed):
    # only letters, digits and dashes, so an id can never close its attribute.
    slug = _NOT_ID.sub("-", chart)[:40]
    tid, did = f"chart-{slug}-{n}-t", f"chart-{slug}-{n}-d"
    return mark_safe(
        f'<svg class="chart" data-chart="{escape(chart)}" role="img" viewBox="0 0 {W} {height}" '
        f'aria-labelledby="{tid} {did}" preserveAspectRatio="xMidYMid meet" '
        f'font-size="{FONT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def nice_range(lo: float, hi: float, n: int = 5) -> tuple[float, float, float]:
    """(bottom, top, step): round axis limits around [lo, hi] with about n steps, 0 on a tick."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    raw = (hi - lo) / n if hi > lo else 1.0 / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step or step, step


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    count = int(round((hi - lo) / step))
    return [lo + i * step for i in range(count + 1)]


def _legend(names: Sequence[tuple[str, str]], y: int = 16) -> tuple[list[str], int]:
    """Legend swatches, wrapping onto more rows; returns (elements, extra height used)."""
    out, x, extra = [], PAD_L, 0
    for name, colour in names:
        step = 26 + 8.2 * len(name)
        if x + step > W and x > PAD_L:
            x, extra = PAD_L, extra + 18
        out.append(
            f'<rect x="{_f(x)}" y="{y - 10 + extra}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{_f(x + 16)}" y="{y + extra}">{escape(name)}</text>'
        )
        x += step
    return out, extra


def _tick_label(x: float, label: str, wrap: bool, bold: bool) -> str:
    """A category name under its bars; crowded axes get a smaller font and two lines."""
    weight = ' font-weight="bold"' if bold else ""
    if not wrap:
        return f'<text x="{_f(x)}" y="{H - PAD_B + 15}" text-anchor="middle"{weight}>{escape(label)}</text>'
    first, _, rest = label.partition(" ")
    second = f'<tspan x="{_f(x)}" dy="12">{escape(rest)}</tspan>' if rest else ""
    return (
        f'<text x="{_f(x)}" y="{H - PAD_B + 15}" text-anchor="middle" font-size="10.5"{weight}>'
        f'<tspan x="{_f(x)}">{escape(first)}</tspan>{second}</text>'
    )


def _axes(
    y_lo: float,
    y_hi: float,
    step: float,
    fmt: Callable[[float], str],
    y_of,
    x_label: str,
    y_label: str,
    label_y: float = H - 4,
) -> list[str]:
    out = ['<g class="axis" fill="#555" stroke="none">']
    for t in _ticks(y_lo, y_hi, step):
        y = y_of(t)
        out.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{_f(y)}" y2="{_f(y)}" stroke="#ddd"/>'
            f'<text x="{PAD_L - 4}" y="{_f(y + 4)}" text-anchor="end">{escape(fmt(t))}</text>'
        )
    out.append(
        f'<text x="{(PAD_L + W - PAD_R) / 2}" y="{_f(label_y)}" text-anchor="middle">{escape(x_label)}</text>'
    )
    # x = 16: the turned label's full line height stays inside the chart.
    out.append(
        f'<text x="16" y="{(PAD_T + H - PAD_B) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {(PAD_T + H - PAD_B) / 2})">{escape(y_label)}</text></g>'
    )
    return out


def compact_money(v: float, currency: str = "$") -> str:
    """Axis-tick amounts: $0, $250, $12.5k, $1.2M (`currency`: the sign, '€')."""
    sign, v = ("-" if v < 0 else ""), abs(v)
    if v >= 1e6:
        return f"{sign}{currency}{v / 1e6:.3g}M"
    if v >= 1e3:
        return f"{sign}{currency}{v / 1e3:.3g}k"
    return f"{sign}{currency}{v:.3g}"


def line_chart(
    chart: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    *,
    x_values: Sequence[float],
    x_label: str,
    y_label: str,
    y_format: Callable[[float], str] = lambda v: f"{v:.0%}",
    y_max: float | None = None,
    markers: Sequence[tuple] = (),
) -> SafeString:
    """Lines with optional uncertainty bands, one circle per point, and vertical markers
    given as (x, hover text) or (x, hover text, short label drawn at the top)."""
    xs = list(x_values)
    _, top, step = nice_range(
        0.0,
        y_max
        or max(
            [y for s in series for _, y in s.points]
            + [hi for s in series for *_, hi in s.band]
            + [1e-9]
        ),
    )
    x0, x1 = min(xs), max(xs)

    def x_of(x):
        return PAD_L + (x - x0) / ((x1 - x0) or 1) * (W - PAD_L - PAD_R)

    def y_of(y):
        return H - PAD_B - min(y, top) / top * (H - PAD_T - PAD_B)

    palette = colours([s.key for s in series])
    body, extra = _legend([(s.name, palette[i]) for i, s in enumerate(series)])
    body.append(f'<g transform="translate(0 {extra})">')
    body += _axes(0, top, step, y_format, y_of, x_label, y_label)
    body.append(
        '<g class="xticks" fill="#555">'
        + "".join(
            f'<text x="{_f(x_of(x))}" y="{H - PAD_B + 15}" text-anchor="middle">{_f(x)}</text>'
            for x in xs
        )
        + "</g>"
    )
    body += _markers(markers, x_of)
    for i, s in enumerate(series):
        body += _line_series(s, palette[i], x_of, y_of, y_format)
    body.append("</g>")
    return _frame(chart, title, desc, body, height=H + extra)


def _markers(markers: Sequence[tuple], x_of) -> list[str]:
    """Dashed vertical lines at the markers' x, each with its hover text and short tag."""
    out: list[str] = []
    seen: dict[float, int] = {}
    for x, label, *short in markers:
        # Markers at the same x stack their short labels instead of overwriting each other.
        row = seen[x] = seen.get(x, -1) + 1
        # A tag that would run off the right edge sits on the left of its line instead.
        near_edge = short and x_of(x) + 3 + FONT * 0.6 * len(short[0]) > W - PAD_R
        where = (
            f'x="{_f(x_of(x) - 3)}" text-anchor="end"' if near_edge else f'x="{_f(x_of(x) + 3)}"'
        )
        tag = (
            (
                f'<text {where} y="{PAD_T + 10 + 13 * row}" font-size="11" fill="#444">'
                f"{escape(short[0])}</text>"
            )
            if short
            else ""
        )
        out.append(
            f'<g data-mark="stop" data-x="{_f(x)}"><title>{escape(label)}</title>'
            f'<line x1="{_f(x_of(x))}" x2="{_f(x_of(x))}" y1="{PAD_T}" y2="{H - PAD_B}" '
            f'stroke="#888" stroke-dasharray="4 3"/>{tag}</g>'
        )
    return out


def _line_series(s: Series, colour: str, x_of, y_of, y_format) -> list[str]:
    """One series of a line chart: its band, its line and a circle per point."""
    g = [f'<g data-series="{escape(s.key)}" fill="{colour}" stroke="{colour}">']
    if s.band:
        upper = " ".join(f"{_f(x_of(x))},{_f(y_of(hi))}" for x, _, hi in s.band)
        lower = " ".join(f"{_f(x_of(x))},{_f(y_of(lo))}" for x, lo, _ in reversed(s.band))
        g.append(
            f'<polygon data-mark="band" points="{upper} {lower}" opacity="0.18" stroke="none"/>'
        )
    if s.points:
        path = " ".join(f"{_f(x_of(x))},{_f(y_of(y))}" for x, y in s.points)
        dash = ' stroke-dasharray="5 4"' if s.dashed else ""
        g.append(f'<polyline points="{path}" fill="none" stroke-width="2"{dash}/>')
    for j, (x, y) in enumerate(s.points):
        hover = s.hover[j] if j < len(s.hover) else f"{_f(x)}: {y_format(y)}"
        g.append(
            f'<circle data-mark="point" data-x="{_f(x)}" data-y="{y:.6g}" cx="{_f(x_of(x))}" '
            f'cy="{_f(y_of(y))}" r="4"><title>{escape(hover)}</title></circle>'
        )
    g.append("</g>")
    return g


def bar_chart(
    chart: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    x_label: str,
    y_label: str,
    y_format: Callable[[float], str] = lambda v: f"{v:,.0f}",
    tick_format: Callable[[float], str] | None = None,
    highlight: str | None = None,
) -> SafeString:
    """Grouped vertical bars (series[i].points[j][1] is series i's value for category j); negatives allowed."""
    values = [y for s in series for _, y in s.points] or [0.0]
    bottom, top, step = nice_range(min(values), max(values))
    span = top - bottom

    def y_of(y):
        return H - PAD_B - (y - bottom) / span * (H - PAD_T - PAD_B)

    n_cat, n_ser = max(len(categories), 1), max(len(series), 1)
    slot = (W - PAD_L - PAD_R) / n_cat
    bar = slot * 0.8 / n_ser
    palette = colours([s.key for s in series])
    body, extra = _legend([(s.name, palette[i]) for i, s in enumerate(series)])
    wrap = len(categories) > 4 and any(" " in c for c in categories)
    below = 12 if wrap else 0  # room for two-line category names
    body.append(f'<g transform="translate(0 {extra})">')
    body += _axes(
        bottom, top, step, tick_format or y_format, y_of, x_label, y_label, label_y=H - 4 + below
    )
    body.append(
        '<g class="xticks" fill="#555">'
        + "".join(
            _tick_label(PAD_L + slot * (j + 0.5), c, wrap, c == highlight)
            for j, c in enumerate(categories)
        )
        + "</g>"
    )
    for i, s in enumerate(series):
        colour = palette[i]
        g = [f'<g data-series="{escape(s.key)}" fill="{colour}">']
        for j, (_, y) in enumerate(s.points):
            x = PAD_L + slot * j + slot * 0.1 + bar * i
            y_top, y_base = y_of(max(y, 0.0)), y_of(min(y, 0.0))
            hover = s.hover[j] if j < len(s.hover) else f"{categories[j]}: {y_format(y)}"
            g.append(
                f'<rect data-mark="bar" data-category="{escape(categories[j])}" data-y="{y:.6g}" '
                f'x="{_f(x)}" y="{_f(y_top)}" width="{_f(max(bar - 1, 1))}" '
                f'height="{_f(max(y_base - y_top, 0.5))}"><title>{escape(hover)}</title></rect>'
            )
        g.append("</g>")
        body += g
    if bottom < 0:
        body.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{_f(y_of(0))}" y2="{_f(y_of(0))}" stroke="#333"/>'
        )
    body.append("</g>")
    return _frame(chart, title, desc, body, height=H + extra + below)


def share_bar(
    chart: str, title: str, desc: str, parts: Sequence[tuple[str, str, int]]
) -> SafeString:
    """One stacked 100% bar with a wrapping legend below: parts are (key, label, count)."""
    total = sum(c for *_, c in parts) or 1
    left, width = 12, W - 24
    body, x = [], float(left)
    palette = colours([key for key, *_ in parts])
    for i, (key, label, count) in enumerate(parts):
        colour = palette[i]
        w = count / total * width
        hover = f"{label}: {count:,} leads ({count / total:.0%})"
        body.append(
            f'<g data-series="{escape(key)}" fill="{colour}"><rect data-mark="share" data-y="{count}" '
            f'x="{_f(x)}" y="8" width="{_f(w)}" height="30"><title>{escape(hover)}</title></rect></g>'
        )
        x += w
    lx, ly = left, 60
    for i, (_, label, count) in enumerate(parts):
        name = f"{label} {count / total:.0%}"
        step = 26 + 8.2 * len(name)
        if lx + step > W and lx > left:
            lx, ly = left, ly + 20
        body.append(
            f'<rect x="{_f(lx)}" y="{ly - 10}" width="12" height="12" fill="{palette[i]}"/>'
            f'<text x="{_f(lx + 16)}" y="{ly}">{escape(name)}</text>'
        )
        lx += step
    return _frame(chart, title, desc, body, height=ly + 12)


def interval_chart(
    chart: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, float, float, float, str]],
    *,
    x_label: str,
    series_key: str = "effect",
) -> SafeString:
    """Horizontal dot-and-whisker rows on a log scale: (label, estimate, lo, hi, hover); 1 = no effect."""
    height = PAD_T + 22 * max(len(rows), 1) + PAD_B
    vals = [v for _, e, lo, hi, _ in rows for v in (e, lo, hi) if v and v > 0] or [1.0]
    lo_x, hi_x = min(min(vals), 0.5), max(max(vals), 2.0)
    # Room for the longest label at the chart's font (about 0.55 em a character), so no
    # signal name is clipped on the left; the plot keeps at least 40% of the width.
    longest = max((len(label) for label, *_ in rows), default=10)
    left = int(min(W * 0.6, max(120, 12 + FONT * 0.55 * longest)))

    def x_of(v):
        v = min(max(v, lo_x), hi_x)
        return left + (math.log(v) - math.log(lo_x)) / (math.log(hi_x) - math.log(lo_x)) * (
            W - left - PAD_R
        )

    body = [
        f'<line x1="{_f(x_of(1))}" x2="{_f(x_of(1))}" y1="{PAD_T - 8}" y2="{height - PAD_B + 4}" stroke="#999"/>'
    ]
    for t in (0.25, 0.5, 1, 2, 4, 8):
        if lo_x <= t <= hi_x:
            body.append(
                f'<text x="{_f(x_of(t))}" y="{height - PAD_B + 18}" fill="#555" '
                f'text-anchor="middle">×{_f(t)}</text>'
            )
    body.append(
        f'<text x="{(left + W) / 2}" y="{height - 4}" fill="#555" text-anchor="middle">{escape(x_label)}</text>'
    )
    g = [f'<g data-series="{escape(series_key)}" fill="{PALETTE[0]}" stroke="{PALETTE[0]}">']
    for i, (label, est, lo, hi, hover) in enumerate(rows):
        y = PAD_T + 22 * i + 8
        g.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" fill="#222" stroke="none">{escape(label)}</text>'
            f'<g data-mark="effect" data-y="{est:.6g}"><title>{escape(hover)}</title>'
            f'<line x1="{_f(x_of(lo))}" x2="{_f(x_of(hi))}" y1="{y}" y2="{y}" stroke-width="2"/>'
            f'<circle cx="{_f(x_of(est))}" cy="{y}" r="5"/></g>'
        )
    g.append("</g>")
    return _frame(chart, title, desc, body + g, height=height)
