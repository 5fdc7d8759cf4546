"""A failed message frees its plan step: the unique (lead, step) constraint held failed rows
too, so an automatic message that failed (an outage, a refusal) kept its lead's step taken
and the worker skipped that lead for good. Failed rows never went; every other state (sent,
in flight, unknown, cancelled) still holds the step."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0016_signers_by_username_or_cancelled"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="outboundmessage",
            name="outbox_one_message_per_step",
        ),
        migrations.AddConstraint(
            model_name="outboundmessage",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("step", ""), _negated=True),
                    models.Q(("state", "failed"), _negated=True),
                ),
                fields=("lead", "step"),
                name="outbox_one_live_message_per_step",
            ),
        ),
    ]
