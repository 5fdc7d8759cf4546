"""The numbers on the Insights page are the model's and the backtest's, not just 'a page'."""

import pytest

from fairchase import policy
from fairchase.insights.learned import summary
from fairchase.leads import planning
from fairchase.leads.models import Lead
from fairchase.sim.backtest import backtest

from .conftest import table_rows

pytestmark = pytest.mark.django_db


def _page(client, user, url="/insights/"):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_reply_curves_are_the_fitted_models_summary(client, boss, history):
    html = _page(client, boss)
    settings = planning.policy_settings()
    model = policy.fit(planning.training_records(), settings)
    sources = summary(model)["sources"]
    checked = 0
    for source, learned in sources.items():
        if learned["n_leads"] == 0 and source != "all":
            # A source none of these leads came from would only show the articles' prior.
            assert f'data-source="{source}"' not in html
            continue
        start = html.index(f'data-table="curve" data-source="{source}"')
        rows = table_rows(html[html.rindex("<table", 0, start) :], "curve")[
            : len(learned["reply_curve"])
        ]
        for row, point in zip(rows, learned["reply_curve"], strict=True):
            assert int(row["attrs"]["data-k"]) == point["k"]
            assert float(row["cell"]["data-p"]) == pytest.approx(point["p"], rel=1e-9)
            assert int(row["cell"]["data-tried"]) == point["tried"]
            assert int(row["cell"]["data-replied"]) == point["replied"]
            checked += 1
    assert checked >= 10 * 6  # every source seen in the history, ten attempts each


def test_stop_points_are_where_the_model_stops_a_typical_lead(client, boss, history):
    html = _page(client, boss)
    settings = planning.policy_settings()
    model = policy.fit(planning.training_records(), settings)
    rows = {r["attrs"]["data-source"]: r for r in table_rows(html, "stops")}
    web = rows["web_form"]
    expected = policy.stop_attempt(model, "web_form", 2000, settings)
    # The table shows the tries made before the attempt the model declines.
    shown = html.split('data-source="web_form"', 1)[1].split(
        'data-stop-value="2000" data-stop-tries="', 1
    )[1]
    assert shown.split('"', 1)[0] == ("" if expected is None else str(expected - 1))
    assert web["texts"][1] == f"{summary(model)['sources']['web_form']['n_leads']:,}"


def test_what_if_rows_are_the_backtests(client, boss, history):
    html = _page(client, boss, "/insights/whatif/")
    result = backtest(planning.history_records(), settings=planning.policy_settings())
    expected = [result.actual, *result.rows, result.fairchase]
    rows = table_rows(html, "whatif")
    # In plain words: what you did, stop after 1..10, Fairchase's plan.
    labels = ["what you did"] + [e.label.lower() for e in expected[1:-1]] + ["fairchase's plan"]
    assert [r["texts"][0].lower() for r in rows] == labels
    for row, exp in zip(rows, expected, strict=True):
        assert float(row["cell"]["data-profit"]) == pytest.approx(exp.profit, rel=1e-9)
        assert float(row["cell"]["data-wins-kept"]) == exp.wins
        assert float(row["cell"]["data-value-lost"]) == pytest.approx(exp.lost_value)
        assert float(row["cell"]["data-hours-saved"]) == pytest.approx(exp.hours_saved)
    assert "replays real history" in html
    assert "cannot show what extra tries would have brought" in html


def test_signal_effects_are_the_models(client, boss, history):
    html = _page(client, boss)
    model = policy.fit(planning.training_records(), planning.policy_settings())
    signals = summary(model)["signals"]
    rows = {r["attrs"]["data-signal"]: r for r in table_rows(html, "signals")}
    assert set(rows) == set(signals)
    for name, sig in signals.items():
        assert float(rows[name]["cell"]["data-reply-odds"]) == pytest.approx(
            sig["reply_odds"]["ratio"], rel=1e-9
        )
        assert float(rows[name]["cell"]["data-win-odds"]) == pytest.approx(
            sig["win_odds"]["ratio"], rel=1e-9
        )
        assert rows[name]["texts"][1].split()[0] == f"{sig['n_leads']:,}"


def test_outcome_shares_count_every_lead_in_view(client, boss, history):
    html = _page(client, boss)
    rows = {r["attrs"]["data-status"]: r for r in table_rows(html, "status")}
    for status in ("won", "lost", "closed", "nurture"):
        assert rows[status]["texts"][1] == f"{Lead.objects.filter(status=status).count():,}"


def test_each_sources_answer_line_is_the_verdict_on_its_own_replay(client, boss, history):
    from math import floor, log10
    from statistics import median

    from fairchase.insights.charts import money
    from fairchase.insights.numbers import source_label

    client.force_login(boss)
    records = planning.history_records()
    settings = planning.policy_settings()
    html = client.get("/insights/whatif/").content.decode()
    answers = html.split('data-testid="whatif-answers"', 1)[1].split("</ul>", 1)[0]
    sources = sorted({r["source"] for r in records})
    assert sources and all(f'data-source="{s}"' in answers for s in sources)
    ruled = 0
    for source in sources:
        own = [r for r in records if r["source"] == source]
        result = backtest(own, settings=settings, with_fairchase=False)
        best_n, best = max(enumerate(result.rows, 1), key=lambda nr: (nr[1].profit, -nr[0]))
        line = answers.split(f'data-source="{source}"', 1)[1].split("</li>", 1)[0]
        label = source_label(source)
        if len(own) < 20:
            assert "too few" in line
            continue
        ruled += 1
        values = [float(r["value"]) for r in own if r.get("value")]
        typical = median(values)  # said to two significant figures: $1,530 -> $1,500
        typical = round(typical, 1 - floor(log10(typical)))
        gain = best.profit - result.actual.profit
        if best.profit <= 0:
            assert f"{label} leads: no stopping rule made money" in line
        elif abs(gain) < typical * float(settings.get("margin", 1.0)):
            assert f"{label} leads: no clear difference" in line
        elif gain > 0:
            assert f'data-stop-after="{best_n}"' in line
            assert f"{label} leads: stop after {best_n} tr" in line
            assert f"at {money(typical)}" in line
        else:
            assert f"{label} leads: keep trying as you did" in line
    assert ruled  # at least one source has enough finished leads for a verdict
    # Filtered to one source, the table is that source's replay.
    source = sources[0]
    html = client.get(f"/insights/whatif/?source={source}").content.decode()
    own = [r for r in records if r["source"] == source]
    result = backtest(own, settings=settings, with_fairchase=False)
    rows = table_rows(html, "whatif")
    assert [float(r["cell"]["data-profit"]) for r in rows[:11]] == pytest.approx(
        [result.actual.profit, *(r.profit for r in result.rows)]
    )
