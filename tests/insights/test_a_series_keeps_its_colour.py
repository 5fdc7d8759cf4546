"""One colour per series across every chart of the page: a source, "All sources", selling time
and value won keep their colour from chart to chart, and no two series of a chart share one."""

import re

import pytest

from fairchase.insights import svg

pytestmark = pytest.mark.django_db

CHART = re.compile(r'<svg class="chart" data-chart="([^"]+)".*?</svg>', re.S)
SERIES = re.compile(r'<g data-series="([^"]+)" fill="(#[0-9A-Fa-f]{6})"')


def _colours(html: str) -> dict[str, dict[str, str]]:
    """chart -> {series key: colour}."""
    return {m.group(1): dict(SERIES.findall(m.group(0))) for m in CHART.finditer(html)}


def test_every_series_has_one_colour_on_the_whole_page_and_charts_never_repeat_one(
    client, boss, history
):
    client.force_login(boss)
    html = client.get("/insights/").content.decode()
    html += client.get("/insights/whatif/").content.decode()
    charts = _colours(html)
    assert {"reply-overview", "money-by-source", "money-by-attempt", "whatif"} <= set(charts)
    seen: dict[str, str] = {}
    for chart, colours in charts.items():
        # Within a chart no two series look alike.
        assert len(set(colours.values())) == len(colours), chart
        for key, colour in colours.items():
            assert seen.setdefault(key, colour) == colour, (chart, key)
    overview = charts["reply-overview"]
    assert overview["web_form"] != overview["all"]
    assert len(overview) >= 7  # six sources and all of them together: none wraps round
    by_source, by_attempt = charts["money-by-source"], charts["money-by-attempt"]
    assert by_source["time-cost"] == by_attempt["time-cost"]
    assert by_source["won-value"] == by_attempt["won-value"]
    assert by_source["time-cost"] != by_source["won-value"]


def test_a_source_of_your_own_takes_a_colour_no_other_series_of_its_chart_has():
    keys = [*svg.SERIES_COLOURS][:8] + ["trade_show", "radio"]
    colours = svg.colours(keys)
    assert len(set(colours)) == len(keys)
    assert colours[:8] == [svg.SERIES_COLOURS[k] for k in keys[:8]]
    # The same key is drawn alike in another chart, whatever else is there.
    assert svg.colours(["all", "referral"]) == [
        svg.SERIES_COLOURS["all"],
        svg.SERIES_COLOURS["referral"],
    ]
