"""Root URLs: each app keeps its own urls.py."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from fairchase.web.views.account import admin_login

urlpatterns = [
    # The admin's login goes through the app's throttled login (per account and per address).
    path(
        "admin/login/", sensitive_post_parameters()(csrf_protect(admin_login)), name="admin_login"
    ),
    path("admin/", admin.site.urls),
    path("api/", include("fairchase.api.urls")),
    path("o/", include("fairchase.outreach.urls")),
    path("in/", include("fairchase.intake.urls")),
    path("insights/", include("fairchase.insights.urls")),
    path("", include("fairchase.web.urls")),
]

handler404 = "fairchase.web.views.common.not_found"
