"""Give a lead stored before numbers abroad gave their zone (79e1f06) the zone its number
says: a lead with no zone and a number whose prefix says exactly one zone abroad (+33 1:
Europe/Paris) was left on the business's contact hours. Each one filled says so on its
timeline (who changed its hours, and why, is otherwise nowhere) and is marked for a new plan
(`planned_at` cleared: the worker's `jobs.replan_stale` plans it on its next pass; `events`
counted, as every action's `_done` does, so a plan computed from the old zone before the
migration is not written over the new one: `planning.write_plans`).

A migration, once per database: a recurring step could not tell these leads from one whose
zone was cleared by hand since, which must stay cleared. It uses the historical models, so
it cannot call the actions (they use the models as they are today); it writes what they
would: the zone, a timeline row that changes no status (`actions.note_on_timeline`), the
plan to recompute."""

from zoneinfo import available_timezones

import phonenumbers
from django.conf import settings
from django.db import migrations
from django.db.models import F
from django.utils import timezone
from phonenumbers import timezone as pn_timezone

# The business's region, as `normalize.DEFAULT_REGION` reads it: its numbers say no zone.
REGION = settings.PHONE_REGION or "US"
NOTE = (
    "Time zone set to {zone} from its number {phone}, abroad: its contact hours are its own, "
    "not the business's (it was stored before a number abroad gave a lead its zone)."
)


def zone_of(phone: str, known: set[str]) -> str:
    """`normalize.zone_for_phone` as it reads today (a migration keeps its own copy): the
    one zone a number of another region says, else ""."""
    try:
        num = phonenumbers.parse(phone, REGION)
    except phonenumbers.NumberParseException:
        return ""
    if phonenumbers.region_code_for_number(num) == REGION:
        return ""
    zones = [z for z in pn_timezone.time_zones_for_number(num) if z in known]
    return zones[0] if len(zones) == 1 else ""


def fill(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    StatusChange = apps.get_model("leads", "StatusChange")
    known = available_timezones()
    found: dict[str, list[tuple[int, str, str]]] = {}
    rows = Lead.objects.filter(timezone="").exclude(phone="").values_list("pk", "phone", "status")
    for pk, phone, status in rows.iterator(chunk_size=2000):
        if zone := zone_of(phone, known):
            found.setdefault(zone, []).append((pk, phone, status))
    now = timezone.now()
    for zone, leads in found.items():
        for i in range(0, len(leads), 500):  # SQLite-sized batches
            batch = leads[i : i + 500]
            Lead.objects.filter(pk__in=[pk for pk, _, _ in batch], timezone="").update(
                timezone=zone, planned_at=None, events=F("events") + 1, updated_at=now
            )
            StatusChange.objects.bulk_create(
                StatusChange(
                    lead_id=pk,
                    old=status,
                    new=status,
                    at=now,
                    reason=NOTE.format(zone=zone, phone=phone),
                )
                for pk, phone, status in batch
            )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0010_lead_owner_status_covering"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
