"""System checks (`fairchase check`, and the start of every command): mail settings that
cannot work are said before any message waits on them."""

from __future__ import annotations

from django.core import checks


@checks.register(checks.Tags.compatibility)
def mail_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A warning, not an error: the web app and the worker still start (people keep working,
    messages wait in the Outbox, Today says why) while someone fixes the environment."""
    from .channels.email import settings_problem

    if why := settings_problem():
        return [
            checks.Warning(
                why,
                hint="Set the EMAIL_* variables (README, Configuration), then restart.",
                id="outreach.W001",
            )
        ]
    return []
