"""Fill the new `InboundMessage.hold`, `held_address` and `no_email` of the messages read
before they existed, the way the app recognised them until then: by the first words of the
evidence. From now on those words are a sentence for people only: nothing reads them back."""

from django.db import migrations

# The first words of the evidence as the app wrote them until this migration.
UNCONFIRMED_STOP = "Asked us to stop, from a sender not known to be them:"
FORMER_ADDRESS = "unsubscribed with a link sent to their former address"
UNCONFIRMED_BOUNCE = "A bounce naming no message of ours:"
NO_EMAIL = "No more email, asked for a call:"


def hold_of(evidence: str, ours: bool) -> tuple[str, str]:
    """(hold, held address) of a message as the app read its evidence until now (held then,
    or held and decided since: the hold stays, as on the messages read from now on). A held
    bounce of a message of ours (`ours`) was one whose code could not be classified."""
    if evidence.startswith(UNCONFIRMED_STOP):
        said = evidence[len(UNCONFIRMED_STOP) :].strip()
        return ("former_address" if said.startswith(FORMER_ADDRESS) else "stop"), ""
    if evidence.startswith(UNCONFIRMED_BOUNCE):
        words = evidence[len(UNCONFIRMED_BOUNCE) :].split()
        return ("bounce_code" if ours else "bounce"), words[0] if words and "@" in words[0] else ""
    return "", ""


def fill(apps, schema_editor):
    InboundMessage = apps.get_model("outreach", "InboundMessage")
    rows = InboundMessage.objects.filter(
        evidence__startswith=UNCONFIRMED_STOP
    ) | InboundMessage.objects.filter(evidence__startswith=UNCONFIRMED_BOUNCE)
    fields = ("pk", "evidence", "outbound_id", "outbound__to")
    for pk, evidence, outbound, sent_to in rows.values_list(*fields).iterator(2000):
        hold, address = hold_of(evidence, outbound is not None)
        if hold and not address and sent_to and "@" in sent_to:
            address = sent_to  # the words named none: the address our message went to
        if hold:
            InboundMessage.objects.filter(pk=pk).update(hold=hold, held_address=address)
    InboundMessage.objects.filter(evidence__startswith=NO_EMAIL).update(no_email=True)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0021_inbound_messages_store_why_they_hold"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
