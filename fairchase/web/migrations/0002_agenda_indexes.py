"""Partial indexes for Today's sections, one per section, all "owner, best priority first".

They live here (raw SQL on leads_lead) so the web app can add them without touching the
lead book's models; the WHERE clauses are repeated literally by fairchase/web/agenda.py,
which SQLite needs before it will use a partial index. Same SQL on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    # New enquiries: open and never contacted.
    "web_lead_new_enquiry": "(owner_id, priority DESC) WHERE status = 'open' AND attempt_count = 0",
    # Follow-ups: the filters on due date and "not new" are answered from the index itself.
    "web_lead_contact": "(owner_id, priority DESC, next_due, attempt_count, status) WHERE next_action = 'contact'",
    # Ready to let go.
    "web_lead_stop": "(owner_id, priority DESC, attempt_count, status) WHERE next_action = 'stop'",
}


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0001_initial"),
        ("leads", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} ON leads_lead {spec}", f"DROP INDEX {name}")
        for name, spec in INDEXES.items()
    ]
