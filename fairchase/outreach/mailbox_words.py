"""What went wrong reading the mailbox, in words naming the settings to check (for
`mailbox`, which keeps them on its cursor for Today, the Outbox and `send_outbox`)."""

from __future__ import annotations

import imaplib
import ssl

from django.conf import settings
from imapclient.exceptions import LoginError

LOGIN_SETTINGS = "check IMAP_USER / IMAP_PASSWORD"


def _where() -> str:
    return f"{settings.IMAP_HOST}:{settings.IMAP_PORT}"


def _why_unreadable(exc: Exception) -> str:
    """What went wrong reading the mailbox, in words naming the settings to check."""
    where = _where()
    if isinstance(exc, LoginError):
        said = str(exc)
        said = said[2:-1] if said[:2] in ("b'", 'b"') else said  # imapclient keeps a bytes repr
        return (
            f"The mail server refused the IMAP login for {settings.IMAP_USER} at {where}: "
            f"{LOGIN_SETTINGS} ({said})."
        )
    if isinstance(exc, ssl.SSLError) or (
        isinstance(exc, imaplib.IMAP4.abort) and settings.IMAP_SSL is False
    ):
        return (
            f"Cannot read the mailbox at {where} ({exc}): check IMAP_SSL (1 for an SSL port "
            "such as 993, 0 for a plain one such as 143) and IMAP_PORT."
        )
    if isinstance(exc, OSError):
        # a plain client at an SSL port hears nothing back: that is a setting too
        tls = "" if settings.IMAP_SSL else " (and IMAP_SSL=1 if the port speaks SSL, as 993 does)"
        return f"Cannot reach the mailbox at {where} ({exc}): check IMAP_HOST / IMAP_PORT{tls}."
    return f"The mailbox at {where} could not be read ({exc})."
