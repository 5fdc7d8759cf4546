"""One class per channel (healthchecks' transports): `send(message)` returns the
provider's id or raises `ChannelError` saying whether trying again could help."""

from __future__ import annotations


class ChannelError(Exception):
    """Sending failed. `outcome` says what we know:

    - "retry": nothing was delivered, try again later (connection refused, 4xx);
    - "failed": nothing was delivered and retrying will not help (5xx, bad address);
    - "unknown": the provider may or may not have accepted it (timeout mid-send):
      a person must decide, so it is never retried automatically.

    `server`: the fault is the server's or its settings' (unreachable, a wrong password, a
    sender it will not take), not the message's: the message waits and is retried, however
    long it takes, and Today says why (`SERVER_TROUBLE`).
    """

    def __init__(
        self, message: str, outcome: str = "retry", *, server: bool = False, bad_address=False
    ) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.server = server and outcome == "retry"
        # the recipient's server said the address itself is wrong (5.1.x "no such user"):
        # it is blocked as a bounce report saying so blocks it (`bounces.address_refused`)
        self.bad_address = bad_address and outcome == "failed"


# How each reason about the server (not the message) begins, as a waiting row's error keeps
# it: Today's notice finds the messages waiting for the server by these words.
CANNOT_REACH = "Cannot reach the mail server"
LOGIN_REFUSED = "The mail server refused the user name or password"
SENDER_REFUSED = "The mail server refused to take mail from"
WRONG_SETTINGS = "Mail settings are wrong"
TEXTS_UNREACHABLE = "Cannot reach the text provider"
TEXTS_LOGIN_REFUSED = "The text provider refused the account"
SERVER_TROUBLE = (
    CANNOT_REACH,
    LOGIN_REFUSED,
    SENDER_REFUSED,
    WRONG_SETTINGS,
    TEXTS_UNREACHABLE,
    TEXTS_LOGIN_REFUSED,
)


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
