"""Beside the learned reply curves, Insights warns that chances learned from chases stopped on
a hunch come out too high at later attempts (eval26 finding 12: the yardstick's histories are
randomised, a business's are not)."""

from html import unescape

import pytest

from fairchase.leads import planning

pytestmark = pytest.mark.django_db


def test_the_reply_curves_say_a_hunch_inflates_the_later_attempts(client, boss, history):
    planning.refit()
    client.force_login(boss)
    html = unescape(client.get("/insights/").content.decode())
    curves = html.split('id="reply-curves"', 1)[1].split("</section>", 1)[0]
    assert "stopped on a hunch" in curves and "later attempts' chances come out higher" in curves
