"""The emails after a call name the call's day ({{call_day}}: today, yesterday, on Friday)
instead of saying "today": they are offered for two days after the call.

Only the shipped sentence is replaced, wherever it still stands in a voicemail or recap
template; the rest of a template someone edited stays as they wrote it, and a sentence
they rewrote is theirs (it is not touched).
"""

from django.db import migrations

SENTENCES = [
    (
        "voicemail",
        "I just left you a voicemail following up on your enquiry.",
        "I left you a voicemail {{call_day}} following up on your enquiry.",
    ),
    (
        "recap",
        "Thank you for your time on the phone today.",
        "Thank you for your time on the phone {{call_day}}.",
    ),
]


def _replace(apps, forward: bool) -> None:
    MessageTemplate = apps.get_model("outreach", "MessageTemplate")
    for purpose, old, new in SENTENCES:
        was, now = (old, new) if forward else (new, old)
        for template in MessageTemplate.objects.filter(purpose=purpose, body__contains=was):
            template.body = template.body.replace(was, now)
            template.save(update_fields=["body"])


def name_the_day(apps, schema_editor):
    _replace(apps, forward=True)


def say_today(apps, schema_editor):
    _replace(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("outreach", "0007_outboundmessage_receipt_kind")]
    operations = [migrations.RunPython(name_the_day, say_today)]
