"""Each number on the Settings page offers the bounds saving keeps: the weekly cap's input
said min="0" while the server refuses under 1 (leads/0005), so the browser let a person type
what the page then refused. Every bound is read from the model's validators."""

from __future__ import annotations

import re

from django.core.validators import MaxValueValidator, MinValueValidator

from fairchase.leads.models import BusinessSettings
from fairchase.web.settings_forms import BusinessSettingsForm


def _input(html: str, name: str) -> str:
    found = re.search(rf'<input [^>]*name="{name}"[^>]*>', html)
    assert found, name
    return found.group(0)


def _attr(tag: str, attr: str) -> float | None:
    found = re.search(rf'\s{attr}="([^"]*)"', tag)
    return float(found.group(1)) if found else None


def test_every_settings_input_says_the_models_bounds(client, boss):
    client.force_login(boss)
    html = client.get("/settings/").content.decode()
    assert _attr(_input(html, "max_attempts_per_week"), "min") == 1
    checked = 0
    for name in BusinessSettingsForm.Meta.fields:  # every setting the page edits
        field = BusinessSettings._meta.get_field(name)
        validators = field.validators
        lows = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
        highs = [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
        if field.name == "margin" or not (lows or highs):
            continue
        tag = _input(html, field.name)
        assert _attr(tag, "min") == (max(lows) if lows else None), tag
        assert _attr(tag, "max") == (min(highs) if highs else None), tag
        checked += 1
    assert checked == 9
    # the margin is typed as a percent: above 0, at most 100 (the form's own rule)
    margin = _input(html, "margin")
    assert (_attr(margin, "min"), _attr(margin, "max")) == (0.01, 100)
