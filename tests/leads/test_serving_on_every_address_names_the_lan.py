"""`make run HOST=0.0.0.0` says the addresses to type on a phone (this computer's on its
network, not "0.0.0.0"), points links in emails at that address rather than localhost and
says how to set SITE_URL for customers; and a request naming a Host not in ALLOWED_HOSTS
is logged on one line, not a 15-line traceback each time."""

import logging
from io import StringIO

import pytest
from django.test import Client

from fairchase.leads.management.commands import serve


@pytest.fixture
def lan(monkeypatch):
    monkeypatch.setattr(serve, "lan_addresses", lambda: ["192.0.2.7"])


def _announced(addr: str, settings) -> str:
    settings.SITE_URL_SET = False
    out = StringIO()
    serve.Command(stdout=out)._announce(addr)
    return out.getvalue()


def test_every_address_is_announced_as_the_lan_address(db, lan, settings):
    said = _announced("0.0.0.0:8173", settings)
    assert "0.0.0.0" not in said
    assert "http://192.0.2.7:8173/" in said and "http://127.0.0.1:8173/" in said
    assert "ALLOWED_HOSTS" in said
    assert "Links in emails point to http://192.0.2.7:8173 " in said and "SITE_URL=" in said
    assert settings.SITE_URL == "http://192.0.2.7:8173"


def test_one_address_is_announced_as_it_is(db, lan, settings):
    said = _announced("127.0.0.1:8000", settings)
    assert "running at http://127.0.0.1:8000/" in said and "192.0.2.7" not in said
    assert "Links in emails point to http://127.0.0.1:8000 (set SITE_URL to change it)." in said


def test_the_lan_address_is_this_computers_own():
    for address in serve.lan_addresses():
        assert not address.startswith("127.") and address.count(".") == 3


def test_a_host_not_allowed_is_one_line_in_the_log(db, caplog):
    logger = logging.getLogger("django.security.DisallowedHost")
    with caplog.at_level(logging.ERROR, logger=logger.name):
        response = Client().get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    (record,) = [r for r in caplog.records if r.name == logger.name]
    assert record.exc_info  # Django logs it with its traceback: the handler leaves it out
    assert not logger.propagate  # not also to the root's console, traceback and all
    ours = [h for h in logger.handlers if type(h) is logging.StreamHandler]  # not pytest's
    (said,) = [h.format(record) for h in ours]
    assert "\n" not in said and "Invalid HTTP_HOST header: 'evil.example'" in said
