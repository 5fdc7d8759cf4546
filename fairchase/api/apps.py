from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fairchase.api"
    label = "api"

    def ready(self) -> None:
        from fairchase.web.panels import register_nav

        register_nav("API", "api_tokens", order=70)
