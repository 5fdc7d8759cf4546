"""An opt-out or a stop through the API names the door on the timeline, with or without a
reason, so an owner tells a script's from a person's (eval30 #4)."""

import json

from fairchase.leads.models import StatusChange


def post(client, headers, path, body):
    return client.post(
        "/api" + path, json.dumps(body), content_type="application/json", headers=headers
    )


def reasons(lead):
    return list(
        StatusChange.objects.filter(lead=lead).order_by("pk").values_list("reason", flat=True)
    )


def test_every_stop_and_opt_out_says_api(client, alice, make_lead, token_for):
    h = token_for(alice)
    said, silent, gone = (make_lead(alice, email=f"p{i}@example.com") for i in range(3))
    post(client, h, f"/leads/{said.pk}/opt-out", {"reason": "said no thanks by phone"})
    post(client, h, f"/leads/{silent.pk}/stop", {"next_state": "closed"})
    post(client, h, f"/leads/{gone.pk}/stop", {"next_state": "closed", "reason": "budget gone"})
    assert reasons(said)[-1] == "said no thanks by phone (API)"
    assert reasons(silent)[-1] == "Stopped chasing: closed (API)"
    assert reasons(gone)[-1] == "budget gone (API)"
