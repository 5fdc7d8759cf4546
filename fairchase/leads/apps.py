from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "fairchase.leads"
    label = "leads"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_save

        from . import jobs, people, search  # noqa: F401  (people, search connect signals)
        from .backup import keep_sqlite_private
        from .home import forget
        from .models import BusinessSettings
        from .worker import register_step

        connection_created.connect(keep_sqlite_private, dispatch_uid="keep_sqlite_private")
        # saved Settings: this process reads the phone region and currency afresh
        post_save.connect(lambda **_: forget(), sender=BusinessSettings, weak=False)

        register_step("refit", jobs.refit_if_stale, every=600)
        register_step("lapse_commitments", jobs.lapse_commitments, every=60)
        register_step("wake_revisits", jobs.wake_revisits, every=300)
        register_step("replan_stale", jobs.replan_stale, every=120)
