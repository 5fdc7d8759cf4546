"""Template helpers: nav items, registered panels and extras, durations, money."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import timedelta

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from fairchase import clock
from fairchase.intake.rows import IMPORT_NOTE
from fairchase.leads import reach
from fairchase.leads.home import home
from fairchase.leads.models import Status, Suppression
from fairchase.leads.normalize import country_without_zone, display_phone
from fairchase.leads.people import display_name, is_admin
from fairchase.policy import reasons
from fairchase.web import once, panels, words
from fairchase.web.agenda import OUTCOME_BUTTONS
from fairchase.web.agenda_rows import MESSAGE_CHANNELS, VOICE_OUTCOMES

register = template.Library()
log = logging.getLogger("fairchase.web")


@register.simple_tag(takes_context=True)
def nav_items(context):
    """Registered nav items this user may see, as (label, url, active) tuples."""
    request = context.get("request")
    admin = bool(request and is_admin(request.user))
    out = []
    for item in panels.NAV:
        if item.admin_only and not admin:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append((item.label, url, bool(request and request.path.startswith(url))))
    return out


def _render_panels(registry, context, lead, skip_none: bool = False) -> str:
    """Each panel's template for this lead. With `skip_none` (Today extras), a context
    function returning None means "nothing for this row" and its template is not rendered
    at all: Today has hundreds of rows, most without an extra. ({} still renders.)"""
    request = context.get("request")
    parts = []
    for panel in registry:
        try:
            extra = panel.context(request, lead) if panel.context else {}
            if extra is None and skip_none:
                continue
            parts.append(
                render_to_string(panel.template, {"lead": lead, **(extra or {})}, request=request)
            )
        except Exception:  # one broken extension must not break the page
            log.exception("panel %s failed for lead %s", panel.template, getattr(lead, "pk", None))
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def lead_panels(context, lead):
    """The lead-page panels other apps registered."""
    return _render_panels(panels.LEAD_PANELS, context, lead)


@register.simple_tag(takes_context=True)
def today_extras(context, lead):
    """The per-row extras other apps registered for Today."""
    return _render_panels(panels.TODAY_EXTRAS, context, lead, skip_none=True)


@register.simple_tag(takes_context=True)
def today_panels(context):
    """Page-level blocks other apps registered for the top of Today's agenda."""
    request = context.get("request")
    parts = []
    for panel in panels.TODAY_PANELS:
        try:
            extra = panel.context(request) if panel.context else {}
            parts.append(render_to_string(panel.template, extra or {}, request=request))
        except Exception:  # one broken extension must not break the page
            log.exception("today panel %s failed", panel.template)
    return mark_safe("".join(parts))


# A button in a form submits it: no type="submit" repeated on every button of every row.
def _button(value: str, label: str, name: str = "outcome") -> str:
    return f'<button name="{name}" value="{value}" class="btn btn-small outcome-{value}">{label}</button>'


# Stop chasing is not an opt-out: said on the button, where a person who heard "stop
# calling me" looks (eval34 #2).
_STOP = (
    '<button name="outcome" value="stop" class="btn btn-small outcome-stop" title="Stop '
    "chasing for now: the mailing list (with their consent) or closed, as the plan says. "
    'Not an opt-out.">Stop chasing</button>'
)
# The person asked not to be contacted: an outcome of the try (`Outcome.OPTED_OUT`), for
# good (Today's Undo cannot bring them back), so it asks first (app.js: data-confirm).
OPT_OUT_BUTTON = (
    '<button name="{name}" value="opted_out" class="btn btn-small outcome-opted_out" '
    'data-confirm="They asked not to be contacted? Their phone and email will never be used '
    'again: this cannot be undone.">Asked not to be contacted</button>'
)


@register.simple_tag
def opt_out_button() -> str:
    """The lead page's "Asked not to be contacted" under "What happened?", as on Today."""
    return mark_safe(OPT_OUT_BUTTON.format(name="outcome"))


