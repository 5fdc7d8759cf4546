from django.db import migrations, models


def margin_changed_was_set(apps, schema_editor):
    """An install whose margin is not the default's 100% had it set by a person."""
    BusinessSettings = apps.get_model("leads", "BusinessSettings")
    BusinessSettings.objects.exclude(margin=1.0).update(margin_set=True)


class Migration(migrations.Migration):
    dependencies = [("leads", "0007_commitment_channel_from_words")]

    operations = [
        migrations.AddField(
            model_name="businesssettings",
            name="margin_set",
            field=models.BooleanField(
                default=False, help_text="A person has saved the margin in Settings."
            ),
        ),
        migrations.RunPython(margin_changed_was_set, migrations.RunPython.noop),
    ]
