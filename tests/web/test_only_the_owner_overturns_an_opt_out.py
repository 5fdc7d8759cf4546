"""Only the business's owner overturns an opt-out (eval35 finding 2): a salesperson alone
posted "They asked to hear from us again" on a customer who had unsubscribed through the
link in our email, the suppression was deleted and the plan emailed him again, the owner
neither asked nor told. Now a salesperson reads that the owner must do it and nothing
changes; the owner records it. A salesperson's own slip (Record opt-out on the wrong lead)
could be taken back only within 10 seconds, then only by recording a consent the person
never gave: the owner now takes it back as our mistake, on the timeline with who and why,
and never an opt-out that came from the person."""

from __future__ import annotations

from html import escape

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression

HOW = "He phoned on 3 March asking for a quote"


def _unsubscribed(make_lead, owner) -> Lead:
    """Ray Lind unsubscribed through the link in our email (no user of ours)."""
    ray = make_lead(owner, name="Ray Lind", email="ray@example.com", phone="+13125550148")
    return actions.opt_out(
        ray, channel="email", reason="Unsubscribed on the confirmation page", shown=("email",)
    )


def _renew(client, lead):
    return client.post(
        f"/leads/{lead.pk}/renew-consent/", {"note": HOW, "channels": ["email", "call"]}
    )


def _restore(client, lead):
    return client.post(f"/leads/{lead.pk}/restore-opt-out/", {"why": "pressed on the wrong lead"})


def test_a_salesperson_reads_that_the_owner_must_renew_and_nothing_changes(
    client, alice, make_lead
):
    ray = _unsubscribed(make_lead, alice)
    client.force_login(alice)
    page = client.get(f"/leads/{ray.pk}/").content.decode()
    assert f"/leads/{ray.pk}/renew-consent/" not in page
    assert escape(actions.OWNER_ONLY) in page
    r = _renew(client, ray)
    assert r.status_code == 200 and escape(actions.OWNER_ONLY) in r.content.decode()
    assert Lead.objects.get(pk=ray.pk).status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="ray@example.com", reason="opt-out").exists()


def test_the_owner_renews_it_on_the_record(client, alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice)
    client.force_login(boss)
    assert f"/leads/{ray.pk}/renew-consent/" in client.get(f"/leads/{ray.pk}/").content.decode()
    assert _renew(client, ray).status_code == 302
    assert Lead.objects.get(pk=ray.pk).status == Status.OPEN
    row = StatusChange.objects.filter(lead=ray, new=Status.OPEN).latest("pk")
    assert row.user == boss and row.reason.startswith(f"Asked to hear from us again: {HOW}")


def test_the_owner_takes_back_our_users_mistaken_opt_out_as_our_mistake(
    client, alice, boss, make_lead
):
    zoe = make_lead(alice, name="Zoe Nash", email="zoe@example.com", phone="+13125550105")
    again = make_lead(alice, name="Zoe Nash", email="zoe@example.com", phone="")
    client.force_login(alice)
    client.post(f"/leads/{zoe.pk}/opt-out/")
    assert Lead.objects.get(pk=again.pk).status == Status.OPTED_OUT  # followed to her other
    assert "restore-opt-out" not in client.get(f"/leads/{zoe.pk}/").content.decode()
    assert _restore(client, zoe).status_code == 200  # a salesperson: refused
    assert Lead.objects.get(pk=zoe.pk).status == Status.OPTED_OUT

    client.force_login(boss)
    assert "Take back the opt-out" in client.get(f"/leads/{zoe.pk}/").content.decode()
    assert _restore(client, zoe).status_code == 302
    for lead in (zoe, again):
        assert Lead.objects.get(pk=lead.pk).status == Status.OPEN
        row = StatusChange.objects.filter(lead=lead).latest("pk")
        assert row.user == boss
        assert row.reason == f"{actions.OUR_MISTAKE} by Alice: pressed on the wrong lead"
    assert not Suppression.objects.filter(value__in=["zoe@example.com", zoe.phone]).exists()


def test_no_mistake_restore_for_an_opt_out_that_came_from_the_person(
    client, alice, boss, make_lead
):
    ray = _unsubscribed(make_lead, alice)
    caller = make_lead(alice, name="Cal Ling", email="cal@example.com", phone="+13125550149")
    client.force_login(alice)
    client.post(f"/leads/{caller.pk}/log/", {"channel": "call", "outcome": "opted_out"})
    assert Lead.objects.get(pk=caller.pk).status == Status.OPTED_OUT
    client.force_login(boss)
    for lead in (ray, caller):
        assert "restore-opt-out" not in client.get(f"/leads/{lead.pk}/").content.decode()
        assert _restore(client, lead).status_code == 200
        assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
        assert actions.mistaken_opt_out(lead) is None
    assert Suppression.objects.filter(value="ray@example.com", reason="opt-out").exists()
