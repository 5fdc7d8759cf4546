"""Insights fixtures: a small known history owned by Alice and Bob, and a clean cache."""

from html.parser import HTMLParser

import pytest


@pytest.fixture(autouse=True)
def _clean_cache():
    # Snapshots in the database roll back with each test; the in-process cache must too.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def history(alice, bob):
    """90 finished (and a few open) leads for Alice and Bob, written straight to the database."""
    from fairchase.insights.synthetic import write_history

    write_history(90, [alice, bob], seed=11, active_share=0.05)


class _Rows(HTMLParser):
    """Collects the rows of one `data-table` table: each row's attributes and its cells'."""

    def __init__(self, table: str):
        super().__init__()
        self.table, self.depth, self.rows, self.cell = table, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-table") == self.table:
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append({"attrs": attrs, "cells": []})
        elif self.depth and tag in ("td", "th") and self.rows:
            self.cell = {"attrs": attrs, "text": ""}
            self.rows[-1]["cells"].append(self.cell)
        elif self.cell is not None:
            self.cell["attrs"].update(attrs)  # data-* of spans inside a cell

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth = 0
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def table_rows(html: str, table: str) -> list[dict]:
    """Rows of the table with data-table=`table`, header rows excluded; each row's `attrs`
    plus `cell` (all its cells' data attributes merged) and `texts` (cell texts)."""
    parser = _Rows(table)
    parser.feed(html)
    out = []
    for row in parser.rows:
        if not row["cells"] or all(c["attrs"].get("scope") == "col" for c in row["cells"]):
            continue
        merged = {}
        for c in row["cells"]:
            merged.update(c["attrs"])
        out.append(
            {
                "attrs": row["attrs"],
                "cell": merged,
                "texts": [c["text"].strip() for c in row["cells"]],
            }
        )
    return out
