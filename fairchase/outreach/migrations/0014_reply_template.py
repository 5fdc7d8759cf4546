"""An answer to what someone wrote: a lead whose last word is theirs ("Sorry for the
silence! We still want the quote, can you send it this week?") is offered this, quoting
them, instead of the generic follow-up ("I'm following up on your enquiry").
"""

from django.db import migrations, models

DEFAULTS = [
    (
        "reply",
        "email",
        "Answer to their message",
        "Your message, {{first_name}}",
        """Hello {{first_name}},

Thank you for getting back to me. You wrote: “{{their_words}}”

I'm on it, and I'll come back to you with an answer shortly. If it's easier to talk, call me on {{owner_phone}} or reply with a good time.

Best regards,
{{owner_name}}
{{business_name|}}

If you'd rather not hear from us: {{opt_out_link}}
""",
    ),
]


def add_defaults(apps, schema_editor):
    MessageTemplate = apps.get_model("outreach", "MessageTemplate")
    for purpose, channel, name, subject, body in DEFAULTS:
        MessageTemplate.objects.get_or_create(
            purpose=purpose, channel=channel, name=name, defaults={"subject": subject, "body": body}
        )


def remove_defaults(apps, schema_editor):
    MessageTemplate = apps.get_model("outreach", "MessageTemplate")
    for purpose, channel, name, _, _ in DEFAULTS:
        MessageTemplate.objects.filter(purpose=purpose, channel=channel, name=name).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0013_messages_name_the_business"),
    ]

    operations = [
        migrations.AlterField(
            model_name="messagetemplate",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("first_response", "First response to a new enquiry"),
                    ("introduction", "First message to an imported contact"),
                    ("voicemail", "Email after a voicemail"),
                    ("recap", "Recap after a call"),
                    ("breakup", "Last message (door open)"),
                    ("mailing_list", "Mailing-list invitation"),
                    ("revisit", "Revisit check-in"),
                    ("follow_up", "Follow-up"),
                    ("reply", "Answer to their message"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=20,
            ),
        ),
        migrations.RunPython(add_defaults, remove_defaults),
    ]
