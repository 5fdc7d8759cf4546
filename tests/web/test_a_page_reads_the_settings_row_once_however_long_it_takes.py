"""A page reads the business's Settings row once and writes its numbers and amounts by it to
the end, however long it takes to render: a page's query count does not depend on the load
of the machine (the today page once ran one query more when it rendered for over a second,
the time `leads.home` keeps what it read outside a request)."""

from __future__ import annotations

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairchase.leads import home
from fairchase.leads.models import BusinessSettings


def test_a_page_that_renders_for_minutes_reads_the_settings_row_once(
    client, alice, make_lead, monkeypatch
):
    make_lead(alice, name="Ada Quinn")
    client.force_login(alice)
    client.get("/")
    # every look at the clock in `leads.home` is a minute later than the one before
    ticks = itertools.count(start=10**6, step=60)
    monkeypatch.setattr(home.time, "monotonic", lambda: float(next(ticks)))
    table = BusinessSettings._meta.db_table
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/").status_code == 200
    reads = [q["sql"] for q in seen.captured_queries if f'FROM "{table}"' in q["sql"]]
    assert len(reads) == 1, reads
