from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "fairchase.insights"
    label = "insights"

    def ready(self) -> None:
        from fairchase.leads.worker import register_step
        from fairchase.web.panels import register_nav

        from .snapshot import warm_whole_business

        register_nav("Insights", "insights", order=60)
        # Keep the owner's default view computed after each refit or history change.
        register_step("insights_warm", warm_whole_business, every=900)
