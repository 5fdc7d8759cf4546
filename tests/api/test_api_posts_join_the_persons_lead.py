"""`POST /api/leads` for someone who already has an active lead joins that lead, as a web
form's enquiry does (same email, or same phone under a matching name): no second record
of the person, chased beside the first (whose "no" would not reach it). Through real
HTTP requests with Bearer tokens."""

from __future__ import annotations

from datetime import UTC, datetime

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.planning import reachable_channels


def _post(client, headers, **body):
    return client.post("/api/leads", body, content_type="application/json", headers=headers)


def test_the_same_person_posted_twice_joins_the_first_lead_and_says_so(client, alice, token_for):
    h = token_for(alice)
    first = _post(client, h, name="Ann Lee", email="ann@lee.example", notes="Roof quote?")
    assert first.status_code == 201, first.content
    assert first.json()["joined"] is False
    lead = Lead.objects.get(pk=first.json()["id"])
    actions.log_attempt(lead, "call", "no_answer", at=lead.created_at)  # not before it came in

    again = _post(
        client,
        h,
        name="Ann Lee",
        email=" ANN@Lee.Example ",
        phone="212 555 0101",
        notes="Still keen, call after 5",
    )
    assert again.status_code == 200, again.content
    body = again.json()
    assert body["joined"] is True and body["id"] == lead.pk
    assert Lead.objects.count() == 1
    lead.refresh_from_db()
    assert lead.phone == "+12125550101"  # the address it lacked is added
    assert lead.notes.endswith("New enquiry through the API:\nStill keen, call after 5")
    assert lead.notes.startswith("Roof quote?")
    change = lead.status_changes.order_by("-pk").first()
    assert change.reason == "New enquiry through the API" and change.new == Status.ENGAGED
    # replanned: after our silent try it is their answer, the lead is to be contacted
    assert lead.attempts.get().outcome == "replied"
    assert body["status"] == "engaged" and body["next_action"] == lead.next_action == "contact"
    # a client retrying the same post gets the same answer and adds nothing
    retry = _post(
        client,
        h,
        name="Ann Lee",
        email="ann@lee.example",
        phone="212 555 0101",
        notes="Still keen, call after 5",
    )
    assert retry.status_code == 200 and retry.json()["id"] == lead.pk
    lead.refresh_from_db()
    assert lead.notes.count("Still keen") == 1


def test_a_shared_phone_joins_only_under_a_matching_name(client, alice, make_lead, token_for):
    h = token_for(alice)
    ann = make_lead(alice, name="Ann Lee", email="", phone="+12125550140")
    same = _post(client, h, name="ann  LEE", phone="(212) 555-0140", notes="Me again")
    assert same.status_code == 200 and same.json() == {**same.json(), "id": ann.pk}
    switchboard = _post(client, h, name="Carl Diaz", phone="+1 212 555 0140")
    assert switchboard.status_code == 201 and switchboard.json()["joined"] is False
    assert Lead.objects.filter(phone="+12125550140").count() == 2


def test_a_person_who_opted_out_gets_no_chased_lead_through_the_api(
    client, alice, make_lead, token_for
):
    gone = make_lead(alice, name="Dee Park", email="dee@park.example", phone="+12125550150")
    actions.opt_out(gone)
    r = _post(client, token_for(alice), name="Dee Park", email="dee@park.example")
    # as through a web form: not their opted-out record reopened, a new one that reaches nobody
    assert r.status_code == 201 and r.json()["joined"] is False
    new = Lead.objects.get(pk=r.json()["id"])
    assert new.pk != gone.pk and Lead.objects.get(pk=gone.pk).status == Status.OPTED_OUT
    assert reachable_channels(new) == [] and new.next_action != "contact", new.plan_reason
    # a record added later with another address of theirs: that address is blocked too
    r = _post(client, token_for(alice), name="Dee Park", phone="+12125550150", email="d@x.example")
    later = Lead.objects.get(pk=r.json()["id"])
    assert r.status_code == 201 and reachable_channels(later) == []
    assert Suppression.objects.filter(value="d@x.example").exists()


def test_a_teammates_lead_is_not_reopened_nor_given_the_posters_words(
    client, alice, bob, boss, make_lead, token_for, stop_clock
):
    """A salesperson's post is them adding a lead, not the person writing in: a teammate's
    lead of the person stays where it is on its owner's Today (no new enquiry, its plan
    untouched), and the notes join it under the poster's name, as the web's Add lead
    answers the same person (409, whose lead it is). The clock is stopped: a lead due now
    is due at a later now when replanned a moment later (within contact hours)."""
    stop_clock(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))  # a Monday, within contact hours
    alices = make_lead(alice, name="Eve Ray", email="eve@ray.example", company="Ray & Co")
    before = (alices.status, alices.next_due, alices.priority, alices.responded_at)
    changes = alices.status_changes.count()
    r = _post(client, token_for(bob), name="Eve Ray", email="eve@ray.example", notes="probe")
    assert r.status_code == 409, r.content
    assert r.json() == {
        "detail": "Eve Ray is already Alice's lead: not added. "
        "The notes you sent were added to that lead's notes.",
        "errors": [],
    }
    assert "Ray & Co" not in r.content.decode()
    assert Lead.objects.filter(email="eve@ray.example").count() == 1
    alices.refresh_from_db()
    assert alices.owner == alice
    assert (alices.status, alices.next_due, alices.priority, alices.responded_at) == before
    assert "New enquiry" not in alices.notes
    assert alices.notes.endswith("Notes added by Bob from the API:\nprobe")
    added = alices.status_changes.order_by("pk")[changes:]
    assert [c.reason for c in added] == [
        "Bob tried to add this person through the API: not added, already this lead; "
        "the notes they sent were added to its notes"
    ]
    assert all(c.old == c.new == before[0] for c in added)
    # its owner, and an admin (who may see every lead), join it as before
    for who in (alice, boss):
        again = _post(client, token_for(who), name="Eve Ray", email="eve@ray.example")
        assert again.status_code == 200 and again.json()["joined"] is True


def test_a_cold_list_contact_posted_again_leaves_the_active_lead_as_it_is(
    client, alice, make_lead, token_for
):
    lead = make_lead(alice, name="Fay Odo", email="fay@odo.example")
    before = lead.status
    r = _post(
        client, token_for(alice), name="Fay Odo", email="fay@odo.example", source="purchased_list"
    )
    assert r.status_code == 200 and r.json()["joined"] is True and r.json()["id"] == lead.pk
    lead.refresh_from_db()
    assert lead.status == before and "initiated_contact" not in lead.signals
    assert lead.status_changes.filter(reason__startswith="Posted again through the API").exists()
    assert Lead.objects.count() == 1
