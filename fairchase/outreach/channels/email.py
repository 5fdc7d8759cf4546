"""Email through Django's email backends (SMTP from the environment, or any
django-anymail provider set as EMAIL_BACKEND), with RFC 8058 one-click unsubscribe."""

from __future__ import annotations

import email.policy
import smtplib
import time
from contextlib import nullcontext
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

from fairchase.leads.models import BusinessSettings
from fairchase.leads.normalize import outside_ascii_before_the_at
from fairchase.leads.people import display_name, on_one_line

from .. import dsn
from ..models import OutboundMessage
from ..rendering import address_unsubscribe_url, unsubscribe_url
from . import (
    CANNOT_REACH,
    LOGIN_REFUSED,
    SENDER_REFUSED,
    WRONG_SETTINGS,
    Channel,
    ChannelError,
)

# The hard limit on a header line (RFC 5322 2.1.1); below it nothing is folded.
RFC5322_LINE = 998
# An idle SMTP connection older than this is checked with NOOP before reuse.
IDLE_CHECK_SECONDS = 10
# The server's answer to DATA that asks for the message: once it came, the server may have it.
READY_FOR_DATA = 354
# How an `unknown` row says the server dropped the connection after taking the message
# (a dead worker says "The worker stopped while sending", `claiming.recover_abandoned`).
LOST_AFTER_DATA = "The mail server closed the connection after the message was handed over"
Kind = OutboundMessage.Kind


def unsubscribe_headers(message) -> dict[str, str]:
    """List-Unsubscribe (URL and mailto) and the one-click POST marker (RFC 8058). A form's
    receipt names no lead: its link stops email to the address it went to, nothing else."""
    if getattr(message, "kind", Kind.TO_LEAD) == Kind.RECEIPT:
        url = address_unsubscribe_url(message.to)
    else:
        url = unsubscribe_url(message.lead, "email", message.to)  # the address it goes to
    # The mailbox the poller reads, so an emailed "unsubscribe" is acted on too.
    candidates = (
        settings.UNSUBSCRIBE_MAILTO,
        settings.IMAP_USER,
        sending_address(),
    )
    mailbox = next((c for c in candidates if c and "@" in c), "")
    parts = [f"<{url}>"]
    if mailbox:
        parts.append(f"<mailto:{mailbox}?subject=unsubscribe%20{message.message_id.strip('<>')}>")
    return {
        "List-Unsubscribe": ", ".join(parts),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def sending_address() -> str:
    """The bare address of DEFAULT_FROM_EMAIL ('Acme <sales@acme.example>' -> its address),
    parsed by the email package: every From and Message-ID we write is on it."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def sender(name: str) -> str:
    """`name` on the sending address, quoted and escaped by the email package (a name with
    quotes or a backslash arrives as typed); the sending address as set when there is no name."""
    name = on_one_line(name)
    return formataddr((name, sending_address())) if name else settings.DEFAULT_FROM_EMAIL


def from_address(lead) -> str:
    """The owner's name on the business's sending address (replies come back to the mailbox)."""
    return sender(display_name(lead.owner))


def business_from() -> str:
    """The business's name on its sending address, for what no owner signs (a form's
    receipt); the sending address as set when the business has no name yet."""
    return sender(BusinessSettings.current().business_name)


def _said(exc: smtplib.SMTPResponseException) -> str:
    """What the server answered, as words: "535 5.7.8 Authentication failed", not bytes."""
    text = exc.smtp_error
    text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _refused(recipients: dict) -> str:
    """The server refused the message's address: for good (5xx to RCPT) or for now (4xx)."""
    said = "; ".join(
        f"{to}: {_said(smtplib.SMTPResponseException(code, text))}"
        for to, (code, text) in recipients.items()
    )
    return f"The mail server refused the address ({said})."


def _no_such_address(recipients: dict) -> bool:
    """Every refusal names the address itself as wrong, by its status code as a bounce report's
    is read (`dsn.classify`: 5.1.x about the recipient, 5.2.1), not a policy refusal (5.7.x)
    or a full mailbox (5.2.2), which say nothing against the address. A server answers for
    our own sender address at this step too (Postfix: "550 5.1.0 <us@...>: Sender address
    rejected"), so a 5.1.0 or a refusal naming the sender never counts (review31 #1)."""

    def theirs(code, text) -> bool:
        said = _said(smtplib.SMTPResponseException(code, text))
        status = dsn.status_code(said)
        return (
            dsn.classify(status) == dsn.ADDRESS
            and status != "5.1.0"
            and "sender" not in said.lower()
        )

    return bool(recipients) and all(theirs(code, text) for code, text in recipients.values())


