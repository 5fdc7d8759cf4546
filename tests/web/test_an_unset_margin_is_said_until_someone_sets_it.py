"""The default margin is 100%: a fresh install counts every deal as all profit (eval20 #10).
Decisions are not changed behind anyone's back: Settings and the owner's Today say it plainly,
with a link, until a person saves the margin once."""

from __future__ import annotations

from fairchase.leads.models import BusinessSettings

from .test_settings import BUSINESS

SAID = "counts the whole deal as profit"


def test_a_fresh_install_tells_the_owner_on_today_with_a_link_to_the_margin(client, boss):
    client.force_login(boss)
    html = client.get("/").content.decode()
    assert SAID in html and 'href="/settings/#id_margin"' in html


def test_a_salesperson_is_not_asked_on_today(client, alice, boss):
    client.force_login(alice)
    assert SAID not in client.get("/").content.decode()


def test_settings_say_it_to_everyone_until_it_is_set(client, alice, boss):
    client.force_login(alice)
    html = client.get("/settings/").content.decode()
    assert SAID in html and "An owner can set it here." in html
    client.force_login(boss)
    html = client.get("/settings/").content.decode()
    assert SAID in html and 'href="#id_margin"' in html


def test_once_the_owner_saves_the_margin_nobody_is_told_again(client, alice, boss):
    client.force_login(boss)
    client.post("/settings/", {**BUSINESS, "margin": "100"})  # 100% on purpose is a choice
    assert BusinessSettings.current().margin_set
    assert SAID not in client.get("/").content.decode()
    assert SAID not in client.get("/settings/").content.decode()
    client.force_login(alice)
    assert SAID not in client.get("/settings/").content.decode()


def test_a_refused_form_does_not_count_as_set(client, boss):
    client.force_login(boss)
    client.post("/settings/", {**BUSINESS, "business_timezone": "Nowhere/Land"})
    assert not BusinessSettings.current().margin_set


def _admin_form(settings: BusinessSettings, **fields) -> dict:
    """What the admin's change form for the business settings posts, with `fields` over it."""
    data = {}
    for f in BusinessSettings._meta.concrete_fields:
        if f.primary_key:
            continue
        value = f.value_from_object(settings)
        if isinstance(value, bool):
            if value:
                data[f.name] = "on"
            continue
        if f.name == "contact_days":  # ticks: one value a day ("0" Monday ... "6" Sunday)
            data[f.name] = list(value)
            continue
        data[f.name] = "" if value is None else str(value)
    return {**data, **fields}


def test_a_margin_changed_in_admin_is_no_longer_said_to_be_100_percent(client, boss, db):
    from django.contrib.auth import get_user_model

    settings = BusinessSettings.current()
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(root)
    r = client.post(
        f"/admin/leads/businesssettings/{settings.pk}/change/", _admin_form(settings, margin="0.3")
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    assert BusinessSettings.current().margin == 0.3
    client.force_login(boss)
    assert SAID not in client.get("/").content.decode()
    assert SAID not in client.get("/settings/").content.decode()


def test_a_margin_other_than_100_percent_is_never_said_to_be_100_percent(client, boss):
    BusinessSettings.current()
    BusinessSettings.objects.update(margin=0.4)  # however it got there (a script, a shell)
    client.force_login(boss)
    assert SAID not in client.get("/").content.decode()
