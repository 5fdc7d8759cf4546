"""The messages say which business is writing: the signature gives the business's name
({{business_name|}}: nothing while Settings has none), the introduction says who Sam is
with ("I'm Sam from Acme Roofing", "from our team" while unset), and the sales emails
(introduction, follow-up, revisit check-in, mailing-list invitation, the door-open goodbye)
give the postal address under the opt-out link, as US CAN-SPAM asks of commercial email.

As in 0008, 0010 and 0011, only the shipped lines are replaced, wherever they still stand in
an email template; a template someone rewrote keeps their words (the Templates page says
when the address is missing, and the placeholders are listed for them to add).
"""

from django.db import migrations

SIGNED = "\n{{business_name|}}\n"
SIGNATURES = ["Best regards,\n{{owner_name}}\n", "Wishing you the best,\n{{owner_name}}\n"]
SENTENCES = [
    (
        "introduction",
        "I'm {{owner_name}}, and I'm getting in touch",
        "I'm {{owner_name}} from {{business_name|our team}}, and I'm getting in touch",
    ),
]
FOOTERS = [
    ("introduction", "If you'd rather not hear from us: {{opt_out_link}}"),
    ("follow_up", "If you'd rather not hear from us: {{opt_out_link}}"),
    ("revisit", "Rather not hear from us again? {{opt_out_link}}"),
    ("mailing_list", "Prefer no updates? Unsubscribe with one click: {{opt_out_link}}"),
    ("breakup", "Stop all messages from us: {{opt_out_link}}"),
]
ADDRESS = "\n{{postal_address}}"


def _lines(forward: bool) -> list[tuple[str | None, str, str]]:
    """(purpose or None for every email template, shipped words, new words)."""
    lines: list[tuple[str | None, str, str]] = [
        (None, signed, signed[:-1] + SIGNED) for signed in SIGNATURES
    ]
    lines += SENTENCES
    lines += [(purpose, footer, footer + ADDRESS) for purpose, footer in FOOTERS]
    return lines if forward else [(p, new, old) for p, old, new in reversed(lines)]


def _replace(apps, forward: bool) -> None:
    MessageTemplate = apps.get_model("outreach", "MessageTemplate")
    for purpose, was, now in _lines(forward):
        found = MessageTemplate.objects.filter(channel="email", body__contains=was)
        if purpose is not None:
            found = found.filter(purpose=purpose)
        for template in found:
            if not forward or now not in template.body:
                template.body = template.body.replace(was, now)
                template.save(update_fields=["body"])


def name_the_business(apps, schema_editor):
    _replace(apps, forward=True)


def say_as_before(apps, schema_editor):
    _replace(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("outreach", "0012_today_panel_indexes")]
    operations = [migrations.RunPython(name_the_business, say_as_before)]
