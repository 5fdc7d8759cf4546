"""The shipped message templates (editable afterwards in /o/templates/).

Wording follows the seeds: answer fast and apologise when late (000), an email after
a voicemail that thanks them and leaves the door open (000), a recap that confirms
what was agreed and when (002), a last message that makes "no" easy (001).
"""

from django.db import migrations

DEFAULTS = [
    (
        "first_response",
        "email",
        "First response to a new enquiry",
        "Your enquiry",
        """Hello {{first_name}},

{{apology}}Thank you for getting in touch on {{enquiry_date}}. I'd be glad to help.

Could you tell me a little more about what you need and when? If it's easier to talk, you can reach me directly on {{owner_phone}}, or just reply with a good time to call.

Best regards,
{{owner_name}}

If you'd rather not hear from us, one click is enough: {{opt_out_link}}
""",
    ),
    (
        "voicemail",
        "email",
        "Email after a voicemail",
        "Sorry I missed you, {{first_name}}",
        """Hello {{first_name}},

I just left you a voicemail following up on your enquiry. Sorry I missed you — I'm sending a quick email so you have my details for whenever you're ready.

You can reach me on {{owner_phone}}, or simply reply to this email. Thank you again for your enquiry; I look forward to hearing from you.

Best regards,
{{owner_name}}

Not the right time? One click and we won't contact you again: {{opt_out_link}}
""",
    ),
    (
        "recap",
        "email",
        "Recap after a call",
        "Following up on our call",
        """Hello {{first_name}},

Thank you for your time on the phone today. As agreed, the next step is: {{next_step}}, on {{next_step_date}}.

If anything changes before then, reply to this email or call me on {{owner_phone}}.

Best regards,
{{owner_name}}

If you'd rather not hear from us: {{opt_out_link}}
""",
    ),
    (
        "breakup",
        "email",
        "Last message (door open)",
        "I'll leave it here, {{first_name}}",
        """Hello {{first_name}},

I understand this might not be the right time for you, so this is the last you'll hear from me about your enquiry. If your needs change, please don't hesitate to get in touch — you can reach me on {{owner_phone}} or just reply here.

And if it isn't a good fit, that's fine too: just let me know, and we won't bother you further.

Wishing you the best,
{{owner_name}}

Stop all messages from us: {{opt_out_link}}
""",
    ),
    (
        "mailing_list",
        "email",
        "Mailing-list invitation",
        "Staying in touch",
        """Hello {{first_name}},

Thank you for your interest earlier. Since you agreed to hear from us now and then, we'll send you the occasional update — news and offers we think may be useful, nothing more.

If you ever want to talk, reply to this email or call {{owner_name}} on {{owner_phone}}.

Best regards,
{{owner_name}}

Prefer no updates? Unsubscribe with one click: {{opt_out_link}}
""",
    ),
    (
        "revisit",
        "email",
        "Revisit check-in",
        "Checking in, {{first_name}}",
        """Hello {{first_name}},

We spoke a while ago about your enquiry, and you mentioned the timing wasn't right then. I'm checking in to see whether things have changed at {{company|your end}}.

If it would help to talk, reply with a good time or call me on {{owner_phone}}. If not, no problem at all.

Best regards,
{{owner_name}}

Rather not hear from us again? {{opt_out_link}}
""",
    ),
    (
        "follow_up",
        "email",
        "Follow-up",
        "Following up on your enquiry",
        """Hello {{first_name}},

I'm following up on your enquiry from {{enquiry_date}}. Is this still something you're looking into? I'd be happy to answer any questions — reply here or call me on {{owner_phone}}.

Best regards,
{{owner_name}}

If you'd rather not hear from us: {{opt_out_link}}
""",
    ),
    (
        "follow_up",
        "text",
        "Follow-up text",
        "",
        "Hi {{first_name}}, it's {{owner_first_name}} following up on your enquiry. Happy to help whenever suits you: reply here or call {{owner_phone}}.",
    ),
    (
        "first_response",
        "text",
        "First response text",
        "",
        "Hi {{first_name}}, {{owner_first_name}} here. {{apology}}Thanks for your enquiry! When is a good time for a quick call? You can reach me on {{owner_phone}}.",
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
    dependencies = [("outreach", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
