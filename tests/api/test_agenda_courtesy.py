"""The API's agenda drives a client's call and email buttons: it never returns an address
that asked not to be contacted (or bounced)."""

import json

from fairchase.leads import actions


def test_the_api_agenda_never_returns_a_blocked_address(client, alice, make_lead, token_for):
    # a shared number (a switchboard) whose other user opted out: blocked for everyone on it
    actions.opt_out(make_lead(alice, name="Someone Else", phone="+12125550188"))
    make_lead(alice, name="Half Blocked", email="hb@example.com", phone="+12125550188")
    body = client.get("/api/agenda", headers=token_for(alice)).json()
    rows = [r for part in ("new", "followups", "wings", "let_go") for r in body[part]]
    row = next(r for r in rows if r["name"] == "Half Blocked")
    assert (row["phone"], row["email"]) == ("", "hb@example.com")
    assert "+12125550188" not in json.dumps(body)
