"""Fold the names the imports stored unfolded (eval35 #3): their bulk insert skipped
`search.folded`, so an imported lead's `search_name` was empty and no search found it by
name. `refold` (as 0017 does) writes only the names whose folding is missing or stale."""

from django.db import migrations


def fold_names(apps, schema_editor):
    from fairchase.leads.search import refold

    refold(apps.get_model("leads", "Lead").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0019_contact_days_are_a_setting"),
    ]

    operations = [
        migrations.RunPython(fold_names, migrations.RunPython.noop),
    ]
