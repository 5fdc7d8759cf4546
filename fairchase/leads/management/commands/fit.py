"""`fairchase fit`: learn from the lead book now and recompute every plan."""

from django.core.management.base import BaseCommand
from rich.progress import Progress

from fairchase.leads import planning


class Command(BaseCommand):
    help = "Fit the decision core on the lead book (finished leads, and the tries of leads still being chased); recompute all open leads' plans."

    def handle(self, *args, **opts):
        row = planning.refit()
        self.stdout.write(
            f"Fitted on {row.n_leads} leads (finished, or still being chased with tries so far)."
        )
        with Progress(transient=True) as bar:
            task = bar.add_task("Recomputing plans", total=None)
            n = planning.replan_all(
                progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        self.stdout.write(f"Recomputed {n} plans.")