# What can happen on a call (or a visit); never logged as an email or a text.
_VOICE = [(v, label) for v, label in OUTCOME_BUTTONS if v in VOICE_OUTCOMES]
_AFTER = "".join(_button(v, label) for v, label in OUTCOME_BUTTONS if v in ("won", "lost"))
# A call or visit card: its outcomes, then the stop and the opt-out.
_BUTTONS = (
    "".join(_button(v, label) for v, label in OUTCOME_BUTTONS if v in (*VOICE_OUTCOMES, "replied"))
    + _AFTER
    + _STOP
    + OPT_OUT_BUTTON.format(name="outcome")
)
# An email or text card: the message sent (a try with no answer yet) or answered; a call
# made instead from its ☎ link is logged as a call (name "called": `today.lead_outcome`).
_CALLED = (
    '<details class="called-instead"><summary>Called them instead?</summary>'
    + "".join(_button(v, label, "called") for v, label in _VOICE)
    + OPT_OUT_BUTTON.format(name="called")
    + "</details>"
)
# "Sent": a message the person sent themselves (their own mail app or phone), with no
# answer yet; a message sent from the card's draft is logged by the outbox.
_SENT = _button("sent", "Sent").replace(
    "<button ", '<button title="You sent it yourself: logged as a try with no answer yet" ', 1
)
_MESSAGE_BUTTONS = (
    _SENT + _button("replied", "Replied") + _AFTER + _STOP + OPT_OUT_BUTTON.format(name="outcome")
)


def _buttons_for(lead, channel: str, commitment: bool = False, may_call: bool = False) -> str:
    """A card's outcome buttons for the channel it plans: a message's (Sent, Replied), with
    the call outcomes folded under "Called them instead?" when the lead has a phone we may
    call (`may_call`: the card offers its ☎ link); else a call's. A promise's card offers
    its few (the call or message that keeps it, the deal)."""
    message = channel in MESSAGE_CHANNELS
    called = _CALLED if message and may_call else ""
    if commitment:
        first = _SENT + _button("won", "Won") if message else _COMMITMENT_BUTTONS
        return first + OPT_OUT_BUTTON.format(name="outcome") + called
    return _MESSAGE_BUTTONS + called if message else _BUTTONS


def check_addresses(request, leads, held: Collection[int] | None = None) -> None:
    """Look up once for a whole page which of its leads' addresses nobody may use (opted
    out or bounced, on any lead) and which of its leads are held by a request to stop
    nobody has decided on (`held`: every held lead's id when the page has them already,
    `reach.held_ids`); `contact_links` reads the answers from the request."""
    values = {v for lead in leads for v in (lead.email, lead.phone) if v}
    blocked = Suppression.among(leads)
    request.address_checks = {v: v in blocked for v in values}
    held = reach.held_among(leads) if held is None else held
    request.held_checks = {lead.pk: lead.pk in held for lead in leads}


@register.simple_tag(takes_context=True)
def contact_links(context, lead):
    """A row's call and email buttons, for the channels a try of ours may use only
    (`reach.channel_refusal`): an address that asked not to be contacted is never offered,
    and a lead held by a request to stop nobody has decided on is offered no call and no
    email, only what to do first (a call is no message the outbox can stop). (Built in
    Python like `outcome_form`: an included template per row cost more than the rest of
    the row's links.)"""
    if lead_on_hold(context, lead):
        return format_html('<p class="reason held">{}</p>', reach.ON_HOLD_SHORT)
    blocked = {v for v, no in _address_checks(context, lead).items() if no}
    links = []
    if not reach.address_refusal(lead, "call", blocked):
        links.append(
            format_html(
                '<a href="tel:{}" class="btn btn-small">☎ {}</a>',
                lead.phone,
                display_phone(lead.phone),
            )
        )
    if not reach.address_refusal(lead, "email", blocked):
        links.append(
            format_html(
                '<a href="mailto:{}" class="btn btn-small">✉ {}</a>', lead.email, lead.email
            )
        )
    return format_html('<div class="contact-links">{}</div>', mark_safe("\n".join(links)))


@register.simple_tag(takes_context=True)
def lead_on_hold(context, lead) -> bool:
    """Whether a person must decide about the lead before any contact (`reach.is_held`),
    from the page's one look-up (`check_addresses`), or looked up now for a row it did not."""
    checks = getattr(context.get("request"), "held_checks", {})
    return checks[lead.pk] if lead.pk in checks else reach.is_held(lead)


def _address_checks(context, lead) -> dict[str, bool]:
    """Whether each of the lead's addresses is blocked, from the page's one look-up
    (`check_addresses`), or looked up now for a row the page's view did not."""
    addresses = {v for v in (lead.email, lead.phone) if v}
    checks = getattr(context.get("request"), "address_checks", {})
    if not addresses <= checks.keys():
        blocked = Suppression.among([lead])
        checks = {v: v in blocked for v in addresses}
    return checks


