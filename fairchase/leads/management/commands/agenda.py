"""`fairchase agenda`: Today in the terminal (the same sections as the web page)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from fairchase import clock
from fairchase.intake.exporting import source_label
from fairchase.web.agenda import agenda_for

PIPE_WIDTH = 200


def _money(v) -> str:
    return "" if v is None else f"${v:,.0f}"


class Command(BaseCommand):
    help = "Print Today's agenda: new enquiries, commitments due, follow-ups by priority, leads to let go."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Whose agenda (default: the first admin)")
        parser.add_argument("--width", type=int, default=None, help="Terminal width")

    def handle(self, *args, user=None, width=None, **opts):
        User = get_user_model()
        who = (
            User.objects.filter(username=user).first()
            if user
            else User.objects.filter(is_superuser=True).order_by("pk").first()
            or User.objects.filter(profile__role="admin").order_by("pk").first()
        )
        if who is None:
            raise CommandError(
                "No such user."
                if user
                else "No users yet: run `fairchase demo` or createsuperuser."
            )
        now = timezone.now()
        agenda = agenda_for(who, now)
        tz = clock.business_zone()
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
        con = Console(file=self.stdout, width=width or (None if tty else PIPE_WIDTH))
        con.print(
            f"[bold]Today for {who.get_short_name() or who.get_username()}[/bold]: "
            f"{agenda.budget_minutes:.0f} selling minutes. Times are {tz.key} time "
            f"({clock.label(now, tz)}), a lead's own beside it where it differs.",
            highlight=False,
        )
        if agenda.is_empty:
            con.print(
                "Nothing to do: add leads (web UI, `fairchase import FILE`) or load `fairchase demo`."
            )
            return
        if agenda.new:
            t = Table(
                title=f"New enquiries: respond now ({agenda.new_total})", title_justify="left"
            )
            for col in ("#", "name", "source", "value", "waiting", "do", "reason"):
                t.add_column(col, overflow="fold")
            for r in agenda.new:
                d = r.as_dict()
                waited = (
                    f"{d['waited_minutes'] // 60} h {d['waited_minutes'] % 60} min"
                    if d["waited_minutes"]
                    else ""
                )
                t.add_row(
                    str(d["id"]),
                    d["name"],
                    source_label(d["source"]),
                    _money(d["value"]),
                    waited,
                    d["channel"],
                    reason(d),
                )
            con.print(t)
        if agenda.commitments:
            t = Table(title="Commitments due", title_justify="left")
            for col in ("#", "name", "who", "what", "due"):
                t.add_column(col, overflow="fold")
            for c in agenda.commitments:
                d = c.as_dict()
                due = clock.for_lead(d["due"], tz, c.lead) + (" (overdue)" if d["overdue"] else "")
                t.add_row(
                    str(d["lead_id"]),
                    d["name"],
                    "we call" if d["by"] == "us" else "they call",
                    d["what"],
                    due,
                )
            con.print(t)
        for title, rows in (
            ("Follow-ups, best first", agenda.followups),
            ("In the wings (past today's minutes)", agenda.wings + agenda.waiting),
            ("Ready to let go", agenda.let_go),
        ):
            if not rows:
                continue
            t = Table(title=title, title_justify="left")
            for col in ("#", "name", "source", "value", "do", "$/min", "reason"):
                t.add_column(col, overflow="fold")
            for r in rows:
                d = r.as_dict()
                do = (
                    d["channel"]
                    if d["action"] == "contact"
                    else f"stop → {d['next_state'] or 'closed'}"
                )
                t.add_row(
                    str(d["id"]),
                    d["name"],
                    source_label(d["source"]),
                    _money(d["value"]),
                    do,
                    f"{d['priority']:.2f}",
                    reason(d),
                )
            con.print(t)
