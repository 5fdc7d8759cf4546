"""`fairchase agenda`: Today in the terminal (the same sections as the web page)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from fairchase import clock
from fairchase.arguments import whole
from fairchase.hints import command_line, uses_the_checkout
from fairchase.intake.exporting import source_label
from fairchase.leads import reach
from fairchase.leads.home import home
from fairchase.leads.models import BusinessSettings
from fairchase.leads.people import is_admin
from fairchase.web.agenda import agenda_for
from fairchase.web.words import plan_do


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """`fairchase agenda | head`: stop as every command does when its reader has gone
        (fairchase.cli, exit 141), not rich's own exit 1."""
        self.quiet = True
        raise BrokenPipeError


PIPE_WIDTH = 200
# Narrower, the table's columns hold nothing but their borders.
MIN_WIDTH = 40


def _money(v) -> str:
    return "" if v is None else clock.money(v, home().sign)


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """A table of plain text: a lead named "[red]Ann" is printed as written, never as markup."""
    t = Table(title=title, title_justify="left")
    for col in columns:
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*(Text(cell) for cell in row))
    return t


def _nothing_due(agenda, tz) -> str:
    """An empty day: when the next follow-up is and with whom (as Today says it); how to
    start only when there are no leads at all (eval22 #12: "add leads" beside a lead due Wed)."""
    if agenda.next_due:
        when = clock.at_zone(agenda.next_due, tz)
        return f"Nothing due {agenda.day}. Next follow-up: {when} ({agenda.next_name})."
    if agenda.has_leads:
        return f"Nothing due {agenda.day}: your leads come back on the day their plan says."
    return "Nothing to do: add leads (Add lead on the web, or `fairchase import FILE`)."


class Command(BaseCommand):
    help = "Print Today's agenda: new enquiries, commitments due, follow-ups by priority, leads to let go."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Whose agenda (default: the first admin)")
        parser.add_argument(
            "--everyone",
            action="store_true",
            help="An owner's view of the whole team's leads (with --user, that user must be an owner)",
        )
        parser.add_argument(
            "--width", type=whole(MIN_WIDTH, 1000), default=None, help="Terminal width"
        )

    def handle(self, *args, user=None, width=None, everyone=False, **opts):
        who = _whose(user)
        if everyone and not is_admin(who):
            # said, not passed over: a salesperson's --everyone would show only their own leads
            name = who.get_username()
            raise CommandError(
                f"--everyone is an owner's view of the whole team, and {name} is not an owner: "
                f"drop --everyone for {name}'s own leads, or name an owner with --user."
            )
        now = timezone.now()
        # Like Today on the web: your own leads; the team's one option away (admins only).
        agenda = agenda_for(who, now, owner=None if everyone else who)
        name = who.get_short_name() or who.get_username()
        if agenda.gone:  # a leaver: no minutes, no plan, no first-run advice
            self.stdout.write(f"Today for {name}: {agenda.gone}")
            return
        whose = "everyone" if everyone else name
        tz = clock.business_zone()
        unset = BusinessSettings.current().timezone_unset  # said as Today says it
        leads = {
            r.lead.pk: r.lead
            for r in agenda.new + agenda.followups + agenda.wings + agenda.waiting + agenda.let_go
        }
        leads.update({c.lead.pk: c.lead for c in agenda.commitments})

        def reason(d):  # times in the screen's zone, labelled, the lead's beside them
            return clock.reason_in_zones(d["reason"], leads.get(d["id"]), tz, now)

        # Piped or redirected, there is no terminal to fit: rich would assume 80 columns and
        # fold every reason into a tall column; a file reader scrolls sideways instead.
        tty = getattr(self.stdout, "isatty", lambda: False)()
        con = _Console(file=self.stdout, width=width or (None if tty else PIPE_WIDTH))
        # a Sunday or an evening plans the next contact day: say why, and whose plan it is
        why = f" ({agenda.day_why.rstrip('.')})" if agenda.day_why else ""
        plan = f"{agenda.day_name}'s plan, " if agenda.day_name else ""
        con.print(
            f"[bold]Today for {escape(whose)}[/bold]{escape(why)}: {escape(plan)}"
            f"{agenda.budget_minutes:.0f} selling minutes{agenda.minutes_logged_note}. "
            f"Times are {tz.key} time "
            f"({clock.label(now, tz)}){' until you set your time zone in Settings' if unset else ''}, "
            "a lead's own beside it where it differs.",
            highlight=False,
        )
        if agenda.is_empty:
            con.print(escape(_nothing_due(agenda, tz)), highlight=False)
            return
        if agenda.new:
            con.print(_new_table(agenda, reason))
        if agenda.commitments:
            con.print(_commitments_table(agenda, tz))
        day = agenda.day_name or "today"
        for title, rows in (
            (f"Follow-ups due {day}, best first ({agenda.followup_total})", agenda.followups),
            (f"In the wings (past {day}'s minutes)", agenda.wings),
            ("In the wings (their turn comes on a later day)", agenda.waiting),
            ("Ready to let go", agenda.let_go),
        ):
            if rows:
                con.print(_plans_table(title, rows, reason))


def _whose(username: str | None):
    """The named user, or the first admin."""
    User = get_user_model()
    if username:
        who = User.objects.filter(username=username).first()
    else:
        who = (
            User.objects.filter(is_superuser=True).order_by("pk").first()
            or User.objects.filter(profile__role="admin").order_by("pk").first()
        )
    if who is None:
        raise CommandError(
            "No such user."
            if username
            else f"No users yet: create the first account with `{command_line('createsuperuser')}`"
            + (f" or load the demo with `{command_line('demo')}`." if uses_the_checkout() else ".")
        )
    return who


def _new_table(agenda, reason) -> Table:
    rows = []
    for r in agenda.new:
        d = r.as_dict()
        minutes = d["waited_minutes"]
        waited = f"{minutes // 60} h {minutes % 60} min" if minutes else ""
        rows.append(
            (
                str(d["id"]),
                d["name"],
                source_label(d["source"]),
                _money(d["value"]),
                waited,
                d["channel"],
                reason(d),
            )
        )
    return _table(
        f"New enquiries: respond now ({agenda.new_total})",
        ("#", "name", "source", "value", "waiting", "do", "reason"),
        rows,
    )


def _commitments_table(agenda, tz) -> Table:
    rows = []
    held = reach.held_among(c.lead for c in agenda.commitments)  # no call until someone decides
    for c in agenda.commitments:
        d = c.as_dict(held)
        due = clock.for_lead(d["due"], tz, c.lead) + (" (overdue)" if d["overdue"] else "")
        who = "on hold" if d["on_hold"] else "we call" if d["by"] == "us" else "they call"
        rows.append((str(d["lead_id"]), d["name"], who, d["what"], due))
    return _table(
        f"Commitments due {agenda.day_name or 'today'}", ("#", "name", "who", "what", "due"), rows
    )


def _plans_table(title: str, plans, reason) -> Table:
    rows = []
    for r in plans:
        d = r.as_dict()
        do = plan_do(r.lead, d["channel"])
        rows.append(
            (
                str(d["id"]),
                d["name"],
                source_label(d["source"]),
                _money(d["value"]),
                do,
                f"{d['priority']:.2f}",
                reason(d),
            )
        )
    return _table(
        title, ("#", "name", "source", "value", "do", f"{home().sign.strip()}/min", "reason"), rows
    )
