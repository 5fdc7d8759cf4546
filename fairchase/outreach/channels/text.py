"""Texts through a Twilio-compatible Messages API (POST To/From/Body, basic auth),
and the check of the provider's signature on inbound webhooks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from fairchase import texting

from . import TEXTS_LOGIN_REFUSED, TEXTS_UNREACHABLE, Channel, ChannelError

OPT_OUT_HINT = "Reply STOP to opt out."
# A body that already tells the reader how to stop texts ("Reply STOP to opt out", "text STOP").
_SAYS_HOW_TO_STOP = re.compile(r"\b(?:reply|text|send)\s+[\"'“]?stop\b", re.IGNORECASE)
TIMEOUT = 15


def messages_url() -> str:
    """SMS_API_URL is either the full Messages endpoint or the API root (Twilio's /2010-04-01)."""
    url = settings.SMS_API_URL.rstrip("/")
    if url.endswith(".json") or "/Messages" in url:
        return url.replace("{sid}", settings.SMS_ACCOUNT_SID)
    return f"{url}/Accounts/{settings.SMS_ACCOUNT_SID}/Messages.json"


def with_opt_out_hint(body: str) -> str:
    """Every text says how to stop them (carriers require it, and it is decent)."""
    if _SAYS_HOW_TO_STOP.search(body):  # "stop by your office" says no such thing
        return body
    return f"{body.rstrip()}\n{OPT_OUT_HINT}"


def signature(url: str, params: dict[str, str], token: str | None = None) -> str:
    """Twilio's request signature: HMAC-SHA1 over the URL and the sorted POST fields."""
    payload = url + "".join(f"{k}{params[k]}" for k in sorted(params))
    key = (token if token is not None else settings.SMS_AUTH_TOKEN).encode()
    return base64.b64encode(hmac.new(key, payload.encode(), hashlib.sha1).digest()).decode()


def valid_signature(urls: list[str], params: dict[str, str], given: str) -> bool:
    if not settings.SMS_AUTH_TOKEN or not given:
        return False
    return any(hmac.compare_digest(signature(u, params), given) for u in urls)


class TextChannel(Channel):
    name = "text"

    @classmethod
    def shared(cls) -> TextChannel:
        return cls()

    def send(self, message) -> str:
        if not texting.configured():
            raise ChannelError(texting.NOT_CONFIGURED, "failed")
        data = urllib.parse.urlencode(
            {"To": message.to, "From": settings.SMS_FROM, "Body": message.body}
        ).encode()
        request = urllib.request.Request(messages_url(), data=data, method="POST")
        auth = base64.b64encode(
            f"{settings.SMS_ACCOUNT_SID}:{settings.SMS_AUTH_TOKEN}".encode()
        ).decode()
        request.add_header("Authorization", f"Basic {auth}")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode(errors="replace")
            if exc.code in (401, 403):  # every text would get the same answer: the settings'
                raise ChannelError(
                    f"{TEXTS_LOGIN_REFUSED} SID or token ({exc.code}): check SMS_ACCOUNT_SID / "
                    "SMS_AUTH_TOKEN.",
                    "retry",
                    server=True,
                ) from exc
            # 429 and 5xx: the provider refused for now; other 4xx: the request is wrong.
            outcome = "retry" if exc.code == 429 or exc.code >= 500 else "failed"
            raise ChannelError(f"Text provider said {exc.code}: {detail}", outcome) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror)):
                raise ChannelError(
                    f"{TEXTS_UNREACHABLE}: {exc.reason}", "retry", server=True
                ) from exc
            raise ChannelError(f"Text provider did not answer: {exc.reason}", "unknown") from exc
        except (TimeoutError, OSError, ValueError) as exc:
            raise ChannelError(f"Text provider did not answer: {exc}", "unknown") from exc
        return str(payload.get("sid") or payload.get("id") or "")
