"""Every URL pattern of the whole project, collected from the resolver (so a view added
by any app is covered by the authorization and CSRF tests without editing them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import django
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# Public URLs: anonymous users may use them. Each entry says why. Apps that add a public
# endpoint (unsubscribe links, capture webhooks, calendar feeds) add it here,
# keyed by the URL's full name ("namespace:name") or, for unnamed ones, its route.
PUBLIC = {
    "login": "the login form",
    "admin:login": "Django admin's own login form",
    "admin_login": "Django admin's login form, through the app's throttled login",
    "admin:logout": "logging out needs no login (it only ends a session)",
    "outreach:unsubscribe": "opt-out links in emails work without logging in (signed token)",
    "outreach:sms_inbound": "the SMS provider's webhook for replies and STOP (checks its signature)",
    "intake:capture": "the public enquiry form, found by its unguessable key",
    "intake:webhook": "the capture webhook for other sites' forms, found by its key",
    "intake:calendar": "iCalendar feed, authenticated by the secret in its URL",
}

# Pages only an owner/admin may open (a salesperson gets 403). Each entry says why.
ADMIN_ONLY = {
    "outreach:template_add": "templates are shared by the team: only admins create them",
}

# Views that accept a POST without Django's CSRF token. Each needs a reason (a webhook
# authenticated by a secret, or an API authenticated by a token rather than a cookie).
CSRF_EXEMPT = {
    "outreach:sms_inbound": "called by the SMS provider, which has no CSRF cookie",
    "intake:capture": "posted from other sites' pages, which cannot carry our CSRF token",
    "intake:webhook": "called by other sites' servers; checks its own key",
    "outreach:unsubscribe": "one-click unsubscribe (RFC 8058) is POSTed by mail clients",
}
# django-ninja marks its views csrf_exempt and checks CSRF itself for cookie (session)
# authentication; the CSRF test still posts to them with a session and no token.

# URL prefixes that answer machines, not browsers: an anonymous call gets 401/403/404
# instead of a redirect to the login page.
NON_HTML_PREFIXES = ("/api/",)


@dataclass(frozen=True)
class Route:
    template: str  # e.g. "leads/<int:pk>/outcome/" ("^" and "$" stripped from regexes)
    name: str  # "namespace:name", or "" when unnamed
    params: tuple[tuple[str, str], ...]  # (name, kind): kind is the converter or "regex:..."
    callback: object

    @property
    def key(self) -> str:
        return self.name or self.template

    @property
    def is_public(self) -> bool:
        return self.key in PUBLIC

    @property
    def only_lead_params(self) -> bool:
        """Every parameter names one of Alice's objects (so she must be able to open it)."""
        for name, _kind in self.params:
            low = name.lower()
            before = self.template.split("<", 1)[0]
            if (
                "lead" in low
                or "commitment" in low
                or (low in ("pk", "id") and before.endswith("leads/"))
            ):
                continue
            return False
        return True

    @property
    def is_admin_site(self) -> bool:
        return self.template.startswith("admin/")


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def _segment(pattern) -> tuple[str, list[tuple[str, str]]]:
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        params = [(m["name"], m["conv"] or "str") for m in _ROUTE_PARAM.finditer(text)]
        return text, params
    if isinstance(pattern, RegexPattern):
        text = text.lstrip("^").rstrip("$").replace("\\", "")
        params = [(m["name"], "regex:" + m["body"]) for m in _REGEX_PARAM.finditer(text)]
        return text, params
    return text, []


def _walk(resolver, prefix="", namespace="", params=()):
    for p in resolver.url_patterns:
        seg, seg_params = _segment(p.pattern)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p, prefix + seg, ns, params + tuple(seg_params))
        elif isinstance(p, URLPattern):
            yield Route(
                prefix + seg,
                f"{namespace}{p.name}" if p.name else "",
                params + tuple(seg_params),
                p.callback,
            )


def all_routes() -> list[Route]:
    """Every URL pattern of the project (the admin's unnamed catch-alls left out)."""
    django.setup()
    seen, out = set(), []
    for r in _walk(get_resolver()):
        if r.template.endswith("(?P<url>.*)") or "(?P<url>" in r.template:
            continue  # the admin's catch-all "not found" view takes any path
        if r.template not in seen:
            seen.add(r.template)
            out.append(r)
    return out


def fill(route: Route, values: dict[str, str]) -> str:
    """A concrete path for the route: parameters named like a lead id get Alice's lead, etc."""
    path = route.template

    def value_for(name: str, kind: str) -> str:
        low = name.lower()
        if "commitment" in low:
            return values["commitment"]
        if "attempt" in low:
            return values["attempt"]
        if low == "content_type_id":
            return values["content_type"]
        if low == "app_label":
            return "leads"
        if low in ("pk", "id", "object_id", "lead", "lead_id", "lead_pk") or low.endswith(
            "lead_id"
        ):
            return values["lead"]
        if kind.startswith("regex:"):
            first = kind[6:].split("|")[0]
            return first if re.fullmatch(r"[\w-]+", first) else "x"
        return values["lead"] if kind == "int" else "x"

    for name, kind in route.params:
        v = value_for(name, kind)
        if kind.startswith("regex:"):
            path = re.sub(
                rf"\(\?P<{re.escape(name)}>[^()]*(?:\([^()]*\)[^()]*)*\)", v, path, count=1
            )
        else:
            path = re.sub(rf"<(?:[^>:]+:)?{re.escape(name)}>", v, path, count=1)
    return "/" + path
