"""`fairchase fit`: learn from the finished leads now and recompute every plan."""

from django.core.management.base import BaseCommand
from rich.progress import Progress

from fairchase.leads import planning


class Command(BaseCommand):
    help = "Fit the decision core on the finished leads and recompute all open leads' plans."

    def handle(self, *args, **opts):
        row = planning.refit()
        self.stdout.write(f"Fitted on {row.n_leads} finished leads.")
        with Progress(transient=True) as bar:
            task = bar.add_task("Recomputing plans", total=None)
            n = planning.replan_all(progress=lambda done, total: bar.update(task, completed=done, total=total))
        self.stdout.write(f"Recomputed {n} plans.")
