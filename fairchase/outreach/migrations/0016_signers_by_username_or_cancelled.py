"""Who signed a message still to go, for the rows 0015 left unknown: the reassignment rows
written before names were shown say the username ("Reassigned from maria to sam"), which 0015
looked up by full name only, so a message queued before its lead changed hands kept no signer
and went out From the new owner, signed by the former one. The former owner is looked up here
by username or full name; a message queued (or failed, which a person may send again) whose
lead changed hands since it was written, and whose signer is someone else or cannot be told,
is cancelled as a reassignment now does (`outreach.receivers`): said on the Outbox row and the
lead's timeline, so the new owner writes their own. One that may have arrived (unknown, or
sending when the worker stopped) is not cancelled, for a person still says whether it arrived;
when its signer cannot be told it keeps none, so its error ends in `UNKNOWN_SIGNER`, which
`refusals.written_before_reassigned` reads: it is never sent again."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

STILL_TO_GO = ["queued", "sending", "failed", "unknown"]
CANCELLABLE = ["queued", "failed"]  # not sent; "unknown" may have arrived: a person checks
REASSIGNED = "Reassigned from "
# refusals.UNKNOWN_SIGNER as it is now (a migration keeps its own copy)
UNKNOWN_SIGNER = (
    "Not to be sent again: written before its lead was reassigned, by someone who cannot be told."
)


def _people(User) -> tuple[dict[str, set[int]], dict[int, str]]:
    """Each name a person goes by (username, full name) -> their ids; id -> display name."""
    by_name: dict[str, set[int]] = {}
    shown: dict[int, str] = {}
    for user in User.objects.all():
        full = f"{user.first_name} {user.last_name}".strip()
        shown[user.pk] = full or user.username
        for name in {user.username, full} - {""}:
            by_name.setdefault(name, set()).add(user.pk)
    return by_name, shown


def _cancel(apps, msg, why: str, now) -> bool:
    """Move the message to cancelled with its transition row (`outreach.actions.move`)."""
    OutboundMessage = apps.get_model("outreach", "OutboundMessage")
    MessageChange = apps.get_model("outreach", "MessageChange")
    if not OutboundMessage.objects.filter(pk=msg.pk, state=msg.state).update(
        state="cancelled", error=why[:500]
    ):
        return False
    MessageChange.objects.create(
        message_id=msg.pk, old=msg.state, new="cancelled", reason=why[:500], at=now
    )
    return True


def _mark_unsendable(apps, msg, now) -> None:
    """Keep a row that may have arrived for a person to settle, never to send again: unknown
    (a `sending` row is one whose worker stopped mid-send, as `claiming` would find it), its
    error ending in UNKNOWN_SIGNER, with its transition row."""
    OutboundMessage = apps.get_model("outreach", "OutboundMessage")
    MessageChange = apps.get_model("outreach", "MessageChange")
    error = f"{msg.error} {UNKNOWN_SIGNER}".strip()
    if OutboundMessage.objects.filter(pk=msg.pk, state=msg.state).update(
        state="unknown", error=error
    ):
        MessageChange.objects.create(
            message_id=msg.pk, old=msg.state, new="unknown", reason=UNKNOWN_SIGNER, at=now
        )


def sign_or_cancel(apps, schema_editor):
    OutboundMessage = apps.get_model("outreach", "OutboundMessage")
    StatusChange = apps.get_model("leads", "StatusChange")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    by_name, shown = _people(User)
    now = timezone.now()
    cancelled: dict[int, tuple[object, str, int]] = {}  # lead id -> (lead, why, how many)
    rows = OutboundMessage.objects.filter(state__in=STILL_TO_GO, signed_by=None)
    for msg in rows.exclude(kind="alert").select_related("lead").iterator():
        lead = msg.lead
        moved = (
            StatusChange.objects.filter(
                lead_id=lead.pk, at__gt=msg.created_at, reason__startswith=REASSIGNED
            )
            .order_by("at", "pk")
            .first()
        )
        if moved is None:
            OutboundMessage.objects.filter(pk=msg.pk).update(signed_by_id=lead.owner_id)
            continue
        former = moved.reason.removeprefix(REASSIGNED).rsplit(" to ", 1)[0]
        ids = by_name.get(former, set())
        signer = next(iter(ids)) if len(ids) == 1 else None
        if signer is not None:
            OutboundMessage.objects.filter(pk=msg.pk).update(signed_by_id=signer)
        if signer is None and msg.state not in CANCELLABLE:
            _mark_unsendable(apps, msg, now)
        if signer == lead.owner_id or msg.state not in CANCELLABLE:
            continue
        why = (
            f"Written by {shown.get(signer, former)}, the lead now belongs to "
            f"{shown[lead.owner_id]}: write it again."
        )
        if _cancel(apps, msg, why, now):
            _, _, n = cancelled.get(lead.pk, (lead, why, 0))
            cancelled[lead.pk] = (lead, why, n + 1)
    for lead, why, n in cancelled.values():
        StatusChange.objects.create(
            lead_id=lead.pk,
            old=lead.status,
            new=lead.status,
            at=now,
            reason=f"{n} queued message{'' if n == 1 else 's'} cancelled. {why}",
        )


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("leads", "0009_business_name_postal_address"),
        ("outreach", "0015_outboundmessage_signed_by"),
    ]

    operations = [migrations.RunPython(sign_or_cancel, migrations.RunPython.noop)]
