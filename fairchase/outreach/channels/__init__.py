"""One class per channel (healthchecks' transports): `send(message)` returns the
provider's id or raises `ChannelError` saying whether trying again could help."""

from __future__ import annotations


class ChannelError(Exception):
    """Sending failed. `outcome` says what we know:

    - "retry": nothing was delivered, try again later (connection refused, 4xx);
    - "failed": nothing was delivered and retrying will not help (5xx, bad address);
    - "unknown": the provider may or may not have accepted it (timeout mid-send):
      a person must decide, so it is never retried automatically.
    """

    def __init__(self, message: str, outcome: str = "retry") -> None:
        super().__init__(message)
        self.outcome = outcome


class Channel:
    name = ""

    def send(self, message) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        """Release a kept-open connection (between worker iterations)."""


def channel_for(name: str) -> Channel:
    from .email import EmailChannel
    from .text import TextChannel

    return {"email": EmailChannel, "text": TextChannel}[name].shared()
