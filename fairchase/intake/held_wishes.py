"""Wishes not to be contacted that an import held for a lead's owner (`HeldWish`): a
salesperson's file said an address is not to be contacted, but a teammate's lead holds it,
which the salesperson may not change (`said_no.hold_for_owners`). A wish not to be contacted
is the person's, so it is neither dropped nor applied by someone with no say over the lead:
the lead is held (`holds`, registered with `reach`: nothing sent, planned or offered, as for
a request to stop nobody has decided on) until a person who may change it confirms the wish
(the address suppressed, or the person opted out, through `actions`) or dismisses it (the
lead is chased again). Today lists the undecided ones (`today_context`)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from fairchase.leads import actions, reach
from fairchase.leads.models import Lead, Status
from fairchase.leads.people import display_name, visible_leads

from .models import HeldWish

PANEL_LIMIT = 10  # Today names this many; the rest follow once these are decided
HOLD = reach.IMPORT_HOLD
HELD_NOTE = (
    "Not to be contacted at {}? {} says so, but may not change this lead: it is on hold "
    "(nothing sent or planned) until you confirm the wish (on Today) or dismiss it."
)
CONFIRMED = "Not to be contacted at {}: confirmed by {} ({} said so)."
DISMISSED = "Not to be contacted at {}? Dismissed by {} ({} said so): the lead is chased again."
# The same, on another record at the address (held too, `holds`): it names no other lead,
# whose owner may be anyone, only where the wish is decided.
HELD_HERE_TOO = (
    "Not to be contacted at {}? {} says so of another record at this address: this lead "
    "is on hold too (nothing sent or planned) until that record's owner confirms the wish "
    "(on Today) or dismisses it."
)
DECIDED_HERE_TOO = "Not to be contacted at {}? {} by {} on another record at this address."


def waiting():
    """The wishes nobody has decided on, of leads not opted out meanwhile, oldest first."""
    return (
        HeldWish.objects.filter(decision="")
        .exclude(lead__status=Status.OPTED_OUT)
        .order_by("at", "pk")
    )


def holds(ids: list[int] | None) -> dict[int, str]:
    """`reach.holds` for imports: the leads among `ids` (None: all) with a wish waiting, on
    the lead or on its email or phone: the wish is about an address, so a second record
    holding it is not offered either while the owner decides (review28 #4). One query, and
    when no wish waits (most days) only a look at their index: the query's three subqueries
    and its annotation took longer to build than to run, on every Today."""
    wishes = waiting()
    if not wishes.exists():
        return {}
    at = Q(kind="email", address=OuterRef("email")) | Q(kind="phone", address=OuterRef("phone"))
    first = wishes.filter(Q(lead=OuterRef("pk")) | at).values("address")[:1]
    leads = Lead.objects.filter(
        Q(pk__in=wishes.values("lead_id"))
        | Q(email__in=wishes.filter(kind="email").values("address"))
        | Q(phone__in=wishes.filter(kind="phone").values("address"))
    )
    if ids is not None:
        leads = leads.filter(pk__in=ids)
    found = leads.annotate(held_at=Subquery(first)).values_list("pk", "held_at")
    return {pk: HOLD.format(address) for pk, address in found if address}


def hold(lead: Lead, kind: str, address: str, *, reason: str, opt_out: bool, said: str, user):
    """Hold the lead for its owner to decide on an import row's wish (`said`: which line of
    which import, by whom), said on its timeline. A wish for the address asked before is
    not asked again while it waits (the same file imported again, or two imports at once:
    the database keeps one waiting), nor once decided if it came from the same line of the
    same import (the owner's confirm or dismiss stands). A decided wish from another import
    asks again: that is the person's newer "no" (review29 #3)."""
    said = said[:500]
    asked = HeldWish.objects.filter(lead=lead, address=address)
    if asked.filter(Q(decision="") | Q(said=said)).exists():
        return
    try:
        with transaction.atomic():
            HeldWish.objects.create(
                lead=lead,
                kind=kind,
                address=address,
                reason=reason,
                opt_out=opt_out,
                said=said,
            )
    except IntegrityError:  # another import asked at the same moment: asked already
        return
    actions.hold_changed(lead, HELD_NOTE.format(address, said), user=user)
    _tell_others(lead, kind, address, HELD_HERE_TOO.format(address, said), user)


def _tell_others(lead: Lead, kind: str, address: str, note: str, user) -> None:
    """The other records at the wish's address, held with the lead (`holds`): each one's
    timeline says why (`actions.hold_changed`, which replans it with the hold put or
    lifted), so whoever opens it sees why it is not chased. An opted-out one is never
    contacted anyway."""
    others = Lead.objects.filter(**{kind: address}).exclude(pk=lead.pk)
    for pk in sorted(others.exclude(status=Status.OPTED_OUT).values_list("pk", flat=True)):
        actions.hold_changed(Lead.objects.get(pk=pk), note, user=user)


def waiting_for(user, limit: int | None = PANEL_LIMIT) -> list[HeldWish]:
    """The waiting wishes on the leads `user` may see (their owner's; a business owner's:
    all): Today asks to confirm or dismiss each (the first `limit`; None: all of them)."""
    found = _seen_by(user).select_related("lead")
    return list(found if limit is None else found[:limit])


def _seen_by(user):
    """The waiting wishes on leads `user` may see: read from the waiting wishes' index, each
    one's lead looked up by its id (`lead__in` listed an owner's 10,000 leads first, on
    every Today, to find no wish at all)."""
    return waiting().filter(Exists(visible_leads(user).filter(pk=OuterRef("lead_id"))))


def today_context(request) -> dict:
    """The context of Today's block of held wishes (`intake/_held_wishes.html`): the first
    few, how many wait in all (the badge) and how many more the full list shows (review28
    #3: "every list is complete or links to all of it")."""
    wishes = waiting_for(request.user)
    count = len(wishes)
    if count == PANEL_LIMIT:
        count = _seen_by(request.user).count()
    return {"wishes": wishes, "wishes_count": count, "wishes_more": count - len(wishes)}


def lead_context(request, lead) -> dict:
    """The lead page's block of its waiting wishes, the same confirm and dismiss as Today's
    (review28 #2: a held lead's page says where to decide, and lets you)."""
    wishes = list(waiting().filter(lead=lead).select_related("lead"))
    return {"wishes": wishes, "wishes_count": len(wishes), "wishes_more": 0, "on_lead": True}


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
    told = DECIDED_HERE_TOO.format(wish.address, decision.label, who)
    _tell_others(lead, wish.kind, wish.address, told, user)
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
