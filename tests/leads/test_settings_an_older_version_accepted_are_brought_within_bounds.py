"""Business settings an older version accepted (minutes per text 0.5, when only negatives were
refused) blocked saving any setting after the upgrade that bounded them, and nothing said so
until a save failed. The migration brings each within the bounds Settings keeps and says so on
Settings, until an owner saves them; a value within bounds is left as it was."""

from __future__ import annotations

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("leads", "0011_lead_zone_from_number_abroad")]
AFTER = [("leads", "0013_business_settings_within_bounds")]
SAID = (
    "Hourly cost of selling time was 20000, above the maximum 10000: set to 10000. "
    "Margin was 0%, below the minimum 0.01%: set to 0.01%. "
    "Weekly cap was 0, below the minimum 1: set to 1. "
    "Minutes per text was 0.5, below the minimum 1: set to 1."
)


def _as_shown(settings) -> dict[str, str]:
    """The business form as Settings fills it from what is stored, posted back unchanged."""
    from fairchase.web.settings_forms import BusinessSettingsForm

    form = BusinessSettingsForm(instance=settings)
    shown = {name: form[name].value() for name in form.fields}
    posted = {
        k: v if isinstance(v, list) else "" if v is None else str(v) for k, v in shown.items()
    }
    return {"form": "business", **posted}  # a list: the ticked contact days


@pytest.mark.django_db(transaction=True)
def test_values_an_older_version_accepted_are_brought_within_bounds_and_said(client, boss):
    from fairchase.leads.models import BusinessSettings

    apps = migrate(BEFORE)
    Old = apps.get_model("leads", "BusinessSettings")
    Old.objects.all().delete()
    Old.objects.create(
        minutes_text=0.5, margin=0.0, max_attempts_per_week=0, hourly_cost=20_000, minutes_call=6
    )
    try:
        migrate(AFTER)
        migrate_to_latest()  # the model of today reads the columns added since
        stored = BusinessSettings.current()
        assert (stored.minutes_text, stored.margin, stored.max_attempts_per_week) == (1, 0.0001, 1)
        assert (stored.hourly_cost, stored.minutes_call) == (10_000, 6)
        assert stored.corrected == SAID

        client.force_login(boss)
        page = client.get("/settings/").content.decode()
        assert 'id="settings-corrected"' in page and "Minutes per text was 0.5" in page
        client.post("/settings/", {**_as_shown(stored), "hourly_cost": "70"})
        saved = BusinessSettings.current()
        assert (saved.hourly_cost, saved.corrected) == (70, "")
        assert 'id="settings-corrected"' not in client.get("/settings/").content.decode()
    finally:  # the latest schema again, for the tests that follow
        migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_settings_within_bounds_are_left_and_nothing_is_said():
    from fairchase.leads.models import BusinessSettings

    apps = migrate(BEFORE)
    Old = apps.get_model("leads", "BusinessSettings")
    Old.objects.all().delete()
    Old.objects.create(minutes_text=1, margin=0.35, hourly_cost=65)
    try:
        migrate(AFTER)
        migrate_to_latest()  # the model of today reads the columns added since
        stored = BusinessSettings.current()
        assert (stored.minutes_text, stored.margin, stored.hourly_cost) == (1, 0.35, 65)
        assert stored.corrected == ""
    finally:
        migrate_to_latest()
