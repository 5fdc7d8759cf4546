from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "fairchase.web"
    label = "web"

    def ready(self) -> None:
        from . import consent_asks, panels

        # the owner's asks to renew consent, before the held import wishes (order 41)
        panels.register_today_panel("web/_asked_of_you.html", consent_asks.today_context, order=40)
