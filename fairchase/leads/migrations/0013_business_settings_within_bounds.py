"""Business settings an older version accepted but the bounds added since refuse (0004, 0005:
minutes per text 0.5, when only negatives were refused) are brought within them: left as they
were, the plan used them while saving any other setting failed on them, and nothing said so
until a save did. Each change is said in `corrected`, which Settings shows until a person
saves the settings. (The per-user settings, a phone and a mode, have no bounds to bring.)"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models

# As Settings labels them (web/forms.py), frozen here.
LABELS = {
    "hourly_cost": "Hourly cost of selling time",
    "margin": "Margin",
    "daily_minutes": "Daily selling minutes",
    "max_attempts_per_week": "Weekly cap",
    "complaint_cost": "Cost of a complaint",
    "default_value": "Typical deal value",
    "minutes_call": "Minutes per call",
    "minutes_email": "Minutes per email",
    "minutes_text": "Minutes per text",
    "minutes_visit": "Minutes per visit",
}
# Settings asks the margin as a percent above 0 (`clean_margin`), stricter than the model's 0.
LEAST_MARGIN = 0.0001


def _bounds(field) -> tuple[float | None, float | None]:
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    low = max(lows, default=None)
    if field.name == "margin":
        low = max(low or 0, LEAST_MARGIN)
    return low, min(highs, default=None)


def _shown(name: str, value: float) -> str:
    return f"{value * 100:g}%" if name == "margin" else f"{value:g}"


def within_bounds(apps, schema_editor):
    BusinessSettings = apps.get_model("leads", "BusinessSettings")
    for row in BusinessSettings.objects.all():
        said = []
        for name, label in LABELS.items():
            value = getattr(row, name)
            low, high = _bounds(BusinessSettings._meta.get_field(name))
            if value is None:
                continue
            if low is not None and value < low:
                bound, side = low, "minimum"
            elif high is not None and value > high:
                bound, side = high, "maximum"
            else:
                continue
            setattr(row, name, bound)
            was, now = _shown(name, value), _shown(name, bound)
            said.append(
                f"{label} was {was}, {'below' if side == 'minimum' else 'above'} the {side} {now}: set to {now}."
            )
        if said:
            row.corrected = " ".join(said)
            row.save()


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0012_business_settings_timezone_set"),
    ]

    operations = [
        migrations.AddField(
            model_name="businesssettings",
            name="corrected",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(within_bounds, migrations.RunPython.noop),
    ]
