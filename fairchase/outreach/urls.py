"""URLs of the outreach app."""

urlpatterns: list = []
