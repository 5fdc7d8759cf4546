"""The URL walk (test_authorization) fills every id with Alice's lead; these URLs take the
id of something else of hers (a message, a reply, a capture form, an import, an API token).
Bob, another salesperson, gets a 404 for each and changes nothing; no list page of his
shows them."""

from __future__ import annotations

from fairchase.api.models import ApiToken
from fairchase.intake.models import CaptureForm, ImportJob
from fairchase.outreach.models import InboundMessage, OutboundMessage

MARK = "Zelda"


def test_bob_reaches_none_of_alices_messages_forms_imports_or_tokens(client, alice, bob, make_lead):
    lead = make_lead(alice, name="Zelda Quimby")
    msg = OutboundMessage.objects.create(
        lead=lead,
        channel="email",
        to=lead.email,
        subject=MARK,
        body="b",
        state="unknown",
        message_id="<zelda@example.org>",
    )
    reply = InboundMessage.objects.create(
        key="zelda-1", lead=lead, sender=lead.email, subject=MARK, text="yes", kind="unclear"
    )
    form = CaptureForm.objects.create(name=f"{MARK} form", owner=alice)
    job = ImportJob.objects.create(
        user=alice,
        owner=alice,
        filename="zelda.csv",
        data=b"name\nZelda Quimby\n",
        header=["name"],
        mapping=["name"],
    )
    token, _ = ApiToken.issue(alice, f"{MARK} token")
    client.force_login(bob)
    for method, url, data in [
        ("post", f"/o/outbox/{msg.pk}/settle/", {"decision": "cancel"}),
        ("post", f"/o/outbox/{msg.pk}/settle/", {"decision": "sent"}),
        ("post", f"/o/replies/{reply.pk}/correct/", {"kind": "interested"}),
        ("post", f"/in/forms/{form.pk}/", {"action": "rotate"}),
        ("post", f"/in/forms/{form.pk}/", {"action": "delete"}),
        ("post", f"/in/forms/{form.pk}/", {"owner": bob.pk, "thanks_url": "https://x.test"}),
        ("get", f"/in/import/{job.pk}/", {}),
        ("post", f"/in/import/{job.pk}/run/", {"action": "cancel"}),
        ("post", f"/in/import/{job.pk}/sheet/", {"sheet": "name"}),
        ("post", f"/api/tokens/{token.pk}/revoke/", {}),
    ]:
        assert getattr(client, method)(url, data).status_code == 404, url
    for url in ("/in/", "/o/outbox/", "/api/tokens/", "/", "/leads/", "/insights/"):
        assert MARK not in client.get(url).content.decode(), url
    msg.refresh_from_db()
    reply.refresh_from_db()
    form.refresh_from_db()
    token.refresh_from_db()
    assert (msg.state, reply.kind, form.owner, token.revoked_at) == (
        "unknown",
        "unclear",
        alice,
        None,
    )
    assert ImportJob.objects.filter(pk=job.pk).exists()
    # Alice herself reaches them (the test can fail)
    client.force_login(alice)
    assert client.get(f"/in/import/{job.pk}/").status_code == 200
    assert MARK in client.get("/o/outbox/").content.decode()
