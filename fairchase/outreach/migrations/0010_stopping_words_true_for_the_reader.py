"""The messages that step back say what is true for who reads them (`outreach.wording`):
the door-open message promises "the last you'll hear from me" only when the lead is let go
for good ({{last_word}}: a revisit says when we check back), and "about your enquiry" only
to someone who enquired; the revisit check-in says "We spoke" only to someone who answered
us once ({{last_contact}}).

As in 0008, only the shipped sentence is replaced, wherever it still stands in a template
of that purpose; the rest of a template someone edited stays as they wrote it, and a
sentence they rewrote is theirs (it is not touched).
"""

from django.db import migrations

SENTENCES = [
    (
        "breakup",
        "I understand this might not be the right time for you, so this is the last you'll "
        "hear from me about your enquiry.",
        "I understand this might not be the right time for you, so {{last_word}}.",
    ),
    (
        "revisit",
        "We spoke a while ago about your enquiry, and you mentioned the timing wasn't right then.",
        "{{last_contact}}.",
    ),
]


def _replace(apps, forward: bool) -> None:
    MessageTemplate = apps.get_model("outreach", "MessageTemplate")
    for purpose, old, new in SENTENCES:
        was, now = (old, new) if forward else (new, old)
        for template in MessageTemplate.objects.filter(purpose=purpose, body__contains=was):
            template.body = template.body.replace(was, now)
            template.save(update_fields=["body"])


def say_what_is_true(apps, schema_editor):
    _replace(apps, forward=True)


def say_as_before(apps, schema_editor):
    _replace(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("outreach", "0009_outboundmessage_as_drafted")]
    operations = [migrations.RunPython(say_what_is_true, say_as_before)]
