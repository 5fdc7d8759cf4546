"""`Lead.kept_off`: the addresses a record never uses though nobody suppressed them (another
person's lead holds each, given to this record after its person said no:
`actions.keep_said_no`). `reach.kept_off` read them from the wording of the record's
timeline row (`reach.NOT_BLOCKED`: "(312) 555-0199 not blocked: it is Kim Vale's (#7), ..."),
which writes a number as the business read it then: a phone region changed since, and the
number no longer matched (review30 #4). This carries every such row over to the field, as
stored: an email as written, a number read back in its own region (a number is written
nationally only at home: the region of the record's number reads it), then the business's.
A number that no longer reads as any number of the record is left out: another number given
to the record since is what it reaches, and an edit back asks again (`keep_said_no`)."""

import phonenumbers
from django.db import migrations, models

# How the row starts after its address (`reach.NOT_BLOCKED`, as it was written).
NOT_BLOCKED_AT = " not blocked: it is "
STILL_OFF = "it is still not used for this lead"


def _e164(shown: str, phone: str, region: str) -> str:
    """The stored number `shown` writes, when it is the record's `phone`, else ""."""
    if shown == phone:
        return phone
    try:
        regions = [phonenumbers.region_code_for_number(phonenumbers.parse(phone))]
    except phonenumbers.NumberParseException:
        regions = []
    for r in [*regions, region or "US"]:
        try:
            num = phonenumbers.parse(shown, r)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164) == phone:
            return phone
    return ""


def carry_over(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    StatusChange = apps.get_model("leads", "StatusChange")
    Business = apps.get_model("leads", "BusinessSettings")
    region = Business.objects.order_by("pk").values_list("phone_region", flat=True).first()
    rows = StatusChange.objects.filter(reason__contains=NOT_BLOCKED_AT).filter(
        reason__contains=STILL_OFF
    )
    found: dict[int, list[str]] = {}
    for lead_id, reason in rows.order_by("pk").values_list("lead_id", "reason"):
        found.setdefault(lead_id, []).append(reason.split(NOT_BLOCKED_AT, 1)[0])
    for lead in Lead.objects.filter(pk__in=list(found)):
        kept = []
        for shown in found[lead.pk]:
            value = shown if "@" in shown else _e164(shown, lead.phone, region or "")
            if value and value not in kept:
                kept.append(value)
        if kept:
            Lead.objects.filter(pk=lead.pk).update(kept_off=kept)


class Migration(migrations.Migration):
    dependencies = [("leads", "0020_imported_leads_found_by_name")]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="kept_off",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
    ]
