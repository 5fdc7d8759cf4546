"""Lead.imported_at: when an import made the lead or added its past tries, so a first try
dated before it is not read as our response time. Leads of an earlier history import get
a time no earlier than its rows' dates and just after their first try (the import's own
time was not recorded): enough to say that try was the file's."""

from datetime import timedelta

from django.db import migrations, models
from django.db.models import Max

HISTORY = "Imported history"


def backfill(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    StatusChange = apps.get_model("leads", "StatusChange")
    latest = (
        StatusChange.objects.filter(reason__startswith=HISTORY)
        .values("lead_id")
        .annotate(at=Max("at"))
    )
    for row in latest.iterator():
        lead = Lead.objects.filter(pk=row["lead_id"], first_response_at__isnull=False).first()
        if lead is not None:
            after_first = lead.first_response_at + timedelta(seconds=1)
            Lead.objects.filter(pk=lead.pk).update(imported_at=max(row["at"], after_first))


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0015_business_home_region_and_currency"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="imported_at",
            field=models.DateTimeField(blank=True, help_text="When it was imported.", null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
