"""`fairchase demo`: load realistic demo data (users, six months of history, open leads)."""

from itertools import islice

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fairchase.arguments import any_whole, whole
from fairchase.insights.snapshot import warm
from fairchase.insights.synthetic import seed_demo_costs
from fairchase.leads.demo import DEMO_PASSWORD, DEMO_USERS, load_demo
from fairchase.leads.models import Lead


def _the_demos(user) -> bool:
    """A user the demo made: a demo login with the demo's email and password (a real user
    who happens to be called olivia, sam or maria is someone's own, never overwritten)."""
    return (
        user.get_username() in {u for u, _, _ in DEMO_USERS}
        and user.email == f"{user.get_username()}@example.com"
        and user.check_password(DEMO_PASSWORD)
    )


def unsafe_here() -> str:
    """Why the demo must not load into this database ('' when it may): its logins are
    known (olivia / fairchase-demo is an admin), so never beside anyone's own users or leads."""
    users = get_user_model().objects.order_by("pk").iterator()
    names = [u.get_username() for u in islice((u for u in users if not _the_demos(u)), 3)]
    if names:
        return f"this database has users of its own ({', '.join(names)})"
    if Lead.objects.exists():
        return "this database has leads"
    return ""


# Leads of each kind at most: the demo draws their phone numbers from 64,000 without repeats.
MOST = 30_000


class Command(BaseCommand):
    help = (
        "Load demo data: 3 users, finished history, open leads at every stage; fit and plan. "
        "Only into a new database: it refuses one with users of its own or leads."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Where the demo may not load (users or leads exist), say so and exit 0.",
        )
        parser.add_argument(
            "--history", type=whole(0, MOST), default=500, help="Finished leads to create."
        )
        parser.add_argument(
            "--open", type=whole(0, MOST), default=180, help="Open leads to create."
        )
        parser.add_argument("--seed", type=any_whole, default=7)

    def handle(self, *args, if_empty, history, open, seed, **opts):
        why = unsafe_here()
        if why and if_empty:
            self.stdout.write(f"Demo data not loaded: {why}.")
            return
        if why:
            raise CommandError(
                f"demo refused: {why}, and the demo adds known logins (olivia / {DEMO_PASSWORD} "
                f"is an admin). Load it into a new database (make run on a fresh clone)."
            )
        counts = load_demo(n_history=history, n_open=open, seed=seed)
        seed_demo_costs()  # per-source lead costs, so Insights' money charts mean something
        # What the worker would do in its first minutes: Insights' views for the business and
        # each person, so a newcomer's first look at Insights is instant (about 15 s here).
        warm(budget=float("inf"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {counts['history']:,} finished and {counts['open']:,} open leads, "
                f"{counts['attempts']:,} attempts, {counts['commitments']:,} commitments; "
                f"model fitted on {counts['fitted_on']:,} leads."
            )
        )
        self.stdout.write(
            f"Log in as olivia / {DEMO_PASSWORD} (the owner, who sees every lead), "
            f"or sam or maria (salespeople), same password."
        )
