"""The what-if says one thing about the same leads: its answer line and the line under the
table agree, a loss is never 'most profitable', a difference smaller than one sale is 'no
clear difference', and the page says why the replay and Fairchase's plan differ."""

import pytest

from fairchase.insights.charts import stop_text
from fairchase.insights.whatif import MIN_LEADS, answer

from .conftest import table_rows

pytestmark = pytest.mark.django_db


def _replay(actual: float, profits: list[float], leads: int = 100) -> dict:
    rows = [{"kind": "actual", "n": None, "profit": actual}]
    rows += [{"kind": "stop_after", "n": n, "profit": p} for n, p in enumerate(profits, 1)]
    return {"rows": rows, "leads": leads}


def test_a_rule_that_loses_money_is_never_called_profitable():
    line = answer("walk_in", _replay(-400.0, [-163.0, -200.0, -300.0]), 900.0)
    assert line["kind"] == "loss" and line["n"] is None
    assert line["text"].startswith("Walk-in leads: no stopping rule made money")
    assert "profit" not in line["text"]


def test_a_gain_smaller_than_one_typical_sale_is_no_clear_difference():
    line = answer("referral", _replay(10_000.0, [9_000.0, 10_003.0]), 1_500.0, margin=0.4)
    assert line["kind"] == "same" and line["n"] is None
    assert "no clear difference" in line["text"]
    clear = answer("referral", _replay(10_000.0, [9_000.0, 10_700.0]), 1_500.0, margin=0.4)
    assert clear["kind"] == "stop" and clear["n"] == 2
    assert clear["text"] == (
        "Referral leads: stop after 2 tries at $1,500 ($700 more profit than what you did)."
    )


def test_too_few_leads_name_no_rule():
    line = answer("walk_in", _replay(100.0, [5_000.0], leads=MIN_LEADS - 1), 900.0)
    assert line["kind"] == "few" and line["n"] is None
    assert "too few finished yet to say" in line["text"]


def test_zero_tries_reads_as_dont_try_not_never_stop():
    assert stop_text(0) == "don't try"
    assert stop_text(1) == "after 1 try"
    assert stop_text(None) == "keeps trying"


def _answer_line(html: str, source: str) -> str:
    answers = html.split('data-testid="whatif-answers"', 1)[1].split("</ul>", 1)[0]
    return answers.split(f'data-source="{source}"', 1)[1].split(">", 1)[1].split("</li>", 1)[0]


def _under_table(html: str) -> str:
    return html.split('data-testid="whatif-best"', 1)[1].split(">", 1)[1].split("</p>", 1)[0]


def test_filtered_to_one_source_the_line_under_the_table_is_that_sources_answer(
    client, boss, history
):
    from fairchase.leads.models import FINISHED_STATUSES, Lead

    client.force_login(boss)
    html = client.get("/insights/whatif/").content.decode()
    assert 'data-testid="whatif-vs-plan"' in html
    assert "what Fairchase plans for one typical lead" in html
    assert "most profitable rule" not in html
    counts = {}
    for s in Lead.objects.filter(status__in=FINISHED_STATUSES).values_list("source", flat=True):
        counts[s] = counts.get(s, 0) + 1
    assert any(n < MIN_LEADS for n in counts.values())  # a source too small to judge
    assert any(n >= MIN_LEADS for n in counts.values())
    for source in counts:
        page = client.get(f"/insights/whatif/?source={source}").content.decode()
        assert table_rows(page, "whatif")
        assert _under_table(page) == _answer_line(page, source)
    assert _under_table(html).startswith("All leads: ")
