"""URLs of the intake app."""

urlpatterns: list = []
