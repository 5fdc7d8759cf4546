"""An edit that makes a lead someone who said no opts it out, whatever the edit sends: the
check runs in `actions.update_lead` (every edit's one door) on the record as it is after
the edit (its name, email and phone), not only on the fields sent. Before, renaming a lead
through `PATCH /api/leads/<id>` to the name of the person who opted out on its own phone
left it open and planned an email for Monday. Through the API such an edit is refused
(409, nothing changed: a wrong paste must not opt a customer out for good) unless
`"same_person": true` confirms it; in the admin, unless "They are the same person" is
ticked (a form error, nothing saved). Through real HTTP requests."""

from __future__ import annotations

from django.contrib import admin

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status


def _eve_said_no(api) -> Lead:
    """Eve Ross posted (#734 in the report), then opted out."""
    r = api("POST", "/leads", {"name": "Eve Ross", "phone": "3125550144"})
    assert r.status_code == 201, r.content
    eve = Lead.objects.get(pk=r.json()["id"])
    assert api("POST", f"/leads/{eve.pk}/opt-out", {}).status_code == 200
    eve.refresh_from_db()
    assert eve.status == Status.OPTED_OUT
    return eve


def _a_stranger_on_her_phone(api) -> Lead:
    """Another name on Eve's phone (#735): someone else, left open."""
    body = {"name": "Eve Rss", "phone": "3125550144", "email": "eve.r@example.com"}
    r = api("POST", "/leads", body)
    assert r.status_code == 201 and r.json()["status"] == "open", r.content
    return Lead.objects.get(pk=r.json()["id"])


def _opted_out_naming(lead: Lead, eve: Lead) -> None:
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT, lead.get_status_display()
    row = lead.status_changes.order_by("-pk").first()
    assert row.new == Status.OPTED_OUT and f"Eve Ross (#{eve.pk})" in row.reason, row.reason
    assert lead.next_action != "contact"


def test_renaming_a_lead_to_the_person_who_said_no_on_its_phone_opts_it_out(api):
    eve = _eve_said_no(api)
    lead = _a_stranger_on_her_phone(api)
    r = api("PATCH", f"/leads/{lead.pk}", {"name": "Eve Ross", "same_person": True})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "opted_out" and r.json()["next_action"] != "contact"
    _opted_out_naming(lead, eve)


def test_giving_a_lead_an_email_someone_opted_out_with_opts_it_out(api):
    r = api("POST", "/leads", {"name": "Eve Ross", "email": "eve@ross.example"})
    eve = Lead.objects.get(pk=r.json()["id"])
    assert api("POST", f"/leads/{eve.pk}/opt-out", {}).status_code == 200
    other = api("POST", "/leads", {"name": "E. Ross", "phone": "3125550199"}).json()
    assert other["status"] == "open"
    r = api("PATCH", f"/leads/{other['id']}", {"email": "EVE@ross.example", "same_person": True})
    assert r.status_code == 200 and r.json()["status"] == "opted_out", r.content
    _opted_out_naming(Lead.objects.get(pk=other["id"]), eve)


def test_an_unconfirmed_edit_to_an_opted_out_email_answers_409_and_changes_nothing(api):
    r = api("POST", "/leads", {"name": "Eve Ross", "email": "eve@ross.example"})
    assert api("POST", f"/leads/{r.json()['id']}/opt-out", {}).status_code == 200
    bob = api("POST", "/leads", {"name": "Bob Stone", "phone": "3125550142"}).json()
    for body in (
        {"email": "eve@ross.example"},
        {"email": "eve@ross.example", "same_person": False},
    ):
        r = api("PATCH", f"/leads/{bob['id']}", {**body, "company": "Stone Ltd"})
        assert r.status_code == 409, r.content
        detail = r.json()["detail"]
        assert "eve@ross.example belongs to a person who asked not to be contacted" in detail
        assert detail.startswith("Not saved: ") and "; if saved, this lead would" in detail
        assert '"same_person": true' in detail and "Eve" not in detail.replace("eve@", "")
    lead = Lead.objects.get(pk=bob["id"])
    assert (lead.status, lead.email, lead.company) == (Status.OPEN, "", "")
    r = api("PATCH", f"/leads/{bob['id']}", {"email": "bob@stone.example", "same_person": True})
    assert r.status_code == 200 and r.json()["status"] == "open"  # nothing to confirm


def _admin_post(client, boss, lead: Lead, **changes):
    """Post the admin's change form of `lead` as shown, with `changes` typed in."""
    client.force_login(boss)
    boss.is_staff = boss.is_superuser = True
    boss.save()
    form = admin.site._registry[Lead].get_form(None, lead)(instance=lead)
    data = {name: form[name].value() for name in form.fields}
    data = {k: "" if v is None else v for k, v in data.items()}
    data.pop("same_person", None)  # an unticked box is not sent
    for related in ("attempts", "status_changes"):
        count = getattr(lead, related).count()
        data[f"{related}-TOTAL_FORMS"] = data[f"{related}-INITIAL_FORMS"] = count
        data[f"{related}-MIN_NUM_FORMS"], data[f"{related}-MAX_NUM_FORMS"] = 0, 1000
    return client.post(f"/admin/leads/lead/{lead.pk}/change/", {**data, **changes})


def test_renaming_a_lead_in_the_admin_is_refused_unless_they_are_the_same_person(api, client, boss):
    """The admin sends only the fields changed (here the name), as the API's PATCH may; as
    the web edit and the API, it asks before an edit opts a lead out for good."""
    eve = _eve_said_no(api)
    lead = _a_stranger_on_her_phone(api)
    r = _admin_post(client, boss, lead, name="Eve Ross")
    assert r.status_code == 200, r.status_code  # the form again, with its error
    page = r.content.decode()
    assert "belongs to a person who asked not to be contacted" in page
    assert "If this lead is that person, tick" in page
    lead.refresh_from_db()
    assert (lead.name, lead.status) == ("Eve Rss", Status.OPEN)
    r = _admin_post(client, boss, lead, name="Eve Ross", same_person="on")
    assert r.status_code == 302, r.content.decode()[:3000]
    _opted_out_naming(lead, eve)


def test_an_opted_out_email_typed_in_the_admin_is_refused_unless_confirmed(api, client, boss):
    r = api("POST", "/leads", {"name": "Eve Ross", "email": "eve@ross.example"})
    eve = Lead.objects.get(pk=r.json()["id"])
    assert api("POST", f"/leads/{eve.pk}/opt-out", {}).status_code == 200
    bob = Lead.objects.get(pk=api("POST", "/leads", {"name": "Bob Stone"}).json()["id"])
    r = _admin_post(client, boss, bob, email="EVE@ross.example", company="Stone Ltd")
    assert r.status_code == 200
    assert "eve@ross.example belongs to a person who asked not to be contacted" in (
        r.content.decode()
    )
    bob.refresh_from_db()
    assert (bob.status, bob.email, bob.company) == (Status.OPEN, "", "")  # nothing saved
    # an address nobody said no on is saved as before, the box unticked
    r = _admin_post(client, boss, bob, email="bob@stone.example", company="Stone Ltd")
    assert r.status_code == 302
    bob.refresh_from_db()
    assert (bob.status, bob.email, bob.company) == (Status.OPEN, "bob@stone.example", "Stone Ltd")


def test_renaming_a_lead_on_a_shared_phone_to_another_name_leaves_it_open(api):
    _eve_said_no(api)
    lead = _a_stranger_on_her_phone(api)
    actions.update_lead(lead, name="Carl Diaz", notes="Works at the same office")
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
