"""`fairchase demo`: load realistic demo data (users, six months of history, open leads)."""

from django.core.management.base import BaseCommand

from fairchase.insights.snapshot import warm
from fairchase.insights.synthetic import seed_demo_costs
from fairchase.leads.demo import DEMO_PASSWORD, load_demo
from fairchase.leads.models import Lead


class Command(BaseCommand):
    help = "Load demo data: 3 users, finished history, open leads at every stage; fit and plan."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when leads exist.")
        parser.add_argument("--history", type=int, default=500, help="Finished leads to create.")
        parser.add_argument("--open", type=int, default=180, help="Open leads to create.")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, if_empty, history, open, seed, **opts):
        if if_empty and Lead.objects.exists():
            self.stdout.write("Leads exist already: demo data not loaded.")
            return
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
