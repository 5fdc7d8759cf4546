"""`fairchase serve` on an address already in use says so and fails, instead of announcing
"running" while gunicorn gives up (and exits with status 0)."""

import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fairchase.leads.management.commands.serve import port_problem


def test_a_taken_port_is_an_error_before_anything_is_announced(db, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        addr = f"127.0.0.1:{taken.getsockname()[1]}"
        with pytest.raises(CommandError, match="already running there"):
            call_command("serve", addr=addr, no_worker=True)
    assert "is running" not in capsys.readouterr().out


def test_a_free_port_or_a_wrong_address_is_told_apart():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert port_problem(f"127.0.0.1:{port}") is None
    assert "not host:port" in port_problem("localhost")
