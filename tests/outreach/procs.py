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

    zone = next(
        z
        for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
        if timezone.now().astimezone(ZoneInfo(z)).weekday() != 6
    )
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        contact_start=time(0, 0),
        contact_end=time(23, 59, 59),
        business_timezone=zone,
        daily_minutes=100_000,  # these tests are about who does each thing, not a crowded day
    )


def seed(n: int) -> None:
    """n leads, one queued email each (queued by Alice: a person's send, due now)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from fairchase.leads.models import Lead, Profile
    from fairchase.outreach.models import OutboundMessage
    from fairchase.outreach.outbox import new_message_id

    User = get_user_model()
    alice, _ = User.objects.get_or_create(
        username="alice", defaults={"first_name": "Alice", "email": "alice@example.com"}
    )
    Profile.objects.update_or_create(user=alice, defaults={"phone": "+15555550100"})
    now = timezone.now()
    open_all_day()
    with transaction.atomic():
        leads = Lead.objects.bulk_create(
            [
                Lead(
                    name=f"Person {i}",
                    email=f"person{i}@example.com",
                    owner=alice,
                    source="web_form",
                )
                for i in range(n)
            ]
        )
        OutboundMessage.objects.bulk_create(
            [
                OutboundMessage(
                    lead=lead,
                    channel="email",
                    to=lead.email,
                    subject=f"Hello {lead.name}",
                    body="Hello,\n\nA message.\n",
                    due_at=now,
                    queued_by=alice,
                    message_id=new_message_id(),
                )
                for lead in leads
            ]
        )
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
    while (
        OutboundMessage.objects.filter(state="sent").count() < after_sent and time.time() < deadline
    ):
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


def seed_due(n: int) -> None:
    """Due work for every worker step, n rows each: leads parked for a revisit whose date
    has passed, promises of leads past due, and new enquiries of an owner in automatic mode
    (email only) whose plan says write now."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from fairchase.leads import actions
    from fairchase.leads.models import Lead, Profile, Status

    User = get_user_model()
    alice, _ = User.objects.get_or_create(
        username="alice", defaults={"first_name": "Alice", "email": "alice@example.com"}
    )
    owen, _ = User.objects.get_or_create(
        username="owen", defaults={"first_name": "Owen", "email": "owen@example.com"}
    )
    Profile.objects.update_or_create(user=alice, defaults={"phone": "+15555550100"})
    Profile.objects.update_or_create(
        user=owen, defaults={"phone": "+15555550101", "outreach_mode": Profile.Mode.AUTOMATIC}
    )
    open_all_day()
    now = timezone.now()
    out = {"revisit": [], "promise": {}, "automatic": []}
    for i in range(n):
        parked = actions.create_lead(
            alice, name=f"Parked {i}", email=f"parked{i}@example.com", source="referral"
        )
        actions.stop_chasing(parked, Status.REVISIT, revisit_at=now + timedelta(days=1))
        Lead.objects.filter(pk=parked.pk).update(revisit_at=now - timedelta(minutes=5))  # due
        out["revisit"].append(parked.pk)
        promised = actions.create_lead(
            alice,
            name=f"Promised {i}",
            phone=f"+1212555{i:04d}",
            source="referral",
            created_at=now - timedelta(days=3),  # before our call two days ago
        )
        actions.log_attempt(promised, "call", "talked", at=now - timedelta(days=2))
        actions.add_commitment(  # missed, and its grace day over: the worker lapses it
            promised, by="lead", what="Send the plans", due_at=now - timedelta(days=1, hours=2)
        )
        out["promise"][promised.pk] = promised.events
        writing = actions.create_lead(
            owen,
            name=f"Writer {i}",
            email=f"writer{i}@example.com",
            source="web_form",
            created_at=now - timedelta(minutes=2),
        )
        assert (writing.next_action, writing.next_channel) == ("contact", "email"), (
            writing.plan_reason
        )
        out["automatic"].append(writing.pk)
    print(json.dumps(out))


def work(start_at: float, rounds: int) -> None:
    """Run every worker step `rounds` times, starting at `start_at` (so several processes
    start together); print how much each step did here."""
    from fairchase.leads.worker import STEPS

    steps = [s for s in STEPS.values() if s.name != "outreach_mailbox"]
    done = {s.name: 0 for s in steps}
    late = time.time() - start_at
    time.sleep(max(0.0, -late))
    for _ in range(rounds):
        for step in steps:
            t0 = time.time()
            done[step.name] += int(step.fn() or 0)
            done[f"t_{step.name}"] = round(t0 - start_at, 2)
    done["late"] = round(late, 2)
    print(json.dumps(done))


def report() -> None:
    from django.db.models import Count

    from fairchase.leads.models import Commitment, Lead, StatusChange
    from fairchase.outreach.models import OutboundMessage

    woken = dict(
        StatusChange.objects.filter(reason="Revisit date reached")
        .values_list("lead_id")
        .annotate(n=Count("pk"))
    )
    lapsed = dict(
        Commitment.objects.filter(state="missed").values_list("lead_id").annotate(n=Count("pk"))
    )
    events = dict(Lead.objects.values_list("pk", "events"))
    messages = list(
        OutboundMessage.objects.filter(kind="lead").values("lead_id", "state", "message_id", "step")
    )
    print(json.dumps({"woken": woken, "lapsed": lapsed, "events": events, "messages": messages}))


