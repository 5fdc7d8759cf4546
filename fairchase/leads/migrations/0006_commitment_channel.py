from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0005_business_settings_minimums"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitment",
            name="channel",
            field=models.CharField(
                blank=True,
                choices=[
                    ("call", "Call"),
                    ("email", "Email"),
                    ("text", "Text"),
                    ("visit", "Visit"),
                ],
                max_length=8,
            ),
        ),
    ]
