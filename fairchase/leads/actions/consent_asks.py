"""Asking the owner to renew consent: a salesperson hears someone who opted out ask to be
contacted again ("please do call me about the quote"), but only the business's owner may
renew consent (`renewal.OWNER_ONLY`: a salesperson could otherwise undo a customer's own
"no" on his word alone). The ask is a timeline row (`ASKED_OWNER`, what the customer said)
that changes no consent and contacts nobody. It waits for the owner until a later row of
the lead answers it: the owner renews consent (a status change), declines (`DECLINED`), or
the person says no again (`optout.ASKED_AGAIN`); once the lead is no longer opted out
nothing waits either. The timeline is the store: no row of its own to keep in step."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr

from ..models import Lead, Status, StatusChange
from ..normalize import clean_text
from ..people import is_admin
from .core import ActionError, _lock, note_on_timeline
from .optout import ASKED_AGAIN
from .renewal import SHORTEST_NOTE

# The timeline rows' first words: a salesperson's ask, and the owner's no to it.
ASKED_OWNER = "Asked the owner to renew consent"
DECLINED = "Owner declined to renew consent"
OWNER_DECIDES = "Only the business's owner can renew consent or decline to."


def _answers() -> Q:
    """The rows that answer an ask made before them: a status change (consent renewed, an
    opt-out taken back), the owner's decline, or the person's "no" said again."""
    said_no = Q(reason__startswith=ASKED_AGAIN)
    return ~Q(old=F("new")) | Q(reason__startswith=DECLINED) | said_no


def open_asks():
    """The asks waiting for the owner, oldest first, each with `note` (what the salesperson
    wrote): on leads still opted out, with no later row of the lead answering it."""
    later = StatusChange.objects.filter(lead=OuterRef("lead"), pk__gt=OuterRef("pk"))
    return (
        StatusChange.objects.filter(lead__status=Status.OPTED_OUT, reason__startswith=ASKED_OWNER)
        .exclude(Exists(later.filter(_answers())))
        .annotate(note=Substr("reason", len(ASKED_OWNER) + 3))
        .order_by("at", "pk")
    )


def last_ask(lead: Lead) -> tuple[StatusChange | None, StatusChange | None]:
    """The lead's latest ask and the row that answered it (None: it waits, or no ask)."""
    ask = lead.status_changes.filter(reason__startswith=ASKED_OWNER).order_by("-pk").first()
    if ask is None:
        return None, None
    ask.note = ask.reason.removeprefix(f"{ASKED_OWNER}: ")
    later = lead.status_changes.filter(_answers(), pk__gt=ask.pk).select_related("user")
    return ask, later.order_by("pk").first()


@transaction.atomic
def ask_owner_to_renew(lead: Lead, *, note: str, user) -> StatusChange:
    """A salesperson asks the owner to renew the consent of this opted-out lead: `note` says
    what the customer said, when and how. A timeline row with their name, nothing else;
    one ask waits at a time. The owner renews consent themselves: they are not offered it."""
    if user is None:
        raise ActionError("Only a person of ours can ask the owner to renew consent.")
    if is_admin(user):
        raise ActionError("You are the owner: record their consent yourself on this lead.")
    note = clean_text(note or "").strip()
    if len(note) < SHORTEST_NOTE:
        raise ActionError(
            "Write what they said, when and how (for example: rang on 3 March asking us to "
            "call about the quote)."
        )
    lead = _lock(lead)
    if lead.status != Status.OPTED_OUT:
        raise ActionError(f"{lead.name} has not opted out: there is no consent to renew.")
    if open_asks().filter(lead=lead).exists():
        raise ActionError(
            f"The owner has already been asked about {lead.name} and has not answered yet: "
            "nothing was sent again."
        )
    return note_on_timeline(lead, f"{ASKED_OWNER}: {note}", user=user)


@transaction.atomic
def decline_renewal(lead: Lead, *, note: str = "", user) -> StatusChange:
    """The owner declines the ask waiting on this lead: a timeline row with their name and
    why (`note`, optional), which closes the ask. The lead stays opted out."""
    if user is None or not is_admin(user):
        raise ActionError(OWNER_DECIDES)
    note = clean_text(note or "").strip()
    lead = _lock(lead)
    if not open_asks().filter(lead=lead).exists():
        raise ActionError(f"Nobody is waiting for an answer about {lead.name}.")
    return note_on_timeline(lead, f"{DECLINED}: {note}" if note else f"{DECLINED}.", user=user)
