from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "fairchase.outreach"
    label = "outreach"
