"""SQLite's plan for each query on the leads table a piece of code sends: the tests that an
agenda or a lookup reads through an index, never the whole book."""

from __future__ import annotations

from django.db import connection


def leads_plans(run) -> list[str]:
    """EXPLAIN QUERY PLAN of each query on the leads table that `run()` sends."""
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        run()
    plans = []
    with connection.cursor() as cur:
        for sql, params in seen:
            if "leads_lead" in sql:
                cur.execute("EXPLAIN QUERY PLAN " + sql, params)
                plans.append(" | ".join(str(row[-1]) for row in cur.fetchall()))
    return plans
