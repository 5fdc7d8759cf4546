"""Helpers the multi-process tests run as subprocesses against the shared test database:
`python -m tests.outreach.procs seed 500`, `optout 3 7 9`, `states`."""

from __future__ import annotations

import json
import os
import sys
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairchase.settings")
    import django

    django.setup()


def open_all_day() -> None:
    """Contact hours all day in a zone where it is not Sunday now: every send is checked
    against them, and these tests are about sending once, not about when."""
    from datetime import time
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from fairchase.leads.models import BusinessSettings

    zone = next(z for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
                if timezone.now().astimezone(ZoneInfo(z)).weekday() != 6)
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        contact_start=time(0, 0), contact_end=time(23, 59, 59), business_timezone=zone)


def seed(n: int) -> None:
    """n leads, one queued email each (queued by Alice: a person's send, due now)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from fairchase.leads.models import Lead, Profile
    from fairchase.outreach.models import OutboundMessage
    from fairchase.outreach.outbox import new_message_id

    User = get_user_model()
    alice, _ = User.objects.get_or_create(username="alice", defaults={"first_name": "Alice", "email": "alice@example.com"})
    Profile.objects.update_or_create(user=alice, defaults={"phone": "+15555550100"})
    now = timezone.now()
    open_all_day()
    with transaction.atomic():
        leads = Lead.objects.bulk_create(
            [Lead(name=f"Person {i}", email=f"person{i}@example.com", owner=alice, source="web_form") for i in range(n)])
        OutboundMessage.objects.bulk_create([
            OutboundMessage(lead=lead, channel="email", to=lead.email, subject=f"Hello {lead.name}",
                            body="Hello,\n\nA message.\n", due_at=now, queued_by=alice, message_id=new_message_id())
            for lead in leads])
    print(json.dumps([lead.pk for lead in leads]))


def optout(ids: list[int], after_sent: int = 0) -> None:
    """Opt out the first lead at once, then the others one by one once `after_sent` messages
    are out; print when each committed."""
    from fairchase.leads import actions
    from fairchase.leads.models import Lead
    from fairchase.outreach.models import OutboundMessage

    # the first lead is opted out before any sending: it warms this process up (the first
    # opt-out loads the model), so the race is not lost to start-up costs
    first, *ids = ids
    actions.opt_out(Lead.objects.get(pk=first), channel="email", reason="test warm-up")
    committed = {first: time.time()}
    print("ready", flush=True)  # the test starts the workers only now
    deadline = time.time() + 60
    while OutboundMessage.objects.filter(state="sent").count() < after_sent and time.time() < deadline:
        time.sleep(0.005)
    for pk in ids:
        actions.opt_out(Lead.objects.get(pk=pk), channel="email", reason="test race")
        committed[pk] = time.time()  # after the atomic block: the opt-out is committed
        time.sleep(0.01)
    print(json.dumps(committed))


def states() -> None:
    from fairchase.outreach.models import OutboundMessage

    rows = OutboundMessage.objects.values("pk", "lead_id", "state", "message_id", "claimed_by")
    print(json.dumps(list(rows)))


def main(argv: list[str]) -> None:
    _setup()
    name, args = argv[0], argv[1:]
    if name == "seed":
        seed(int(args[0]))
    elif name == "optout":
        optout([int(a) for a in args[1:]], after_sent=int(args[0]))
    elif name == "states":
        states()
    else:
        raise SystemExit(f"unknown command {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