def _can_be_tried(context, lead) -> bool:
    """Whether a try of ours could reach the lead (not opted out, not held, an address we
    may use: `reach.usable_channels`): "Keep chasing" is offered only then, as
    `actions.add_commitment` refuses it otherwise."""
    if lead.status == Status.OPTED_OUT:
        return False
    blocked = {v for v, no in _address_checks(context, lead).items() if no}
    held = {lead.pk} if lead_on_hold(context, lead) else set()
    return bool(reach.usable_channels(lead, blocked, held))


def _may_call(context, lead) -> bool:
    """Whether the lead has a phone we may call (`reach.address_refusal`), as `contact_links`
    offers its ☎ link: none, or one suppressed or of a lead who opted out, is no call."""
    blocked = {v for v, no in _address_checks(context, lead).items() if no}
    return not reach.address_refusal(lead, "call", blocked)


@register.simple_tag(takes_context=True)
def outcome_form(context, lead, channel="", section="", scope="", next_page="", row=""):
    """A row's outcome buttons as one htmx form (built in Python: Today shows many rows).

    On Today a click swaps only its own card: the list holds how (`AGENDA_HTMX`, inherited
    by every row's form, not repeated on each). `scope`: whose leads the page shows, as its
    URL says it (`?owner=`), for the page a click without JavaScript returns to. A row
    the plan says to let go offers the stop and "Keep chasing" side by side ("Keep chasing"
    only when a try of ours could reach them)."""
    token = str(context.get("csrf_token", ""))
    url = f"{_lead_prefix()}{int(lead.pk)}/outcome/"
    if section == "commitment" and row:
        row = f"commitment:{int(row)}"  # the promise's card, put back as it was by an Undo
    hidden = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="channel" value="{}">'
        '<input type="hidden" name="row" value="{}">',
        token,
        channel or "",
        row or section or "",
    )
    if scope:
        hidden += format_html('<input type="hidden" name="owner" value="{}">', scope)
    if next_page:
        hidden += format_html('<input type="hidden" name="next" value="{}">', next_page)
    if next_page == "lead":  # a plain form, no htmx: a second tap must not act again
        hidden += once.key_field()
    if section == "let_go" or (next_page == "lead" and lead.next_action == "stop"):
        buttons = format_html(
            '<button name="outcome" value="stop" class="btn btn-small btn-primary outcome-stop">'
            "Let go: {}</button>",
            words.let_go_target(lead),
        )
        if _can_be_tried(context, lead):
            buttons += mark_safe(
                '<button name="outcome" value="keep" class="btn btn-small outcome-keep">Keep chasing</button>'
            )
        else:  # held, or no email or phone we may use: a try of ours could not reach them
            why = (
                reach.ON_HOLD_SHORT
                if lead_on_hold(context, lead)
                else "No email or phone we may use."
            )
            buttons += format_html('<span class="muted small">{}</span>', why)
    else:
        commitment = section == "commitment"
        buttons = mark_safe(_buttons_for(lead, channel, commitment, _may_call(context, lead)))
    htmx = "" if next_page == "lead" else f' hx-post="{url}"'
    return format_html(
        '<form class="outcomes" method="post" action="{}"{}>{}{}</form>',
        url,
        mark_safe(htmx),
        hidden,
        buttons,
    )


@register.simple_tag
def once_key():
    """A plain POST form's one-time key (`web/once.py`): sent twice, it acts once."""
    return once.key_field()


# How a Today list's forms swap a clicked card (htmx inherits these from the <ol>): only the
# card, its buttons disabled while the click is on its way.
AGENDA_HTMX = 'hx-target="closest li" hx-swap="outerHTML" hx-disabled-elt="find button"'


@register.simple_tag
def agenda_htmx() -> str:
    """The attributes of a Today list (`<ol class="agenda" {% agenda_htmx %}>`)."""
    return mark_safe(AGENDA_HTMX)


# A promise of ours: the call that keeps it (logging it fulfils the promise), or the deal.
_COMMITMENT_BUTTONS = "".join(
    f'<button name="outcome" value="{v}" class="btn btn-small outcome-{v}">{label}</button>'
    for v, label in OUTCOME_BUTTONS
    if v in ("no_answer", "talked", "won")
)


def _lead_prefix() -> str:
    """'/leads/' however the web app is mounted (reversed once per process)."""
    global _LEAD_PREFIX
    if _LEAD_PREFIX is None:
        _LEAD_PREFIX = reverse("lead_detail", args=[0])[: -len("0/")]
    return _LEAD_PREFIX


_LEAD_PREFIX: str | None = None


