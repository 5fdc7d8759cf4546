"""A business picks the days it contacts people (eval31 #15: Saturday was always one, with no
setting, and a trades business may keep it free). Every day can be ticked or not, on Settings
and in /admin/; the decision core plans on the days ticked, and Today names the next one."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from fairchase import policy
from fairchase.leads.days import day_off
from fairchase.leads.models import BusinessSettings, Lead

from .test_an_unset_margin_is_said_until_someone_sets_it import _admin_form
from .test_settings import BUSINESS

UTC = ZoneInfo("UTC")
SATURDAY = datetime(2026, 12, 12, 10, tzinfo=UTC)


def test_settings_offer_every_day_and_saturday_can_be_kept_free(client, boss, alice, make_lead):
    client.force_login(boss)
    page = client.get("/settings/").content.decode()
    for day in range(7):
        assert f'name="contact_days" value="{day}"' in page  # Sunday too
    assert 'value="5" id="id_contact_days_5" checked' in page  # Saturday, by default
    lead = make_lead(alice)
    r = client.post("/settings/", {**BUSINESS, "contact_days": list("01234")}, follow=True)
    assert "1 active lead replanned" in r.content.decode()
    business = BusinessSettings.current()
    assert business.contact_days == "01234"
    assert policy.Settings.from_any(business.to_policy()).contact_days == (0, 1, 2, 3, 4)
    assert day_off(SATURDAY, business) == ("Saturday", "Monday")
    due = Lead.objects.get(pk=lead.pk).next_due.astimezone(ZoneInfo("Europe/London"))
    assert due.weekday() < 5  # the plan never puts a try on the day kept free


def test_a_sunday_can_be_a_contact_day(client, boss):
    client.force_login(boss)
    client.post("/settings/", {**BUSINESS, "contact_days": list("0123456")})
    assert day_off(SATURDAY + timedelta(days=1), BusinessSettings.current()) == ("", "")


def test_no_contact_day_at_all_is_refused_next_to_the_field(client, boss):
    client.force_login(boss)
    form = {k: v for k, v in BUSINESS.items() if k != "contact_days"}
    r = client.post("/settings/", form)
    assert "Tick at least one contact day." in r.content.decode()
    assert BusinessSettings.current().contact_days == "012345"


def test_the_admin_ticks_the_same_days(client, db):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(root)
    business = BusinessSettings.current()
    url = f"/admin/leads/businesssettings/{business.pk}/change/"
    assert 'name="contact_days" value="6"' in client.get(url).content.decode()
    client.post(url, _admin_form(business, contact_days=list("12345")))
    assert BusinessSettings.current().contact_days == "12345"
