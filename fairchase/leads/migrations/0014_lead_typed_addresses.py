"""The addresses a public post typed (`Lead.typed_email`, `typed_phone`): an opt-out made
through one of the lead's addresses never spreads through another that nobody has shown
to be the person's. Leads stored before get none: their addresses are read as before."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("leads", "0013_business_settings_within_bounds")]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="typed_email",
            field=models.EmailField(blank=True, editable=False, max_length=254),
        ),
        migrations.AddField(
            model_name="lead",
            name="typed_phone",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
    ]
