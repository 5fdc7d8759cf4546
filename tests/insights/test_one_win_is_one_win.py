"""Insights count in words: "1 win", "1 attempt", "1 first answer", "kept the 1 win", never
"1 wins". One helper (`web.words.counted`, Django's ngettext) says every count."""

from __future__ import annotations

from fairchase.insights.charts import _money_by_attempt_chart, _money_by_source_chart, _whatif_chart
from fairchase.insights.whatif import plan_answer
from fairchase.web.words import counted


def _text(chart) -> str:
    return str(chart)


def test_a_count_of_one_is_singular_and_any_other_plural():
    assert [counted(n, "win") for n in (0, 1, 1.0, 2, 1200, 0.9999999)] == [
        "0 wins",
        "1 win",
        "1 win",
        "2 wins",
        "1,200 wins",
        "1 win",
    ]
    assert counted(2.5, "year") == "2.5 years" and counted(1, "first answer") == "1 first answer"


def test_the_charts_say_one_win(db):
    source = {"label": "Referral", "lead_cost": 0.0, "time_cost": 50.0, "hours": 1.0}
    text = _text(_money_by_source_chart([{**source, "won": 1, "won_value": 900.0}]))
    assert "from 1 win" in text and "1 wins" not in text
    attempt = {"k": 1, "hours": 0.1, "time_cost": 5.0, "won_value": 900.0}
    text = _text(
        _money_by_attempt_chart([{**attempt, "attempts": 1, "first_replies": 1, "won": 1}])
    )
    assert "on 1 attempt =" in text and "1 first answer," in text and ", 1 win," in text
    row = {"label": "Stop after 1", "kind": "stop_after", "n": 1, "profit": 10.0}
    rows = [{**row, "wins_kept": 1, "value_lost": 0.0, "hours_saved": 2.0}]
    assert "1 win kept" in _text(_whatif_chart(rows))


def test_fairchases_plan_keeps_the_one_win():
    rows = [
        {"kind": "actual", "n": None, "profit": 1000.0, "wins_kept": 1},
        {"kind": "fairchase", "n": None, "profit": 1000.0, "wins_kept": 1},
    ]
    line = plan_answer({"rows": rows, "leads": 100}, 500.0)
    assert "kept the 1 win" in line["text"]
