"""An opt-out a salesperson records by hand (a button, Today's "Asked not to be contacted",
the API) is his word, not the person's: it opts out his own records as always, but an
address of theirs that a lead he may not open also holds (a teammate's closed, lost or won
customer, whose email he gave his own lead: eval36 #1) is not suppressed on it. That lead
is held for its owner to confirm instead, through the wishes an import holds the same way
(`intake.held_wishes`, registered here as `ASK_OWNER`): nothing is suppressed for it until
its owner (or the business owner) confirms. The person's own "no" (a link, a reply, a STOP
text), the command line and an owner, who may open every lead, suppress at once."""

from __future__ import annotations

from collections.abc import Callable

from .. import reach
from ..models import Lead, Status
from ..normalize import display_phone
from ..people import display_name, is_admin, visible_leads
from ..same_person import person_records
from .core import note_on_timeline

# The one way to ask a lead's owner to confirm a wish not to be contacted at an address
# (`intake.held_wishes.hold`), registered by the app that keeps the wishes.
ASK_OWNER: list[Callable[..., None]] = []


def register_owner_ask(ask: Callable[..., None]) -> None:
    if ask not in ASK_OWNER:
        ASK_OWNER.append(ask)


class Withheld:
    """Which addresses a hand opt-out by `user` leaves unsuppressed: those a lead not opted
    out that `user` may not open holds (`__call__`, asked by `optout._suppress`), found once
    each. `user` None, an owner, or `shown` (the person said no themselves): none."""

    def __init__(self, user, shown: tuple[str, ...] | None = None) -> None:
        on_his_word = user is not None and shown is None and user.is_authenticated
        self.user = user if on_his_word and not is_admin(user) else None
        self.found: dict[tuple[str, str], list[int]] = {}

    def __call__(self, field: str, value: str) -> bool:
        """Whether `value` (the lead's `field`) is left for its other holders' owners."""
        if self.user is None or not value:
            return False
        if (field, value) not in self.found:
            holders = Lead.objects.filter(**{field: value}).exclude(status=Status.OPTED_OUT)
            unseen = holders.exclude(pk__in=visible_leads(self.user).values("pk"))
            self.found[(field, value)] = sorted(unseen.values_list("pk", flat=True))
        return bool(self.found[(field, value)])

    def hides(self, pk: int) -> bool:
        """Whether the lead is one `user` may not open: left to its owner, not opted out."""
        return self.user is not None and not visible_leads(self.user).filter(pk=pk).exists()

    def keep_from(self, lead: Lead, values: list[str], via: str = "") -> list[str]:
        """Those of `values`, new on a record of a person who said no (`keep_said_no`), that
        no unseen lead holds; each one such a lead holds is left unsuppressed and held for
        its owner (`ask_owners`), this lead's timeline saying so (`reach.NOT_BLOCKED_HELD`)
        and the record keeping it off (`Lead.kept_off`: a won or lost record never uses it)."""
        held = [v for v in values if self("email" if v == lead.email else "phone", v)]
        door = f" ({via})" if via else ""
        if set(held) - set(lead.kept_off):
            lead.kept_off = [*lead.kept_off, *(v for v in held if v not in lead.kept_off)]
            lead.save(update_fields=["kept_off", "updated_at"])
        for value in held:
            shown = display_phone(value) if value == lead.phone else value
            note_on_timeline(lead, reach.NOT_BLOCKED_HELD.format(shown, door), user=self.user)
        if held:
            said = f"{display_name(self.user)} giving it to {lead.name} (#{lead.pk}), who said no"
            self.ask_owners(lead, person_records(lead)[0], said)
        return [v for v in values if v not in held]

    def ask_owners(self, lead: Lead, person: set[int], said: str = "") -> None:
        """Hold each unseen lead at a withheld address for its owner to confirm (`ASK_OWNER`):
        confirming opts out one of the person's records (`person`) not won or lost, and
        suppresses the address for any other (a won or lost record keeps its status, a
        record only sharing a phone under another name is someone else)."""
        if not any(self.found.values()):
            return
        who = display_name(self.user)
        said = said or f"an opt-out recorded by hand on {lead.name} (#{lead.pk}), by {who}"
        for (field, value), pks in sorted(self.found.items()):
            for pk in pks:
                other = Lead.objects.get(pk=pk)
                whole = pk in person and other.status not in (Status.WON, Status.LOST)
                for ask in ASK_OWNER:
                    ask(
                        other,
                        field,
                        value,
                        reason="opt-out",
                        opt_out=whole,
                        said=said,
                        user=self.user,
                    )
