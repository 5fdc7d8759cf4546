"""Leads the plan keeps waiting for their turn (Today lists the best under the wings):
"this owner's waiting leads, best priority first" is a short range of this partial index."""

from django.db import migrations

SPEC = "(owner_id, priority DESC) WHERE next_action = 'wait'"


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0004_fresh_enquiry_index"),
        ("leads", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX web_lead_wait ON leads_lead {SPEC}", "DROP INDEX web_lead_wait"
        ),
    ]
