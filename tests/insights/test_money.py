"""Where time and money go: lead costs, value won, hours and speed to lead."""

import statistics
from decimal import Decimal

import pytest
from django.db.models import Sum

from fairchase.leads.models import FINISHED_STATUSES, Attempt, Lead

from .conftest import table_rows

pytestmark = pytest.mark.django_db


def test_cost_per_won_job_uses_the_lead_price_set_on_the_page(client, boss, history):
    client.force_login(boss)
    client.post("/insights/costs/", {"cost_web_form": "25", "cost_referral": "0"})
    html = client.get("/insights/").content.decode()
    rows = {r["attrs"]["data-source"]: r for r in table_rows(html, "sources")}
    web = Lead.objects.filter(source="web_form")
    lead_cost = 25 * web.count()
    assert float(rows["web_form"]["cell"]["data-lead-cost"]) == lead_cost
    won_value = web.filter(status="won").aggregate(v=Sum("won_value"))["v"] or Decimal(0)
    assert float(rows["web_form"]["cell"]["data-won-value"]) == pytest.approx(float(won_value))
    minutes = Attempt.objects.filter(lead__source="web_form").aggregate(m=Sum("minutes"))["m"]
    wins = web.filter(status="won").count()
    assert float(rows["web_form"]["cell"]["data-cost-per-win"]) == pytest.approx(
        (lead_cost + minutes / 60 * 50) / wins
    )


def test_selling_hours_are_counted_by_attempt_number(client, boss, history):
    client.force_login(boss)
    html = client.get("/insights/").content.decode()
    rows = table_rows(html, "attempts")
    firsts = Lead.objects.filter(attempt_count__gte=1).count()
    assert rows[0]["attrs"]["data-k"] == "1" and rows[0]["texts"][1] == f"{firsts:,}"
    assert sum(int(r["texts"][1].replace(",", "")) for r in rows) == Attempt.objects.count()


def test_speed_to_lead_median_is_over_finished_leads(client, boss, history):
    client.force_login(boss)
    html = client.get("/insights/").content.decode()
    delays = [
        (f - c).total_seconds() / 60
        for c, f in Lead.objects.filter(
            status__in=FINISHED_STATUSES, first_response_at__isnull=False
        ).values_list("created_at", "first_response_at")
    ]
    shown = float(html.split('data-median-minutes="', 1)[1].split('"', 1)[0])
    assert shown == pytest.approx(
        statistics.median(delays), abs=0.02
    )  # the database measures to the second
