"""Store each lead's name as the list's search reads it (`search.folded`), so the search
reads a column instead of folding every name in each query (3-5 s an owner's search on
60,000 leads). The leads already stored get theirs here; every later write folds its own."""

from django.db import migrations, models


def fold_names(apps, schema_editor):
    from fairchase.leads.search import refold

    refold(apps.get_model("leads", "Lead").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0016_lead_imported_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="search_name",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fold_names, migrations.RunPython.noop),
    ]
