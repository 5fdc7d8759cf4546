from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fairchase.intake"
    label = "intake"

    def ready(self) -> None:
        from fairchase.leads import reach
        from fairchase.leads.actions.withheld import register_owner_ask
        from fairchase.leads.worker import register_step
        from fairchase.web.panels import register_lead_panel, register_nav, register_today_panel

        from . import held_wishes
        from .export_jobs import run_queued_exports
        from .jobs import run_queued_imports

        register_nav("Capture & import", "intake:home", order=40)
        reach.register_hold(held_wishes.holds)  # a wish not to be contacted, for its owner
        register_owner_ask(held_wishes.hold)  # a salesperson's hand opt-out, for its owner
        register_today_panel("intake/_held_wishes.html", held_wishes.today_context, order=41)
        register_lead_panel("intake/_held_wishes.html", held_wishes.lead_context, order=39)
        register_step("intake_imports", run_queued_imports, every=30)
        register_step("intake_exports", run_queued_exports, every=30)
