from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fairchase.intake"
    label = "intake"
