"""`GET /api/leads?updated_since=` at the edge of the calendar was a 500 (review25 M1): a
bare "0001-01-01" is 00:00 in the business's zone, the year 0 in UTC, and the database
filter's conversion overflowed. Such times answer 422 with the span allowed."""

from __future__ import annotations

import pytest

from fairchase.leads.models import BusinessSettings


@pytest.mark.parametrize(
    "since",
    [
        "0001-01-01",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31",
        "1899-12-31T23:59:59Z",
    ],
)
def test_a_time_at_the_calendars_edge_is_a_422(client, alice, token_for, since):
    business = BusinessSettings.current()
    business.business_timezone = "Europe/Berlin"
    business.save()
    answer = client.get("/api/leads", {"updated_since": since}, headers=token_for(alice))
    assert answer.status_code == 422, answer.content[:300]
    assert "updated_since" in str(answer.json()["detail"])


def test_a_time_in_the_span_is_read(client, alice, token_for, make_lead):
    make_lead(alice)
    answer = client.get("/api/leads", {"updated_since": "1900-01-02"}, headers=token_for(alice))
    assert answer.status_code == 200 and answer.json()["count"] == 1
