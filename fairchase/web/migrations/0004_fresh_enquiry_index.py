"""Today's first-hour enquiries (answered first: their chance fades fastest): "this owner's
new enquiries that arrived in the last hour" is a short range of this partial index,
instead of a walk through every new enquiry ordered by priority."""

from django.db import migrations

SPEC = "(owner_id, created_at DESC) WHERE status = 'open' AND attempt_count = 0"


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0003_login_buckets"),
        ("leads", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX web_lead_new_fresh ON leads_lead {SPEC}", "DROP INDEX web_lead_new_fresh"
        ),
    ]
