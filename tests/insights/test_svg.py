"""The chart helpers draw accessible SVG: a title, a description, one hoverable mark per number."""

from fairchase.insights import svg


def test_a_line_chart_has_a_title_a_description_and_a_titled_mark_per_point():
    chart = svg.line_chart(
        "demo",
        "Reply chance",
        "By attempt",
        [
            svg.Series(
                "Web form", "web_form", [(1, 0.3), (2, 0.1)], band=[(1, 0.2, 0.4), (2, 0.05, 0.2)]
            )
        ],
        x_values=[1, 2],
        x_label="Attempt",
        y_label="P",
        markers=[(1.5, "stop after 1 try")],
    )
    assert chart.startswith('<svg class="chart" data-chart="demo" role="img"')
    assert "<title id=" in chart and "<desc id=" in chart
    assert chart.count('data-mark="point"') == 2 and chart.count('data-mark="band"') == 1
    assert "<title>Attempt 1" not in chart and "<title>1: 30%</title>" in chart
    assert 'data-mark="stop"' in chart and "stop after 1 try" in chart


def test_bars_below_zero_hang_under_the_axis():
    chart = svg.bar_chart(
        "p",
        "Profit",
        "d",
        ["a", "b"],
        [svg.Series("Profit", "profit", [(0, 5.0), (1, -3.0)])],
        x_label="x",
        y_label="y",
    )
    assert chart.count('data-mark="bar"') == 2 and 'data-y="-3"' in chart


def test_labels_are_escaped():
    chart = svg.share_bar("s", "<script>", "d", [("won", "Won & <b>", 3)])
    assert "<script>" not in chart and "&lt;script&gt;" in chart and "Won &amp; &lt;b&gt;" in chart


def test_compact_money_keeps_axis_labels_short():
    assert [svg.compact_money(v) for v in (0, 250, 12500, 1_200_000, -5000)] == [
        "$0",
        "$250",
        "$12.5k",
        "$1.2M",
        "-$5k",
    ]


def test_axes_get_round_limits_with_zero_on_a_tick():
    assert svg.nice_range(0, 0.38) == (0.0, 0.4, 0.1)
    assert svg.nice_range(-55210, 1163) == (-60000, 20000, 20000)
    assert svg.nice_range(0, 0) == (0.0, 0.2, 0.2)


def test_a_hostile_chart_name_cannot_break_out_of_any_attribute():
    hostile = "\"><script>alert(1)</script>'><svg onload=alert(2)>"
    for chart in (
        svg.line_chart(
            f"reply-curve-{hostile}",
            hostile,
            hostile,
            [svg.Series(hostile, hostile, [(1, 0.3)])],
            x_values=[1],
            x_label=hostile,
            y_label=hostile,
            markers=[(1, hostile, hostile)],
        ),
        svg.bar_chart(
            hostile,
            hostile,
            hostile,
            [hostile],
            [svg.Series(hostile, hostile, [(0, 1.0)])],
            x_label=hostile,
            y_label=hostile,
        ),
        svg.share_bar(hostile, hostile, hostile, [(hostile, hostile, 3)]),
        svg.interval_chart(
            hostile,
            hostile,
            hostile,
            [(hostile, 1.2, 0.8, 1.6, hostile)],
            x_label=hostile,
            series_key=hostile,
        ),
    ):
        assert "<script" not in chart and "<svg onload" not in chart and "'>" not in chart
        assert chart.count("<svg") == 1