def _not_open(exc: Exception) -> ChannelError:
    """Why no session could be opened, in words naming what to check: the login (EMAIL_HOST_USER /
    EMAIL_HOST_PASSWORD), else the server itself. Never the message's fault: it waits."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return ChannelError(
            f"{LOGIN_REFUSED}: check EMAIL_HOST_USER / EMAIL_HOST_PASSWORD (it said {_said(exc)}).",
            "retry",
            server=True,
        )
    said = _said(exc) if isinstance(exc, smtplib.SMTPResponseException) else str(exc)
    where = _where()
    hint = (
        ""
        if settings.EMAIL_CONFIGURED
        else " No mail server is set up yet: set EMAIL_HOST (README, Configuration)."
    )
    return ChannelError(f"{CANNOT_REACH}{where}: {said}.{hint}", "retry", server=True)


def settings_problem() -> str:
    """What is wrong with the mail settings, found without connecting ("" when nothing is):
    said by `fairchase check` (and at the start of `serve` and the worker), and as the reason
    of every message that waits for them."""
    try:
        mailers.default.close()  # built, never opened: no network
    except (ImproperlyConfigured, ValueError) as exc:
        return wrong_settings(exc)
    return ""


def wrong_settings(exc: Exception) -> str:
    options = settings.MAILERS.get("default", {}).get("OPTIONS", {})
    if options.get("use_tls") and options.get("use_ssl"):
        return (
            f"{WRONG_SETTINGS}: EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on: port 587 "
            "takes TLS (EMAIL_USE_TLS=1), port 465 SSL (EMAIL_USE_SSL=1). Nothing was sent."
        )
    return f"{WRONG_SETTINGS}: {exc} Nothing was sent."


def _where() -> str:
    """ " at host:port" of the SMTP settings ("" for an API backend such as anymail's)."""
    options = settings.MAILERS.get("default", {}).get("OPTIONS", {})
    host, port = options.get("host"), options.get("port")
    return f" at {host}:{port}" if host else ""


def _no_smtputf8(address: str) -> ChannelError:
    return ChannelError(
        f"Not sent: {address} has letters outside ASCII before the @, and the mail "
        f"server{_where()} does not offer SMTPUTF8, the only way to write such an address. "
        "Nothing went out: ask them for another address, or reach them another way.",
        "failed",
    )


def _send_smtputf8(connection, message: EmailMessage) -> None:
    """Send over SMTPUTF8 (the envelope and headers in UTF-8), as Django's SMTP backend sends
    everything else; refused in words (`failed`, nothing sent) when the server does not offer
    it. Another backend (an anymail provider) is left to send it its own way."""
    if not isinstance(connection, SmtpBackend):
        connection.send_messages([message])
        return
    with getattr(connection, "_lock", nullcontext()):
        connection.open()
        smtp = connection.connection
        smtp.ehlo_or_helo_if_needed()
        if not smtp.has_extn("smtputf8"):
            raise _no_smtputf8(", ".join(message.recipients()))
        recipients = [connection.prep_address(a, force_ascii=False) for a in message.recipients()]
        smtp.sendmail(
            connection.prep_address(message.from_email),
            recipients,
            message.message(policy=email.policy.SMTPUTF8).as_bytes(),
            mail_options=["SMTPUTF8"],
        )


def _track_replies(smtp) -> None:
    """Keep the code of the server's last reply on the session (`last_code`), so a dropped
    connection can say how far the message got: before DATA's 354 the server has nothing of it."""
    getreply = smtp.getreply

    def tracked():
        code, text = getreply()
        smtp.last_code = code
        return code, text

    smtp.getreply = tracked
    smtp.last_code = None


def _lost(exc: Exception, smtp) -> ChannelError:
    """A connection dropped mid-send: before the message's data was handed over (at MAIL, RCPT,
    DATA's 354, or a kept-open session found dead) nothing arrived, so it waits and is tried
    again, as when the server is down; after, the server may have it: a person decides. A
    session whose replies were not followed (an API backend's) may have gone at any point."""
    said = str(exc) or type(exc).__name__
    if not hasattr(smtp, "last_code"):
        return ChannelError(f"Connection lost while sending: {said}", "unknown")
    if smtp.last_code != READY_FOR_DATA:
        return ChannelError(
            f"{CANNOT_REACH}{_where()}: the connection was lost before the message was handed "
            f"over ({said}). Nothing was sent; it is tried again.",
            "retry",
            server=True,
        )
    return ChannelError(
        f"{LOST_AFTER_DATA}, before it said whether it took it ({said}): "
        "check whether it arrived, then confirm or resend.",
        "unknown",
    )


class OutreachEmail(EmailMessage):
    """Headers are never folded into encoded words: mail clients read List-Unsubscribe's
    <URL> verbatim (RFC 2369/8058), and a long signed URL would otherwise be mangled."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=RFC5322_LINE))


class EmailChannel(Channel):
    name = "email"
    _shared: EmailChannel | None = None

    def __init__(self) -> None:
        self.connection = None
        self.last_used = 0.0

    @classmethod
    def shared(cls) -> EmailChannel:
        # One kept-open connection per worker process: a new SMTP session per message
        # would cap throughput at the handshake rate.
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def _connection(self):
        if self.connection is not None and time.monotonic() - self.last_used > IDLE_CHECK_SECONDS:
            smtp = getattr(self.connection, "connection", None)
            try:
                if smtp is not None:
                    smtp.noop()
            except (smtplib.SMTPException, OSError):
                self.close()
        if self.connection is None:
            try:
                self.connection = mailers.default  # built from the settings: no network yet
            except (ImproperlyConfigured, ValueError) as exc:
                raise ChannelError(wrong_settings(exc), "retry", server=True) from exc
            try:
                self.connection.open()
            except (smtplib.SMTPException, OSError) as exc:
                self.connection = None
                raise _not_open(exc) from exc
            if isinstance(smtp := getattr(self.connection, "connection", None), smtplib.SMTP):
                _track_replies(smtp)
        return self.connection

    def build(self, message) -> EmailMessage:
        if (
            getattr(message, "kind", Kind.TO_LEAD) == Kind.OWNER_ALERT
        ):  # to our own user: from us, nothing to unsubscribe from
            return OutreachEmail(
                subject=on_one_line(message.subject),
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.to],
                headers={"Message-ID": message.message_id},
            )
        headers = {"Message-ID": message.message_id, **unsubscribe_headers(message)}
        receipt = (
            getattr(message, "kind", Kind.TO_LEAD) == Kind.RECEIPT
        )  # from the business, no owner's
        return OutreachEmail(
            subject=on_one_line(message.subject),
            body=message.body,
            from_email=business_from() if receipt else from_address(message.lead),
            to=[message.to],
            headers=headers,
        )

    def send(self, message) -> str:
        email = self.build(message)
        connection = self._connection()
        smtp = getattr(connection, "connection", None)
        if hasattr(smtp, "last_code"):
            smtp.last_code = None  # this message's replies only
        try:
            if outside_ascii_before_the_at(message.to):
                _send_smtputf8(connection, email)
            else:
                connection.send_messages([email])
        except ChannelError:
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            codes = [code for code, _ in exc.recipients.values()]
            outcome = "failed" if codes and all(500 <= c < 600 for c in codes) else "retry"
            raise ChannelError(
                _refused(exc.recipients), outcome, bad_address=_no_such_address(exc.recipients)
            ) from exc
        except smtplib.SMTPSenderRefused as exc:
            # the same sender goes on every message: the settings' fault, never the message's
            self.close()
            raise ChannelError(
                f"{SENDER_REFUSED} {exc.sender!s}: {_said(exc)}. Check DEFAULT_FROM_EMAIL, "
                "and EMAIL_HOST_USER / EMAIL_HOST_PASSWORD if the server wants a login.",
                "retry",
                server=True,
            ) from exc
        except smtplib.SMTPResponseException as exc:
            self.close()
            outcome = "failed" if 500 <= exc.smtp_code < 600 else "retry"
            # 421: the server is closing the session for now (nothing taken): its trouble
            raise ChannelError(
                f"Mail server said {_said(exc)}", outcome, server=exc.smtp_code == 421
            ) from exc
        except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise _lost(exc, smtp) from exc
        except Exception as exc:  # an API backend (anymail) failing in a way we cannot read
            self.close()
            raise ChannelError(f"{type(exc).__name__}: {exc}", "unknown") from exc
        self.last_used = time.monotonic()
        status = getattr(email, "anymail_status", None)
        return (
            (getattr(status, "message_id", None) or message.message_id)
            if status
            else message.message_id
        )

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # closing a broken connection must not mask the real error
                pass
            self.connection = None
