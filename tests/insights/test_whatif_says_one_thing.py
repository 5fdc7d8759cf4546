"""The what-if says one thing about the same leads: its answer line and the line under the
table agree, a loss is never 'most profitable', a difference smaller than one sale is 'no
clear difference', and the page says why the replay and Fairchase's plan differ."""

import pytest

from fairchase.insights.charts import stop_text
from fairchase.insights.whatif import MIN_LEADS, answer, plan_answer

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
    assert stop_text(None) == "keeps trying past 20 tries"


def test_a_lead_past_the_horizon_is_said_with_the_horizon_the_stop_points_use():
    from fairchase.insights import numbers

    assert str(numbers.STOP_HORIZON) in stop_text(None)


def test_when_what_you_did_is_already_the_best_it_is_said_plainly_not_as_0_more():
    tie = answer("referral", _replay(10_000.0, [9_000.0, 10_000.2]), 1_500.0, margin=0.4)
    assert tie["kind"] == "same"
    assert "$0 more" not in tie["text"]
    assert tie["text"] == (
        "Referral leads: no clear difference between stopping rules and what you did "
        "(what you did is already the best of these rules: stopping after 2 tries made the same)."
    )
    less = answer("referral", _replay(10_000.0, [9_000.0, 9_800.0]), 1_500.0, margin=0.4)
    assert less["kind"] == "same"
    assert "what you did is already better than every one of these rules" in less["text"]
    assert "stop after 2 tries, made $200 less" in less["text"]
    more = answer("referral", _replay(10_000.0, [9_000.0, 10_300.0]), 1_500.0, margin=0.4)
    assert "(the best, stop after 2 tries, made $300 more: within" in more["text"]


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


def _with_plan(actual: float, plan: float, wins: int, plan_wins: int, leads: int = 100) -> dict:
    rows = [
        {"kind": "actual", "n": None, "profit": actual, "wins_kept": wins},
        {"kind": "stop_after", "n": 1, "profit": actual - 50.0, "wins_kept": wins},
        {"kind": "fairchase", "n": None, "profit": plan, "wins_kept": plan_wins},
    ]
    return {"rows": rows, "leads": leads}


def test_fairchases_plan_doing_worse_than_what_you_did_is_said_with_its_figures():
    line = plan_answer(_with_plan(396_865.0, 390_305.0, 89, 88), 3_300.0)
    assert line["kind"] == "worse"
    assert line["text"] == (
        "Fairchase's plan: $6,560 less profit than what you did and kept 1 fewer win "
        "(88 of 89), more than the $3,300 of one typical sale at your margin that one lead "
        "more or less could swing."
    )
    assert "no clear difference" not in line["text"]


def test_fairchases_plan_is_no_clear_difference_only_within_one_typical_sale_said_with_its_amount():
    same = plan_answer(_with_plan(10_000.0, 9_700.0, 10, 10), 1_500.0, margin=0.4)
    assert same["kind"] == "same"
    assert "no clear difference from what you did ($300 less profit" in same["text"]
    assert "kept all 10 wins" in same["text"]
    assert "within the $600 of one typical sale at your margin" in same["text"]
    worse = plan_answer(_with_plan(10_000.0, 9_300.0, 10, 9), 1_500.0, margin=0.4)
    assert worse["kind"] == "worse" and "$700 less profit" in worse["text"]
    better = plan_answer(_with_plan(10_000.0, 10_900.0, 10, 10), 1_500.0, margin=0.4)
    assert better["kind"] == "better" and better["text"].startswith(
        "Fairchase's plan: $900 more profit than what you did and kept all 10 wins"
    )
    assert plan_answer(_with_plan(1.0, 2.0, 1, 1, leads=MIN_LEADS - 1), 100.0) is None


def test_the_line_under_the_table_says_what_its_fairchase_row_shows(client, boss, history):
    from html import unescape

    from fairchase.insights.charts import money
    from fairchase.insights.whatif import typical_value
    from fairchase.leads import planning
    from fairchase.leads.models import FINISHED_STATUSES, Lead

    client.force_login(boss)
    html = client.get("/insights/whatif/").content.decode()
    rows = {r["attrs"]["data-rule"]: r for r in table_rows(html, "whatif")}
    actual, plan = rows["What you did"], rows["Fairchase's plan"]
    gain = float(plan["cell"]["data-profit"]) - float(actual["cell"]["data-profit"])
    said = unescape(html.split('data-testid="whatif-plan"', 1)[1].split(">", 1)[1].split("</p>")[0])
    assert said.startswith("Fairchase's plan: ")
    assert f"{money(abs(gain))} {'more' if gain >= 0 else 'less'} profit than what you did" in said
    finished = planning.history_records(
        planning.with_history(Lead.objects.filter(status__in=FINISHED_STATUSES))
    )
    noise = typical_value(finished) * float(planning.policy_settings().get("margin", 1.0))
    assert f"{money(noise)} of one typical sale" in said
    assert ("no clear difference" in said) == (abs(gain) < noise)
    kept, of = (int(x) for x in plan["texts"][1].replace(",", "").split(" of "))
    assert (f"kept {of - kept} fewer win" in said) if kept < of else (f"kept all {of} wins" in said)
