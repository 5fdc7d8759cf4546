"""The follow-up, the email after a voicemail and the mailing-list invitation say what is
true for who reads them: a cold-outreach or purchased-list contact never enquired, so they
hear nothing of "your enquiry" ({{following_up}}: "following up on your enquiry from
3 December" only to someone who enquired, "following up to see whether we can help Acme"
to a contact who never did) and no thanks for an interest they never showed.

As in 0008 and 0010, only the shipped sentence is replaced, wherever it still stands in a
template of that purpose; the rest of a template someone edited stays as they wrote it, and
a sentence they rewrote is theirs (it is not touched). A subject is replaced only when it
is still the shipped one, whole.
"""

from django.db import migrations

SENTENCES = [
    (
        "follow_up",
        "I'm following up on your enquiry from {{enquiry_date}}. Is this still something "
        "you're looking into?",
        "I'm {{following_up}}.",
    ),
    (
        "follow_up",
        "it's {{owner_first_name}} following up on your enquiry.",
        "it's {{owner_first_name}} {{following_up}}.",
    ),
    (
        "voicemail",
        "I left you a voicemail {{call_day}} following up on your enquiry.",
        "I left you a voicemail {{call_day}} {{following_up}}.",
    ),
    (
        "voicemail",
        "or simply reply to this email. Thank you again for your enquiry; I look forward to "
        "hearing from you.",
        "or simply reply to this email. I look forward to hearing from you.",
    ),
    (
        "mailing_list",
        "Thank you for your interest earlier. Since you agreed to hear from us now and then,",
        "Since you agreed to hear from us now and then,",
    ),
]
SUBJECTS = [("follow_up", "Following up on your enquiry", "Following up, {{first_name}}")]


def _replace(apps, forward: bool) -> None:
    MessageTemplate = apps.get_model("outreach", "MessageTemplate")
    for purpose, old, new in SENTENCES:
        was, now = (old, new) if forward else (new, old)
        for template in MessageTemplate.objects.filter(purpose=purpose, body__contains=was):
            template.body = template.body.replace(was, now)
            template.save(update_fields=["body"])
    for purpose, old, new in SUBJECTS:
        was, now = (old, new) if forward else (new, old)
        MessageTemplate.objects.filter(purpose=purpose, subject=was).update(subject=now)


def say_what_is_true(apps, schema_editor):
    _replace(apps, forward=True)


def say_as_before(apps, schema_editor):
    _replace(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("outreach", "0010_stopping_words_true_for_the_reader")]
    operations = [migrations.RunPython(say_what_is_true, say_as_before)]
