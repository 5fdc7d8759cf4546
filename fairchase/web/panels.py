"""Extension points: how other apps add to the web UI without editing it.

Apps register from their AppConfig.ready():
- nav items (label + URL name),
- lead-page panels (a template rendered with `lead` and `request`, plus extra context),
- Today row extras (a template rendered inside each agenda row, e.g. a drafted message),
  with an optional `prepare(request, leads)` called once per page with every row's lead,
  so an extra can load what it needs in one query instead of one per row; an extra's
  `context(request, lead)` may return None for "nothing on this row" (its template is
  then not rendered at all),
- Today panels (a template rendered once at the top of the agenda, `context(request)` -> dict),
- timeline sources (functions returning timeline entries for a lead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int = 50
    admin_only: bool = False


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable | None = (
        None  # (request, lead) -> dict (Today extras: or None); Today blocks: (request) -> dict
    )
    order: int = 50
    prepare: Callable | None = None  # Today extras: (request, leads) -> None, once per page


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # short tag shown as a badge: "email sent", "reply", ...
    title: str
    body: str = ""
    url: str = ""


NAV: list[NavItem] = []
LEAD_PANELS: list[Panel] = []
TODAY_EXTRAS: list[Panel] = []
TIMELINE_SOURCES: list[Callable] = []  # (lead) -> list[TimelineEntry]
TODAY_PANELS: list[Panel] = []  # page-level blocks at the top of the agenda: (request) -> dict


def _add(registry: list, item) -> None:
    if item not in registry:
        registry.append(item)
        registry.sort(key=lambda x: getattr(x, "order", 50))


def register_nav(label: str, url_name: str, order: int = 50, admin_only: bool = False) -> None:
    _add(NAV, NavItem(label, url_name, order, admin_only))


def register_lead_panel(template: str, context: Callable | None = None, order: int = 50) -> None:
    _add(LEAD_PANELS, Panel(template, context, order))


def register_today_extra(
    template: str, context: Callable | None = None, order: int = 50, prepare: Callable | None = None
) -> None:
    _add(TODAY_EXTRAS, Panel(template, context, order, prepare))


def prepare_today(request, leads: list) -> None:
    """Let each Today extra batch-load its data for all rows (called by the web app)."""
    for panel in TODAY_EXTRAS:
        if panel.prepare is not None:
            panel.prepare(request, leads)


def register_timeline(source: Callable) -> None:
    if source not in TIMELINE_SOURCES:
        TIMELINE_SOURCES.append(source)


def register_today_panel(template: str, context: Callable | None = None, order: int = 50) -> None:
    """A block at the top of Today's agenda (re-rendered with it), e.g. messages to send."""
    _add(TODAY_PANELS, Panel(template, context, order))
