from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fairchase.api"
    label = "api"
