"""Who signed a message (the lead's owner whose name and phone its words carry), kept on the
row: a message written before its lead changed hands was found by reading display names back
out of the timeline ("Reassigned from Maria to Tom"), which two people named alike, or a stop
reason typed to look like one, defeat. A row still to be sent is filled from its lead's owner;
one whose lead was reassigned since it was written is filled with the former owner when the
timeline's name is one person's, else left unknown (as an old sent row is)."""

from django.conf import settings
from django.db import migrations, models

STILL_TO_GO = ["queued", "sending", "failed", "unknown"]
REASSIGNED = "Reassigned from "


def fill_signers(apps, schema_editor):
    OutboundMessage = apps.get_model("outreach", "OutboundMessage")
    StatusChange = apps.get_model("leads", "StatusChange")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    by_name: dict[str, list[int]] = {}
    for user in User.objects.all():
        full = f"{user.first_name} {user.last_name}".strip()
        by_name.setdefault(full or user.username, []).append(user.pk)
    rows = OutboundMessage.objects.filter(state__in=STILL_TO_GO).exclude(kind="alert")
    for msg in rows.select_related("lead").iterator():
        moved = (
            StatusChange.objects.filter(
                lead_id=msg.lead_id, at__gt=msg.created_at, reason__startswith=REASSIGNED
            )
            .order_by("at", "pk")
            .first()
        )
        if moved is None:
            signer = msg.lead.owner_id
        else:
            former = moved.reason.removeprefix(REASSIGNED).rsplit(" to ", 1)[0]
            ids = by_name.get(former, [])
            signer = ids[0] if len(ids) == 1 and ids[0] != msg.lead.owner_id else None
        if signer is not None:
            OutboundMessage.objects.filter(pk=msg.pk).update(signed_by_id=signer)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("leads", "0009_business_name_postal_address"),
        ("outreach", "0014_reply_template"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundmessage",
            name="signed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(fill_signers, migrations.RunPython.noop),
    ]
