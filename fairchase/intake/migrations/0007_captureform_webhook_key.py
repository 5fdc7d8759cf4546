"""Each capture form's JSON webhook gets a secret of its own, apart from the form's public
key (eval32 #1); existing forms each get a new random one (their integrators copy the new
webhook address from the Capture page)."""

from django.db import migrations, models

import fairchase.intake.models


def give_each_form_a_webhook_key(apps, schema_editor):
    CaptureForm = apps.get_model("intake", "CaptureForm")
    for form in CaptureForm.objects.all():
        form.webhook_key = fairchase.intake.models.new_form_key()
        form.save(update_fields=["webhook_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0006_background_job_moved_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="captureform",
            name="webhook_key",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.RunPython(give_each_form_a_webhook_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="captureform",
            name="webhook_key",
            field=models.CharField(
                default=fairchase.intake.models.new_form_key, max_length=40, unique=True
            ),
        ),
    ]
