"""A salesperson's "Where Fairchase stops" is the model that plans their Today (the business's,
fitted on every owner's leads), not one fitted on their own leads; a date range, which asks
what those leads alone say, says plainly that its model is not the one planning Today."""

from html import unescape

import pytest

from fairchase import policy
from fairchase.insights.charts import stop_text
from fairchase.insights.learned import summary
from fairchase.insights.numbers import STOP_VALUES
from fairchase.leads import planning
from fairchase.leads.models import Lead

from .conftest import table_rows

pytestmark = pytest.mark.django_db


def _insights(client, user, url="/insights/") -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _model_line(html: str) -> str:
    return unescape(html.split('data-testid="insights-model">', 1)[1].split("</p>", 1)[0])


def test_a_salespersons_stops_are_where_the_model_planning_their_today_stops(
    client, bob, alice, history
):
    planning.refit()
    model, settings = planning.current_model(), planning.policy_settings()
    own = policy.fit(planning.training_records(Lead.objects.filter(owner=bob)), settings)
    html = _insights(client, bob)

    rows = {r["attrs"]["data-source"]: r for r in table_rows(html, "stops")}
    assert "web_form" in rows and "all" in rows
    differs = False
    for source, row in rows.items():
        for value, shown in zip(STOP_VALUES, row["texts"][2:], strict=True):
            k = policy.stop_attempt(model, source, value, settings)
            assert shown == stop_text(None if k is None else k - 1), (source, value)
            mine = policy.stop_attempt(own, source, value, settings)
            differs |= mine != k
        learned = summary(model)["sources"][source]["n_leads"]
        assert row["texts"][1] == f"{learned:,}"
    # Bob's own leads alone would stop somewhere else: the page is not showing them.
    assert differs

    # The curves are the same model's, counted over the business's leads.
    web = summary(model)["sources"]["web_form"]["reply_curve"][0]
    start = html.index('data-table="curve" data-source="web_form"')
    first = table_rows(html[html.rindex("<table", 0, start) :], "curve")[0]
    assert int(first["cell"]["data-tried"]) == web["tried"]
    assert web["tried"] > summary(own)["sources"]["web_form"]["reply_curve"][0]["tried"]

    said = _model_line(html)
    assert "the model that plans Today" in said
    assert f"fitted on the business's {summary(model)['n_leads']:,} leads" in said
    assert "every owner's, not only these" in said


def test_the_owner_sees_the_same_stops_for_the_business_and_for_one_salesperson(
    client, boss, bob, history
):
    planning.refit()
    everyone = table_rows(_insights(client, boss), "stops")
    bobs = table_rows(_insights(client, boss, f"/insights/?owner={bob.pk}"), "stops")
    assert everyone and [r["texts"] for r in bobs] == [r["texts"] for r in everyone]


def test_a_date_range_says_its_model_is_its_own_and_not_the_one_planning_today(
    client, boss, history
):
    planning.refit()
    first = Lead.objects.order_by("created_at").first().created_at.date()
    html = _insights(client, boss, f"/insights/?from={first.isoformat()}")
    said = _model_line(html)
    assert "leads that arrived in these dates alone" in said
    assert "Today is planned by the business's model" in said
    assert "the model that plans Today" not in said
