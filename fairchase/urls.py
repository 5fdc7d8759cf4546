"""Root URLs: each app keeps its own urls.py."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("fairchase.api.urls")),
    path("o/", include("fairchase.outreach.urls")),
    path("in/", include("fairchase.intake.urls")),
    path("insights/", include("fairchase.insights.urls")),
    path("", include("fairchase.web.urls")),
]
