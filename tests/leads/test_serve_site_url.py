"""`fairchase serve --addr H:P` makes links in emails (unsubscribe, calendar) point to where
it serves, unless SITE_URL says otherwise."""

import socket

from fairchase.leads.management.commands.serve import lan_addresses, site_url_for


def test_links_follow_the_address_served():
    assert site_url_for("192.168.1.20:8080") == "http://192.168.1.20:8080"
    assert site_url_for("crm.example.com:80") == "http://crm.example.com:80"


def test_a_wildcard_address_is_named_by_this_machine():
    host = next(iter(lan_addresses()), None) or socket.getfqdn() or "localhost"
    assert site_url_for("0.0.0.0:8000") == f"http://{host}:8000"
