"""The test database moved to an older schema and back, for the tests of a data migration."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Each app to its target in a plan of its own (Django runs a plan one way only);
    returns the historical apps of that state, to write rows as the older code did."""
    for target in targets:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """The latest schema again, for the tests that follow."""
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
