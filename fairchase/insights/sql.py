"""SQL helpers for Insights aggregates that the ORM cannot say portably."""

from __future__ import annotations

from django.db.models import FloatField, Func


class MinutesBetween(Func):
    """Minutes from `start` to `end`, computed in SQL (SQLite's julianday, else EXTRACT EPOCH)."""

    arity = 2
    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 1440.0)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_sql(self, compiler, connection, **extra):
        extra.setdefault("template", "(EXTRACT(EPOCH FROM (%(expressions)s)) / 60.0)")
        extra.setdefault("arg_joiner", " - ")
        return super().as_sql(compiler, connection, **extra)
