"""A deal value someone typed is shown as typed on Today's card, "$41,000", never "≈ $41,000":
the "≈" once came from a style rule on every value (eval31 #13), exact or not."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders


def test_no_style_rule_puts_an_approximately_sign_before_a_value():
    css = open(finders.find("web/app.css"), encoding="utf-8").read()
    rules = re.findall(r"([^{}]*)\{([^}]*)\}", css)
    approximate = [sel.strip() for sel, body in rules if "≈" in body or "\\2248" in body]
    assert not [sel for sel in approximate if re.search(r"\.value\b", sel)]
