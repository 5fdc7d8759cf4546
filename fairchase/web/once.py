"""A form that must act once however often it is sent: a second tap on a slow phone link, or
a browser's retry, would log the call again (bringing the plan's stop nearer and spending the
day's minutes), pin the next step twice, add the lead twice. Each such form carries a
one-time key (`{% once_key %}`); the first POST with it claims it in the same transaction as
its writes, and the same key again does nothing and answers as the first did: the same page,
the same messages, and a line that it was done once. The unique (user, key) row is the
guarantee for any client; the page's script (`app.js`) only spares the second request.

Why a table of keys rather than a key column on each written row: one decorator covers every
form (an attempt, a commitment, a lead, a status change), and `leads.actions` stay as they
are."""

from __future__ import annotations

import uuid
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from .models import SentForm

FIELD = "once"
KEPT = timedelta(days=1)  # a retry comes within minutes
ALREADY = "Already done: that was sent twice and counted once."


def key_field():
    """The hidden field of a fresh key (each rendering of a form gets its own)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4().hex)


def once_per_key(view):
    """Run a POST view once per form key (`FIELD`). A POST without a key runs as always (the
    API, Today's htmx cards, an old page). Only an answer that goes on (a redirect) keeps the
    key: a form shown again with its errors wrote nothing, and its corrected resend may act."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = request.POST.get(FIELD, "")[:64]
        if not key:
            return view(request, *args, **kwargs)
        now = timezone.now()
        SentForm.objects.filter(created_at__lt=now - KEPT).delete()
        with transaction.atomic():
            try:  # the claim is the first write: a twin sent at the same moment waits on it
                with transaction.atomic():
                    sent = SentForm.objects.create(user=request.user, key=key, created_at=now)
            except IntegrityError:  # sent before: answered as it was then
                return _replay(request, SentForm.objects.get(user=request.user, key=key))
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303):
                sent.location = response["Location"]
                sent.said = _said(request)
                sent.save(update_fields=["location", "said"])
            else:
                sent.delete()
        return response

    return wrapper


def _said(request) -> list:
    """The messages the view added for this answer (Django keeps no public list of them)."""
    queued = getattr(messages.get_messages(request), "_queued_messages", [])
    return [[m.level, str(m.message)] for m in queued]


def _replay(request, sent: SentForm):
    for level, text in sent.said:
        messages.add_message(request, level, text)
    messages.info(request, ALREADY)
    return redirect(sent.location)
