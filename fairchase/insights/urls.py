"""URLs of the insights app (mounted at /insights/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.insights, name="insights"),
    path("whatif/", views.whatif, name="insights-whatif"),
    path("costs/", views.save_costs, name="insights-costs"),
]
