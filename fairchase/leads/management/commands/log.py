"""`fairchase log LEAD --call --no-answer`: log an attempt from the terminal."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from fairchase import clock
from fairchase.arguments import number
from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.leads.people import display_name
from fairchase.leads.search import search
from fairchase.params import an_id

CHANNELS = ("call", "email", "text", "visit")
# Who the record names when no --user is given (as the import command's notes do).
BY_COMMAND_LINE = "by the command line"
OUTCOMES = ("no_answer", "left_message", "talked", "replied", "bounced", "opted_out")


class Command(BaseCommand):
    help = "Log a contact attempt on a lead (by id, email, phone or name) and show its new plan."

    def add_arguments(self, parser):
        parser.add_argument("lead", help="Lead id, email, phone or (part of a) name")
        ch = parser.add_mutually_exclusive_group(required=True)
        for c in CHANNELS:
            ch.add_argument(f"--{c}", dest="channel", action="store_const", const=c)
        out = parser.add_mutually_exclusive_group(required=True)
        for o in OUTCOMES:
            out.add_argument(
                f"--{o.replace('_', '-')}", dest="outcome", action="store_const", const=o
            )
        parser.add_argument(
            "--minutes",
            type=number(0, actions.MAX_ATTEMPT_MINUTES),
            default=None,
            help="How long the try took (default: the usual for the channel)",
        )
        parser.add_argument("--notes", default="")
        parser.add_argument(
            "--progress", action="store_true", help="The conversation moved closer to a sale"
        )
        parser.add_argument(
            "--user",
            default=None,
            help="Username logging the attempt (without it: recorded as by the command line)",
        )

    def handle(self, *args, lead, channel, outcome, minutes, notes, progress, user, **opts):
        target = self._find(lead)
        who = self._user(user)
        try:
            actions.log_attempt(
                target,
                channel,
                outcome,
                user=who,
                minutes=minutes,
                notes=notes,
                progress=True if progress else None,
                via="" if who is not None else BY_COMMAND_LINE,
            )
        except actions.ActionError as exc:
            raise CommandError(str(exc)) from None
        target.refresh_from_db()
        by = f"as {display_name(who)}" if who is not None else f"{BY_COMMAND_LINE} (no --user)"
        self.stdout.write(
            f"Logged {channel} {outcome.replace('_', ' ')} for {target.name} (#{target.pk}), {by}."
        )
        tz, now = clock.business_zone(), timezone.now()  # one labelled zone, the lead's beside it
        due = f" at {clock.for_lead(target.next_due, tz, target)}" if target.next_due else ""
        reason = clock.reason_in_zones(target.plan_reason, target, tz, now)
        what = " ".join(x for x in (target.next_action or "nothing", target.next_channel) if x)
        self.stdout.write(f"Next: {what}{due}. {reason}")

    def _user(self, username: str | None):
        """The user --user names (None without it: the attempt is the command line's, never
        the lead's owner's, who did nothing); a name nobody has is refused, not dropped."""
        if not username:
            return None
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"No user {username!r}: nothing logged.")
        return found

    def _find(self, text: str) -> Lead:
        """The lead an id, an exact email or phone names, else as the web's search finds it
        (`search.search`: accents and case aside, "Zoe O'Brien" finds "Zoë O'Brien")."""
        if an_id(text) is not None:
            qs = Lead.objects.filter(pk=an_id(text))
        else:
            exact = Lead.objects.filter(Q(email__iexact=text) | Q(phone=text))
            qs = exact if exact.exists() else search(Lead.objects.order_by("pk"), text)
        found = list(qs[:6])
        if not found:
            raise CommandError(f"No lead matches {text!r}.")
        if len(found) > 1:
            names = ", ".join(f"#{x.pk} {x.name}" for x in found[:5])
            raise CommandError(f"{text!r} matches several leads ({names}): use the id.")
        return found[0]
