"""`fairchase report`: the Insights page as a file to share (self-contained HTML, optional PDF)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone

from fairchase.insights.charts import sections
from fairchase.insights.scope import Scope, _parse_date
from fairchase.insights.snapshot import insights_for
from fairchase.intake.management.commands.export import written
from fairchase.leads.people import display_name


def report_html(data: dict, backtest: dict, scope_text: str) -> str:
    """The report as one HTML document: inline CSS and SVG, no external requests."""
    css_path = finders.find("insights/insights.css")
    css = Path(css_path).read_text() if css_path else ""
    ctx = sections(data, backtest)
    ctx.update(
        report=True,
        css=css,
        scope_text=scope_text,
        generated_at=timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
    )
    return render_to_string("insights/report.html", ctx)


class Command(BaseCommand):
    help = (
        "Write the Insights report (what your history says about when to stop) to HTML and/or PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--html", metavar="FILE", help="write a self-contained HTML report here"
        )
        parser.add_argument("--pdf", metavar="FILE", help="write a PDF report here (matplotlib)")
        parser.add_argument("--owner", metavar="USERNAME", help="only this salesperson's leads")
        parser.add_argument(
            "--from", dest="date_from", metavar="YYYY-MM-DD", help="enquiries from this day"
        )
        parser.add_argument(
            "--to", dest="date_to", metavar="YYYY-MM-DD", help="enquiries up to this day"
        )

    def handle(self, *args, html=None, pdf=None, owner=None, date_from=None, date_to=None, **opts):
        if not html and not pdf:
            html = "fairchase-insights.html"
        owner_id, scope_text = None, "All leads"
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(f"No user named {owner!r}.")
            owner_id, scope_text = user.pk, f"Leads of {display_name(user)}"
        scope = Scope(owner_id, _parse_date(date_from), _parse_date(date_to))
        if (date_from and scope.date_from is None) or (date_to and scope.date_to is None):
            raise CommandError("Dates must look like 2026-01-31.")
        if scope.date_from or scope.date_to:
            scope_text += f", enquiries {scope.date_from or '…'} to {scope.date_to or '…'}"
        data = insights_for(scope)
        backtest = insights_for(scope, part="whatif")
        if html:
            text = report_html(data, backtest, scope_text)  # first: a failure leaves no file
            with written(html) as path:
                Path(path).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {html} ({data['n_finished']} finished leads).")
        if pdf:
            from fairchase.insights.pdf import write_pdf

            # beside it, then in its place: a failed build leaves the last report (review25 L3)
            with written(pdf) as path:
                write_pdf(path, data, backtest, scope_text)
            self.stdout.write(f"Wrote {pdf}.")
