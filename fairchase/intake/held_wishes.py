"""Wishes not to be contacted that an import held for a lead's owner (`HeldWish`): a
salesperson's file said an address is not to be contacted, but a teammate's lead holds it,
which the salesperson may not change (`said_no.hold_for_owners`). A wish not to be contacted
is the person's, so it is neither dropped nor applied by someone with no say over the lead:
the lead is held (`holds`, registered with `reach`: nothing sent, planned or offered, as for
a request to stop nobody has decided on) until a person who may change it confirms the wish
(the address suppressed, or the person opted out, through `actions`) or dismisses it (the
lead is chased again). Today lists the undecided ones (`today_context`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status
from fairchase.leads.people import display_name, visible_leads

from .models import HeldWish

PANEL_LIMIT = 10  # Today names this many; the rest follow once these are decided
HOLD = "an import says not to contact them at {} (not yet confirmed)"
HELD_NOTE = (
    "Not to be contacted at {}? {} says so, but may not change this lead: it is on hold "
    "(nothing sent or planned) until you confirm the wish (on Today) or dismiss it."
)
CONFIRMED = "Not to be contacted at {}: confirmed by {} ({} said so)."
DISMISSED = "Not to be contacted at {}? Dismissed by {} ({} said so): the lead is chased again."


def waiting():
    """The wishes nobody has decided on, of leads not opted out meanwhile, oldest first."""
    return (
        HeldWish.objects.filter(decision="")
        .exclude(lead__status=Status.OPTED_OUT)
        .order_by("at", "pk")
    )


def holds(ids: list[int] | None) -> dict[int, str]:
    """`reach.holds` for imports: the leads among `ids` (None: all) with a wish waiting.
    The waiting wishes are few: read them all rather than send the ids."""
    wanted, out = None if ids is None else set(ids), {}
    for wish in waiting().only("lead_id", "address"):
        if wanted is None or wish.lead_id in wanted:
            out.setdefault(wish.lead_id, HOLD.format(wish.address))
    return out


def hold(lead: Lead, kind: str, address: str, *, reason: str, opt_out: bool, said: str, user):
    """Hold the lead for its owner to decide on an import row's wish (`said`: which line of
    which import, by whom), said on its timeline; a wish already waiting for the address is
    not asked twice (the same file imported again)."""
    if waiting().filter(lead=lead, address=address).exists():
        return
    HeldWish.objects.create(
        lead=lead, kind=kind, address=address, reason=reason, opt_out=opt_out, said=said[:500]
    )
    actions.hold_changed(lead, HELD_NOTE.format(address, said), user=user)


def waiting_for(user) -> list[HeldWish]:
    """The waiting wishes on the leads `user` may see (their owner's; a business owner's:
    all): Today asks to confirm or dismiss each."""
    found = waiting().filter(lead__in=visible_leads(user)).select_related("lead")
    return list(found[:PANEL_LIMIT])


def today_context(request) -> dict:
    """The context of Today's block of held wishes (`intake/_held_wishes.html`)."""
    return {"wishes": waiting_for(request.user)}


@transaction.atomic
def decide(wish: HeldWish, confirmed: bool, user) -> str:
    """Confirm the wish (the person opted out, or the address suppressed, through the one
    door for each) or dismiss it; either lifts the hold and replans the lead. Decided once:
    of two clicks, the second changes nothing. Returns what happened, in a person's words."""
    decision = HeldWish.Decision.CONFIRMED if confirmed else HeldWish.Decision.DISMISSED
    if not HeldWish.objects.filter(pk=wish.pk, decision="").update(
        decision=decision, decided_by=user, decided_at=timezone.now()
    ):
        return "Already decided."
    lead, who = Lead.objects.get(pk=wish.lead_id), display_name(user)
    if not confirmed:
        actions.hold_changed(lead, DISMISSED.format(wish.address, who, wish.said), user=user)
        return f"{lead.name} is chased again."
    note = CONFIRMED.format(wish.address, who, wish.said)
    if wish.opt_out:
        actions.opt_out(lead, user=user, reason=note)
        return f"{lead.name} is opted out."
    actions.suppress(wish.address, wish.kind, wish.reason, user=user)
    actions.hold_changed(lead, note, user=user)  # and replanned without the hold
    return f"{wish.address} is not contacted again."
