from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "fairchase.insights"
    label = "insights"

    def ready(self) -> None:
        from fairchase.leads.worker import register_step
        from fairchase.web.panels import register_nav

        from .snapshot import warm

        register_nav("Insights", "insights", order=60)
        # Keep every view a page opens computed after each refit or history change. Registered
        # last (this app is last in INSTALLED_APPS), so a worker's sends come before it.
        register_step("insights_warm", warm, every=30)
