from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "fairchase.insights"
    label = "insights"
