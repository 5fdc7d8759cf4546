"""The mailbox cursor keeps why the last polls could not read it (and since when), so Today
and the Outbox can say that replies and opt-outs are not being read."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0017_failed_messages_free_their_step"),
    ]

    operations = [
        migrations.AddField(
            model_name="mailboxcursor",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="mailboxcursor",
            name="failing_since",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="mailboxcursor",
            name="failures",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
