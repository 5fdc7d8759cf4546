"""URLs of the web app."""

urlpatterns: list = []