def seed_people(n: int) -> None:
    """n people with two records each (one Alice's, one Bob's: the same email, two phones);
    print [[first, second], ...]."""
    from django.contrib.auth import get_user_model

    from fairchase.leads import actions

    User = get_user_model()
    alice, _ = User.objects.get_or_create(username="alice")
    bob, _ = User.objects.get_or_create(username="bob")
    pairs = [
        [
            actions.create_lead(
                owner,
                name=f"Person {i}",
                email=f"p{i}@example.com",
                phone=f"+1212555{i:02d}{k:02d}",
            ).pk
            for k, owner in enumerate((alice, bob))
        ]
        for i in range(n)
    ]
    print(json.dumps(pairs))


def optout_each(start_at: float, ids: list[int]) -> None:
    """From `start_at` (so two processes start together), opt out each lead in turn."""
    from fairchase.leads import actions
    from fairchase.leads.models import Lead

    Lead.objects.count()  # connected before the start
    time.sleep(max(0.0, start_at - time.time()))
    for pk in ids:
        actions.opt_out(Lead.objects.get(pk=pk), reason=f"race {os.getpid()}")
    print("done")


def opted() -> None:
    """{pk: [status, transitions to opted out, rows of a record opted out with its person
    that then said no itself]} for every lead."""
    from django.db.models import Count, Q

    from fairchase.leads.models import Lead
    from fairchase.leads.same_person import SAID_NO_ITSELF

    into = Q(status_changes__new="opted_out") & ~Q(status_changes__old="opted_out")
    itself = Q(status_changes__reason__startswith=SAID_NO_ITSELF)
    rows = Lead.objects.annotate(
        n=Count("status_changes", filter=into), own=Count("status_changes", filter=itself)
    ).values_list("pk", "status", "n", "own")
    print(json.dumps({pk: [status, n, own] for pk, status, n, own in rows}))


def seed_send() -> None:
    """Alice and one new enquiry of hers, contact hours open: print {lead, template} for
    `post_send`."""
    from django.contrib.auth import get_user_model

    from fairchase.leads import actions
    from fairchase.leads.models import Profile
    from fairchase.outreach.models import MessageTemplate

    alice, _ = get_user_model().objects.get_or_create(
        username="alice", defaults={"first_name": "Alice", "email": "alice@example.com"}
    )
    Profile.objects.update_or_create(user=alice, defaults={"phone": "+15555550100"})
    open_all_day()
    lead = actions.create_lead(alice, name="Ann Adams", email="ann@example.com", source="web_form")
    template = MessageTemplate.objects.get(purpose="first_response", channel="email")
    _slow_outbox_inserts()
    print(json.dumps({"lead": lead.pk, "template": template.pk}))


def _slow_outbox_inserts() -> None:
    """On PostgreSQL, every new outbox row takes half a second to insert (a trigger), so
    requests that arrive together overlap between looking for a copy and committing theirs:
    the window a lock must close. (SQLite's IMMEDIATE transactions never overlap.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION slow_insert() RETURNS trigger AS "
            "$$ BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER slow_outbox_insert BEFORE INSERT ON outreach_outboundmessage "
            "FOR EACH ROW EXECUTE FUNCTION slow_insert()"
        )


def post_send(start_at: float, lead: int, template: int) -> None:
    """At `start_at` (so several processes post together), Alice clicks Send on the lead's
    draft through the whole web stack; print the status and the messages it flashed."""
    from django.contrib.auth import get_user_model
    from django.contrib.messages import get_messages
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="alice"))
    client.get("/o/outbox/")  # warm up (imports, connection) before the start
    time.sleep(max(0.0, start_at - time.time()))
    response = client.post(f"/o/leads/{lead}/send/", {"template": template})
    said = [str(m) for m in get_messages(response.wsgi_request)]
    print(json.dumps({"status": response.status_code, "messages": said}))


def main(argv: list[str]) -> None:
    _setup()
    name, args = argv[0], argv[1:]
    if name == "seed":
        seed(int(args[0]))
    elif name == "optout":
        optout([int(a) for a in args[1:]], after_sent=int(args[0]))
    elif name == "states":
        states()
    elif name == "seed_due":
        seed_due(int(args[0]))
    elif name == "work":
        work(float(args[0]), int(args[1]))
    elif name == "report":
        report()
    elif name == "opted":
        opted()
    elif name == "seed_people":
        seed_people(int(args[0]))
    elif name == "optout_each":
        optout_each(float(args[0]), [int(a) for a in args[1:]])
    elif name == "seed_send":
        seed_send()
    elif name == "post_send":
        post_send(float(args[0]), int(args[1]), int(args[2]))
    else:
        raise SystemExit(f"unknown command {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
