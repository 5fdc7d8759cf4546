"""In a real Chromium, Settings' business form sits in pairs (eval31 #15: "Contact hours from"
was in the right column and "until" on the next row at the left, and the labels of a row
were not level): what belongs together shares a row, each row's labels and inputs level."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

BOXES = """(names) => Object.fromEntries(names.map(n => {
  const input = document.querySelector(`#business-settings [name="${n}"]`);
  const label = document.querySelector(`#business-settings label[for="${input.id}"]`);
  return [n, {input: input.getBoundingClientRect().toJSON(),
              label: label.getBoundingClientRect().toJSON()}];
}))"""
PAIRS = [
    ("hourly_cost", "margin"),
    ("complaint_cost", "default_value"),
    ("contact_start", "contact_end"),
    ("daily_minutes", "max_attempts_per_week"),
    ("phone_region", "currency"),
    ("minutes_call", "minutes_email"),
    ("minutes_text", "minutes_visit"),
    ("business_name", "postal_address"),
]


def test_each_pair_shares_a_row_with_its_labels_and_inputs_level(
    page_for, transactional_db, screenshot_dir
):
    from tests.conftest import _user

    page = page_for(_user("owner", role="admin"))
    assert page.goto("/settings/").ok
    page.screenshot(path=screenshot_dir / "settings_pairs.png", full_page=True)
    boxes = page.evaluate(BOXES, [n for pair in PAIRS for n in pair])
    for left, right in PAIRS:
        a, b = boxes[left], boxes[right]
        assert a["input"]["x"] < b["input"]["x"], (left, right)  # side by side, left first
        assert abs(a["input"]["y"] - b["input"]["y"]) < 2, (left, right)
        assert abs(a["label"]["y"] - b["label"]["y"]) < 2, (left, right)
