"""URLs of the api app (mounted at /api/): token pages, then the ninja API."""

from django.urls import path, re_path

from . import views
from .api import api

urlpatterns = [
    path("tokens/", views.tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
    path("", api.urls),
    # Any other address under /api/ (the token pages' aside, which a slash completes) is
    # an endpoint that does not exist: said in the API's error shape, not as a web page.
    re_path(r"^(?!tokens(?:/|$))", views.no_such_endpoint),
]
