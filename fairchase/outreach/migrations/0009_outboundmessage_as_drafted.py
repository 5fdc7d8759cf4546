"""A message records whether its words are its template's as drafted (then worded again at
send time when the reader's day changed) or a person's. Messages already queued by the
automatic worker (no person, a template) were made as drafted."""

from django.db import migrations, models


def mark_automatic(apps, schema_editor):
    OutboundMessage = apps.get_model("outreach", "OutboundMessage")
    OutboundMessage.objects.filter(
        kind="lead", queued_by=None, template__isnull=False, state="queued"
    ).update(as_drafted=True)


class Migration(migrations.Migration):
    dependencies = [("outreach", "0008_call_day_in_after_call_templates")]
    operations = [
        migrations.AddField(
            model_name="outboundmessage",
            name="as_drafted",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_automatic, migrations.RunPython.noop),
    ]
