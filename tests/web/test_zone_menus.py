"""The time-zone menus (add lead, edit lead, business settings) offer canonical Area/City
zones plus UTC, not the ~600 raw names ("Factory", "W-SU", "GB-Eire"); a legacy zone a lead or
the business already has is still shown selected and kept on save (an old name of the same
clock, US/Eastern, is saved under today's, America/New_York: normalize_timezone)."""

from __future__ import annotations

import re

from fairchase.leads.models import BusinessSettings, Lead

from .test_settings import BUSINESS

LEGACY = ("Factory", "W-SU", "GB-Eire", "US/Eastern", "Asia/Calcutta", "localtime")


def _options(html: str, name: str) -> list[str]:
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_add_lead_and_settings_menus_offer_only_canonical_zones(client, boss):
    client.force_login(boss)
    for url, field in (("/leads/new/", "timezone"), ("/settings/", "business_timezone")):
        offered = _options(client.get(url).content.decode(), field)
        assert "America/Chicago" in offered and "UTC" in offered and "Asia/Kolkata" in offered
        assert not set(LEGACY) & set(offered), url
        assert all("/" in z or z in ("", "UTC") for z in offered), url
        assert len(offered) < 450


def test_a_stored_legacy_zone_is_shown_and_kept_on_save(client, boss, make_lead):
    lead = make_lead(boss, name="Ann Old")
    # stored before the actions read zones as the doors do (they now save America/New_York)
    Lead.objects.filter(pk=lead.pk).update(timezone="US/Eastern")
    client.force_login(boss)
    html = client.get(f"/leads/{lead.pk}/edit/").content.decode()
    assert _options(html, "timezone").count("US/Eastern") == 1
    assert '<option value="US/Eastern" selected>' in html
    r = client.post(
        f"/leads/{lead.pk}/edit/",
        {
            "name": "Ann Old",
            "email": lead.email,
            "source": "referral",
            "timezone": "US/Eastern",
            "owner": boss.pk,
        },
    )
    assert r.status_code == 302
    lead.refresh_from_db()
    assert lead.timezone == "America/New_York"  # the same clock, under the name offered
    business = BusinessSettings.current()
    business.business_timezone = "GB-Eire"
    business.save()
    settings_html = client.get("/settings/").content.decode()
    assert '<option value="GB-Eire" selected>' in settings_html
    client.post("/settings/", {**BUSINESS, "business_timezone": "GB-Eire"})
    assert BusinessSettings.current().business_timezone == "GB-Eire"