@register.filter
def waited(delta) -> str:
    """A wait as a person says it, by the same rule as the plan's reasons ("waiting 47 h"
    beside "waiting 47 h", never "1 day"): '4 min', '3 h', '3 days'."""
    if delta is None:
        return ""
    if not isinstance(delta, timedelta):
        return str(delta)
    return reasons.waited(delta.total_seconds()).removeprefix(" waiting ")


register.filter("phone", display_phone)
# A user as pages name people: their full name, else their username (as in Python).
register.filter("person", display_name)


@register.filter
def counted(total: int) -> str:
    """A section's size as counted: '1000+' at the cap where counting stops
    (`agenda_sql.COUNT_CAP`), never a round number that looks exact."""
    from fairchase.web.agenda_sql import COUNT_CAP

    return f"{COUNT_CAP}+" if total >= COUNT_CAP else str(total)


@register.filter
def enquiry(lead) -> str:
    """The enquirer's own words, to quote: the message of someone who wrote to us (a web
    form), without the lines an import adds ("Source in the imported file: Website"), so
    a note of ours or of an imported file is never shown as what they said."""
    if "initiated_contact" not in (lead.signals or []):
        return ""
    lines = [line for line in (lead.notes or "").splitlines() if not IMPORT_NOTE.match(line)]
    return "\n".join(lines).strip()


@register.filter
def money(value) -> str:
    """1234.5 -> '$1,235' ('€1,235' for a euro business: Settings); None -> '—' (the
    currency the decision core's reasons use)."""
    return clock.money(value, home().sign)


register.filter("amount", words.money_text)
register.filter("status_label", words.status_label)
register.filter("let_go_target", words.let_go_target)
register.filter("chance", words.chance_text)


# One labelled zone per screen: pages render in the business's zone (activated per request);
# these name it, and put the lead's own time beside it where the lead's clock differs.


@register.filter
def when(value, fmt: str = "D j M H:i") -> str:
    """A time in the page's zone, labelled: 'Mon 8 Dec 09:00 CST'."""
    if not value:
        return ""
    tz = timezone.get_current_timezone()
    return f"{date_format(value.astimezone(tz), fmt)} {clock.label(value, tz)}"


@register.filter
def at_lead(value, lead) -> str:
    """A time in the page's zone, labelled, with the lead's beside it where it differs:
    'Mon 8 Dec 09:00 CST (10:00 for Bob in New York)'."""
    if not value:
        return ""
    tz = timezone.get_current_timezone()
    return when(value) + clock.theirs(value, tz, lead)


@register.filter
def reason(lead, field: str = "plan_reason") -> str:
    """The plan's reason with its times in the page's zone, labelled (the decision core
    writes the lead's wall-clock time)."""
    text = getattr(lead, field, "") or ""
    return clock.reason_in_zones(text, lead, timezone.get_current_timezone(), timezone.now())


@register.filter
def consents(codes) -> str:
    """A lead's consents in words ("mailing list"), never the stored codes."""
    return words.consents_text(codes)


@register.filter
def label(value, choices) -> str:
    """Look a stored key up in a list of (key, label) pairs."""
    return dict(choices).get(value, str(value).replace("_", " "))


@register.filter
def rank(lead) -> str:
    """Where the lead stands on Today, in words: new enquiries are lifted to the top; the
    rest are ranked by what the next step brings per minute of your time."""
    from fairchase.policy import NEW_LEAD_BAND

    priority = float(lead.priority or 0.0)
    if lead.next_action != "contact":
        return "not on today's list"
    if priority >= NEW_LEAD_BAND:
        return "a new enquiry: at the top of today's list"
    sign = home().sign
    per_minute = clock.money(priority, sign) if priority >= 10 else f"{sign}{priority:,.2f}"
    return f"{per_minute} a minute of your time (Today is worked from the highest)"


@register.filter
def source_label(code: str) -> str:
    """'web_form' -> 'web form'; a source of your own is shown as written."""
    from fairchase.leads.models import SOURCES

    return dict(SOURCES).get(code, (code or "").replace("_", " ")).lower()


@register.simple_tag
def zone_note() -> str:
    """The one zone every time on the page is in: 'Times: Chicago (CST)'."""
    tz = timezone.get_current_timezone()
    return f"Times: {clock.place(str(tz))} ({clock.label(timezone.now(), tz)})"


@register.filter
def zone_not_set(lead) -> str:
    """The lead page's hint for a lead on the business's clock whose number is abroad but
    says no single zone (several share its prefix): ' (number in Russia, time zone not
    set)'; "" otherwise (a zone set, a home number, one a zone was read from)."""
    country = "" if lead.timezone else country_without_zone(lead.phone)
    return f" (number in {country}, time zone not set)" if country else ""
