"""Insights' complaint chart asks the core for the risk (lookahead.complaint_risk, at its
expected value) of the channel it names, instead of recomputing the formula without the
channel term: an email's risk is not a call's."""

from __future__ import annotations

import pytest

from fairchase.insights.charts import _complaint_chart
from fairchase.insights.learned import summary
from fairchase.policy import fit
from fairchase.policy.lookahead import complaint_risk
from fairchase.policy.priors import CHANNELS
from tests.policy.worlds import world


def test_each_row_is_the_cores_expected_risk_of_an_email():
    model = fit(world({"web_form": [0.1] * 6}, {"web_form": 2000}, p_opt=0.05))
    email = CHANNELS.index("email")
    rows = summary(model)["complaint_by_attempt"]
    for k, row in enumerate(rows):
        assert row["channel"] == "email"
        spaced = complaint_risk(model, model.pooled, k, 0, email, caution=0.0)
        crowded = complaint_risk(model, model.pooled, k, 2, email, caution=0.0)
        assert row["p"] == pytest.approx(float(spaced))
        assert row["p_after_2_this_week"] == pytest.approx(float(crowded))
    call = complaint_risk(model, model.pooled, 0, 0, CHANNELS.index("call"), caution=0.0)
    assert rows[0]["p"] != pytest.approx(float(call))


def test_the_chart_names_the_channel():
    rows = summary(fit([]))["complaint_by_attempt"]
    chart = str(_complaint_chart(rows))
    assert "Chance an email ends in an opt-out" in chart
