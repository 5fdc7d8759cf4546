"""iCalendar (RFC 5545): a per-user secret feed of commitments and due follow-ups, and
a one-event invitation for a recap email that confirms a callback time."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from fairchase import clock
from fairchase.leads import reach
from fairchase.leads.models import (
    ACTIVE_STATUSES,
    Commitment,
    Lead,
    NextAction,
    Profile,
    Status,
    Suppression,
)
from fairchase.leads.people import display_name

PRODID = "-//Fairchase//Follow-ups//EN"
FEED_PAST = timedelta(days=14)  # overdue items stay visible for two weeks
FEED_FUTURE = timedelta(days=60)
EVENT_MINUTES = 15


def new_calendar_secret() -> str:
    return secrets.token_urlsafe(24)


def calendar_secret(profile: Profile) -> str:
    """The user's feed secret, created on first use."""
    if not profile.calendar_secret:
        rotate_calendar_secret(profile)
    return profile.calendar_secret


def rotate_calendar_secret(profile: Profile) -> str:
    """A new secret: the old feed address stops working at once."""
    profile.calendar_secret = new_calendar_secret()
    profile.save(update_fields=["calendar_secret"])
    return profile.calendar_secret


def profile_for_secret(secret: str) -> Profile | None:
    if not secret or len(secret) < 16:
        return None
    return (
        Profile.objects.select_related("user")
        .filter(calendar_secret=secret, user__is_active=True)
        .first()
    )


def lead_url(lead: Lead) -> str:
    """The lead's page, absolute (SITE_URL), for calendars and emails read outside the app."""
    return settings.SITE_URL + reverse("lead_detail", args=[lead.pk])


def _host() -> str:
    return settings.SITE_URL.split("://")[-1].split("/")[0] or "fairchase"


def _description(lead: Lead, reason: str, blocked: set[str]) -> str:
    """An event's text: why, and the addresses a try of ours may use (`reach.address_refusal`:
    none of an opted-out lead's, none suppressed), and the lead's page."""
    lines = [reason] if reason else []
    if not reach.address_refusal(lead, "call", blocked):
        lines.append(f"Phone: tel:{lead.phone}")
    if not reach.address_refusal(lead, "email", blocked):
        lines.append(f"Email: mailto:{lead.email}")
    lines.append(f"Lead: {lead_url(lead)}")
    return "\n".join(lines)


def _event(
    uid: str,
    summary: str,
    start,
    lead: Lead,
    reason: str,
    blocked: set[str],
    minutes: int = EVENT_MINUTES,
) -> Event:
    """One event; an address in `blocked` (opted out or bounced) is never offered as a link."""
    ev = Event()
    ev.add("uid", f"{uid}@{_host()}")
    ev.add("dtstamp", timezone.now())
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(minutes=minutes))
    ev.add("summary", summary)
    ev.add("description", _description(lead, reason, blocked))
    ev.add("url", lead_url(lead))
    if lead.phone and lead.phone not in blocked:
        ev.add("location", f"tel:{lead.phone}")
    return ev


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def commitment_summary(c: Commitment) -> str:
    who = c.lead.name
    return f"{who}: {c.what}" if c.by == Commitment.By.US else f"{who} promised: {c.what}"


def _appointments(user, now) -> list[Commitment]:
    """The pending promises on the user's leads the feed shows. An opted-out person's promise
    is no appointment (a won customer's call back still is), nor is a held lead's
    (`reach.is_held`: a request to stop nobody has decided on): no call back with their number
    in the salesperson's phone until someone confirms or corrects it."""
    pending = list(
        Commitment.objects.filter(
            lead__owner=user,
            state=Commitment.State.PENDING,
            due_at__gte=now - FEED_PAST,
            due_at__lte=now + FEED_FUTURE,
        )
        .exclude(lead__status=Status.OPTED_OUT)
        .select_related("lead")
        .order_by("due_at")
    )
    held = reach.held_among(c.lead for c in pending)
    return [c for c in pending if c.lead_id not in held]


def feed(user, now=None) -> bytes:
    """The user's calendar: pending commitments and planned contacts on their own leads,
    none for a lead nobody may contact now (opted out, or held by a request to stop)."""
    now = now or timezone.now()
    cal = _calendar(f"Fairchase: {display_name(user)}")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    tz = clock.business_zone()
    cal.add("x-wr-timezone", tz.key)  # events are exact moments (UTC); descriptions name this zone

    def told(lead: Lead) -> str:  # the plan's reason, its times in the business's zone, labelled
        return clock.reason_in_zones(lead.plan_reason, lead, tz, now)

    commitments = _appointments(user, now)
    due = list(
        Lead.objects.filter(
            owner=user,
            status__in=ACTIVE_STATUSES,
            next_action=NextAction.CONTACT,
            next_due__isnull=False,
            next_due__lte=now + FEED_FUTURE,
        ).order_by("next_due")[:500]
    )
    blocked = Suppression.among([c.lead for c in commitments] + due)
    for c in commitments:
        cal.add_component(
            _event(
                f"commitment-{c.pk}",
                commitment_summary(c),
                c.due_at,
                c.lead,
                f"Due {clock.for_lead(c.due_at, tz, c.lead)}.\n{told(c.lead)}",
                blocked,
            )
        )
    for lead in due:
        channel = lead.next_channel or "contact"
        start = max(lead.next_due, now - FEED_PAST)
        cal.add_component(
            _event(
                f"followup-{lead.pk}",
                f"{channel.title()} {lead.name}",
                start,
                lead,
                told(lead),
                blocked,
            )
        )
    return cal.to_ical()


def ics_invitation(commitment: Commitment) -> bytes:
    """A METHOD:REQUEST invitation for one commitment (attach as text/calendar to a recap)."""
    lead = commitment.lead
    cal = _calendar("Fairchase")
    cal.add("method", "REQUEST")
    owner = lead.owner
    host_name = display_name(owner)
    # The lead receives this: no internal links or plan reasons, just the appointment.
    ev = Event()
    ev.add("uid", f"commitment-{commitment.pk}@{_host()}")
    ev.add("dtstamp", timezone.now())
    ev.add("dtstart", commitment.due_at)
    ev.add("dtend", commitment.due_at + timedelta(minutes=EVENT_MINUTES))
    ev.add("summary", commitment.what)
    ev.add("description", f"{commitment.what} with {host_name}.")
    if lead.phone:
        ev.add("location", f"tel:{lead.phone}")
    ev.add("sequence", 0)
    ev.add("status", "CONFIRMED")
    if owner.email:
        organizer = vCalAddress(f"mailto:{owner.email}")
        organizer.params["cn"] = vText(host_name)
        ev.add("organizer", organizer)
    if lead.email:
        attendee = vCalAddress(f"mailto:{lead.email}")
        attendee.params["cn"] = vText(lead.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        ev.add("attendee", attendee)
    cal.add_component(ev)
    return cal.to_ical()
