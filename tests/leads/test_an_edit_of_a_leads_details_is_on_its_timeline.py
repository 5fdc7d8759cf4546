"""A change of a lead's name, email, phone or value is a row on its timeline, saying from
what to what, who and through which door: the web's Edit, the API's PATCH, the admin's
change form and an import's update all come through `actions.update_lead`, which writes
it. Before, eval27 #5 changed Hal Hostile's email through each door and his timeline
showed nothing: the address that decides who gets the next message changed without a
trace. A form sends every field; only the ones that changed are said, and an edit that
changes nothing writes nothing. Through Django's test client and a real import."""

from __future__ import annotations

import io
import json

from django.contrib import admin

from fairchase.api.models import ApiToken
from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead, StatusChange

HAL = {
    "name": "Hal Hostile",
    "company": "",
    "email": "hal@example.com",
    "phone": "+13125550112",
    "timezone": "",
    "source": "referral",
    "value": "30000",
    "notes": "",
}


def _edits(lead: Lead) -> list[StatusChange]:
    return list(lead.status_changes.filter(reason__startswith="Edited"))


def _hal(make_lead, owner) -> Lead:
    return make_lead(owner, name=HAL["name"], email=HAL["email"], phone=HAL["phone"], value=30000)


def test_a_web_edit_says_what_changed_and_who_changed_it(client, alice, make_lead):
    hal = _hal(make_lead, alice)
    client.force_login(alice)
    new = {**HAL, "name": "Hal Hostile-Edited", "email": "hal.new@example.com", "value": "31000"}
    assert client.post(f"/leads/{hal.pk}/edit/", new).status_code == 302
    (row,) = _edits(hal)
    assert row.user == alice and row.old == row.new == hal.status
    assert row.reason == (
        "Edited (web): name Hal Hostile → Hal Hostile-Edited; "
        "email hal@example.com → hal.new@example.com; value 30,000 → 31,000"
    )
    page = client.get(f"/leads/{hal.pk}/").content.decode()
    assert "email hal@example.com → hal.new@example.com" in page and "(by Alice)" in page
    # the same form saved again, nothing changed: no second row
    assert client.post(f"/leads/{hal.pk}/edit/", new).status_code == 302
    assert len(_edits(hal)) == 1


def test_an_api_patch_says_what_changed(client, alice, make_lead):
    hal = _hal(make_lead, alice)
    _token, secret = ApiToken.issue(alice, "tests")
    r = client.patch(
        f"/api/leads/{hal.pk}",
        json.dumps({"value": 97000, "phone": "+1 312 555 0142"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 200, r.content
    (row,) = _edits(hal)
    assert row.user == alice
    assert row.reason == "Edited (API): phone +13125550112 → +13125550142; value 30,000 → 97,000"
    # the lead page writes the numbers as people read them
    assert "(312) 555-0112 → (312) 555-0142" in _page_of(hal, alice)


def _page_of(lead: Lead, user) -> str:
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c.get(f"/leads/{lead.pk}/").content.decode()


def test_an_admin_edit_says_what_changed(client, boss, make_lead):
    hal = _hal(make_lead, boss)
    client.force_login(boss)
    boss.is_staff = boss.is_superuser = True
    boss.save()
    form = admin.site._registry[Lead].get_form(None, hal)(instance=hal)
    data = {name: form[name].value() for name in form.fields}
    data = {k: "" if v is None else v for k, v in data.items()}
    data.pop("same_person", None)
    for related in ("attempts", "status_changes"):
        count = getattr(hal, related).count()
        data[f"{related}-TOTAL_FORMS"] = data[f"{related}-INITIAL_FORMS"] = count
        data[f"{related}-MIN_NUM_FORMS"], data[f"{related}-MAX_NUM_FORMS"] = 0, 1000
    data.update(name="Hal H.", email="hal.admin@example.com", value="32000")
    r = client.post(f"/admin/leads/lead/{hal.pk}/change/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    (row,) = _edits(hal)
    assert row.user == boss
    assert row.reason == (
        "Edited (admin): name Hal Hostile → Hal H.; "
        "email hal@example.com → hal.admin@example.com; value 30,000 → 32,000"
    )


def test_an_import_updating_a_lead_writes_one_row_naming_its_line(alice, make_lead):
    hal = make_lead(alice, name="Hal Hostile", email="hal@example.com", phone="", value=1000)
    text = "Name,Email,Phone,Company\nHal Hostile,hal@example.com,+13125550112,Hostile Inc\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="imp2.csv")
    assert report.updated == 1, json.dumps(report.as_dict())
    (row,) = _edits(hal)
    assert row.user is None
    assert row.reason == (
        "Edited (line 2 of the import of imp2.csv, by the command line): "
        "phone none → +13125550112; company none → Hostile Inc"
    )
    # imported again: nothing changes, nothing is written
    import_file(io.BytesIO(text.encode()), alice, filename="imp2.csv")
    assert len(_edits(hal)) == 1
