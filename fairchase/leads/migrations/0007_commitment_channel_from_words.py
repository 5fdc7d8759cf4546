"""Fill the new `Commitment.channel` of promises of ours made before it existed, the way the
plan read them until then: from the first word of `what` ("Call back, as they asked" is a
call). A promise whose first word names no channel stays blank (any channel)."""

from django.db import migrations

# the first word of a promise that named how it was kept, as `planning.promised_channel` read it
PROMISE_WORDS = {
    "call": "call",
    "phone": "call",
    "email": "email",
    "text": "text",
    "visit": "visit",
}


def first_word_channel(what: str) -> str:
    words = what.split(maxsplit=1)
    first = words[0].strip(",.:;!").lower() if words else ""
    return PROMISE_WORDS.get(first, "")


def fill(apps, schema_editor):
    Commitment = apps.get_model("leads", "Commitment")
    named: dict[str, list[int]] = {}
    ours = Commitment.objects.filter(by="us", channel="").values_list("pk", "what")
    for pk, what in ours.iterator(chunk_size=2000):
        channel = first_word_channel(what)
        if channel:
            named.setdefault(channel, []).append(pk)
    for channel, pks in named.items():
        for i in range(0, len(pks), 500):  # one UPDATE a channel, in SQLite-sized batches
            Commitment.objects.filter(pk__in=pks[i : i + 500]).update(channel=channel)


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0006_commitment_channel"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
