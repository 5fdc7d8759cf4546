"""`fairchase serve` prints the demo's login only when olivia's password is the demo's: a real
install with a staff member called Olivia is never told her password is `fairchase-demo`."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from fairchase.leads.demo import DEMO_PASSWORD
from fairchase.leads.management.commands.serve import Command


def _announced() -> str:
    out = io.StringIO()
    Command(stdout=out)._announce("127.0.0.1:8765")
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("password, told", [(DEMO_PASSWORD, True), ("her-own-secret", False)])
def test_the_demo_login_is_printed_only_for_the_demo(password, told, settings):
    settings.SITE_URL_SET = True
    get_user_model().objects.create_user("olivia", password=password)
    assert ("Demo login: olivia" in _announced()) is told
