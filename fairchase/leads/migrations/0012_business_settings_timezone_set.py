from django.db import migrations, models


def zone_changed_was_set(apps, schema_editor):
    """An install whose zone is not the default's UTC had it set by a person."""
    BusinessSettings = apps.get_model("leads", "BusinessSettings")
    BusinessSettings.objects.exclude(business_timezone="UTC").update(timezone_set=True)


class Migration(migrations.Migration):
    dependencies = [("leads", "0011_lead_zone_from_number_abroad")]

    operations = [
        migrations.AddField(
            model_name="businesssettings",
            name="timezone_set",
            field=models.BooleanField(
                default=False, help_text="A person has saved the business time zone."
            ),
        ),
        migrations.RunPython(zone_changed_was_set, migrations.RunPython.noop),
    ]
