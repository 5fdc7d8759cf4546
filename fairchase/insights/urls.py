"""URLs of the insights app."""

urlpatterns: list = []
