from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "fairchase.web"
    label = "web"
