"""Indexes for Today's outreach block, so an owner with 10,000 open leads is not probed lead
by lead: unknown sends found by state (outbox_state), and the last two days' calls that left
a message or reached someone (outreach_recent_calls, on the lead book's attempts; raw SQL
as web/0002 does, so the lead book's models stay as they are). That index leads with the
call's channel and outcome, then its time: the query seeks straight to those calls of the
last two days and reads their lead from the index, never a row of the table."""

from django.db import migrations, models

RECENT_CALLS = "outreach_recent_calls"


class Migration(migrations.Migration):
    # 0010 on this branch; on landing after branch h44 (0011_cold_leads_never_enquired) this
    # depends on that 0011 instead, so the outreach migrations stay one line.
    dependencies = [
        ("outreach", "0011_cold_leads_never_enquired"),
        ("leads", "0007_commitment_channel_from_words"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="outboundmessage",
            index=models.Index(fields=["state"], name="outbox_state"),
        ),
        migrations.RunSQL(
            f"CREATE INDEX {RECENT_CALLS} ON leads_attempt (channel, outcome, at, lead_id)",
            f"DROP INDEX {RECENT_CALLS}",
        ),
    ]
