"""What an import did, in words a person reads: counts, every problem with its line, and
each change to a lead ("Ann Lee: value 1,000 -> 2,000; notes added")."""

from __future__ import annotations

from dataclasses import dataclass, field

from fairchase.leads.models import Lead

from .mapping import folded
from .said_no_headers import speaks_of_saying_no

# The count of rows a status column's word ("do not contact") opted out (`count_said_no`).
STATUS_OPTED_OUT = "email_status_opted_out"
MAX_REPORTED = 5000  # beyond this, bad rows are counted but not listed
MAX_NAMED_COLUMNS = 30
MAX_RENAMED = 30  # renamed leads named in the report's sentence (all are under Updated)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 lead', '2 leads', '1,200 rows'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def said_no_unread(header: list[str], mapping: list[str]) -> list[str]:
    """A sentence for each column no field reads whose header speaks of people who said no
    ("Opt-out date", "Marketing unsubscribe reason"): left unread, those people are chased.
    Mailchimp's UNSUB_REASON or CLEAN_CAMPAIGN_TITLE is not named when its UNSUB_TIME or
    CLEAN_TIME is read: those people are already not emailed."""
    read = {folded(h) for h, f in zip(header, mapping, strict=False) if f}
    told = tuple(f"{word} " for word in ("unsub", "clean") if f"{word} time" in read)
    return [
        f"Column “{h.strip()[:60]}” looks like a list of people who said no, but it is not "
        "read: map it to Opted out / do not contact, Unsubscribed from email, Do not call or "
        "Email status (on the web import's mapping page), or the people it marks will be "
        "contacted."
        for i, h in enumerate(header)
        if not (i < len(mapping) and mapping[i])
        and speaks_of_saying_no(folded(h))
        and not (told and folded(h).startswith(told))
    ]


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # rows skipped: (line, why)
    warnings: list[tuple[int, str]] = field(
        default_factory=list
    )  # rows imported without a bad cell
    changes: list[tuple[int, str]] = field(default_factory=list)  # what an update changed
    # rows of people who asked not to be contacted, importing nothing (`said_no.keep_record`)
    asked_not: list[tuple[int, str]] = field(default_factory=list)
    preset: str = "generic"
    mapping: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    dry_run: bool = False
    truncated: bool = False  # stopped at max_rows
    unreadable: str = ""  # why the file as a whole could not be read (no rows at all)
    about: list[str] = field(default_factory=list)  # of the file as a whole: its sheet, columns
    said_no: dict[str, int] = field(default_factory=dict)  # rows a said-no column says yes for
    renamed: list[tuple[int, str]] = field(default_factory=list)  # stored leads a row renamed
    read_warned: dict[int, list[str]] = field(default_factory=dict)  # `add_read_warning`

    def not_read(self, mapping: list[str]) -> None:
        """Say which named columns of the header no lead field reads (a "Telefon" or
        "Firma" the mapping did not recognise), so a column is never ignored unsaid."""
        unused = [
            h.strip()
            for i, h in enumerate(self.header)
            if h.strip() and not (i < len(mapping) and mapping[i])
        ]
        if unused:
            shown = ", ".join(f"“{h[:60]}”" for h in unused[:MAX_NAMED_COLUMNS])
            more = len(unused) - MAX_NAMED_COLUMNS
            shown += f" and {more:,} more" if more > 0 else ""
            self.about.append(
                f"{plural(len(unused), 'column')} not read (no lead field chosen): {shown}."
            )
        self.about.extend(said_no_unread(self.header, mapping))

    def count_said_no(self, fields: list[str], opted_out: bool = False) -> None:
        """A row whose said-no columns (`mapping.SAYS_NO_FIELDS`) say yes and act: counted
        under the first (an opted-out row is counted once, as opted out; one only a status
        column's word opted out, "do not contact", as that: `STATUS_OPTED_OUT`)."""
        if fields:
            key = fields[0]
            key = STATUS_OPTED_OUT if opted_out and key == "email_status" else key
            self.said_no[key] = self.said_no.get(key, 0) + 1

    def say_who_said_no(self) -> None:
        """Say, of the file as a whole, how many rows came in opted out or with an address
        suppressed because another tool's column said so (a dry run: would), naming it."""
        came, had = ("would come", "would have") if self.dry_run else ("came", "had")
        opted = f"{came} in opted out, never to be contacted"
        emailed = f"{had} the email address suppressed, never to be emailed"
        for key, who, done in (
            ("opted_out", "who opted out", opted),
            ("unsubscribed", "who unsubscribed from email", emailed),
            (
                "do_not_call",
                "not to call",
                f"{had} the phone number suppressed, never to be called or texted",
            ),
            ("email_status", "whose email status says not to email them", emailed),
            (STATUS_OPTED_OUT, "whose email status says not to contact them", opted),
        ):
            if n := self.said_no.get(key, 0):
                fname = "email_status" if key == STATUS_OPTED_OUT else key
                named = ", ".join(
                    f"“{h.strip()[:60]}”"
                    for h, f in zip(self.header, self.mapping, strict=False)
                    if f == fname
                )
                whom = "someone" if n == 1 else "people"
                self.about.append(f"{plural(n, 'row')} of {whom} {who} (column {named}): {done}.")

    def add_error(self, line: int, reason: str) -> None:
        self.bad += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((line, reason))

    def add_warning(self, line: int, text: str) -> None:
        if len(self.warnings) < MAX_REPORTED:
            self.warnings.append((line, text))

    def add_read_warning(self, line: int, text: str) -> None:
        """A cell of a row left out or kept in the notes as the row was read: said with the
        row as it comes in, taken back if the row changes nothing (`came_unchanged`)."""
        self.read_warned.setdefault(line, []).append(text)
        self.add_warning(line, text)

    def came_unchanged(self, line: int, stored: bool) -> None:
        """A row that changes nothing: a lead already stored (`stored`) does not "come in",
        so its cells' warnings are not listed as if it did (newcomer72 #6: a file imported
        again listed Dan Moore's extension under "Would come in" beside "10 unchanged")."""
        self.unchanged += 1
        texts = self.read_warned.pop(line, []) if stored else []
        if texts:
            self.warnings = [w for w in self.warnings if not (w[0] == line and w[1] in texts)]

    def add_change(self, line: int, text: str) -> None:
        if len(self.changes) < MAX_REPORTED:
            self.changes.append((line, text))

    def add_update(self, line: int, lead: Lead, changes: dict) -> None:
        """A row's changes to a lead (`describe`); a stored lead it renames is also listed
        on its own (`say_renamed`): a wrong name beside a known address renames a customer."""
        self.add_change(line, describe(lead, changes))
        if "name" in changes and lead.pk is not None and len(self.renamed) < MAX_REPORTED:
            address = lead.email or lead.phone
            self.renamed.append(
                (
                    line,
                    f"“{lead.name}” -> “{changes['name']}”" + (f" ({address})" if address else ""),
                )
            )

    def say_renamed(self) -> None:
        """Say, of the file as a whole, how many leads already stored its rows renamed (a
        dry run: would), with their lines, so a wrong name next to a known address (a
        teammate's customer matched by email) is seen, not only one line among the updates."""
        if not self.renamed:
            return
        were = "would be" if self.dry_run else ("was" if len(self.renamed) == 1 else "were")
        shown = "; ".join(f"line {line}: {text}" for line, text in self.renamed[:MAX_RENAMED])
        more = len(self.renamed) - MAX_RENAMED
        shown += f"; and {more:,} more (under Updated)" if more > 0 else ""
        self.about.append(
            f"{plural(len(self.renamed), 'lead')} already stored {were} renamed by a row "
            f"matching its email or phone: check each new name is that person's ({shown})."
        )

    def add_asked_not(self, line: int, text: str) -> None:
        """A row of someone who asked not to be contacted that imports nothing: listed
        under its own heading, not among the rows imported with a warning."""
        self.unchanged += 1
        if len(self.asked_not) < MAX_REPORTED:
            self.asked_not.append((line, text))

    def summary(self) -> str:
        def were(n: int) -> str:
            return (
                ("would be" if self.dry_run else "were")
                if n != 1
                else ("would be" if self.dry_run else "was")
            )

        rows = plural(self.rows, "row")
        first = f"The first {rows}" if self.truncated else rows
        return (
            f"{first}: {plural(self.created, 'lead')} {were(self.created)} created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{plural(self.bad, 'row')} skipped."
        )

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "bad": self.bad,
            "errors": self.errors[:MAX_REPORTED],
            "warnings": self.warnings[:MAX_REPORTED],
            "changes": self.changes[:MAX_REPORTED],
            "asked_not": self.asked_not[:MAX_REPORTED],
            "preset": self.preset,
            "about": self.about,
            "dry_run": self.dry_run,
            "summary": self.summary(),
        }


def money(value) -> str:
    """A value as the report writes it: "1,200", "1,200.50", "none"."""
    return f"{value:,.2f}".removesuffix(".00") if value is not None else "none"


def _shown(name: str, value) -> str:
    if name == "value":
        return money(value)
    if name == "created_at":
        return f"{value:%Y-%m-%d %H:%M}" if value else "none"
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return str(value) if value not in ("", None) else "none"


def describe(lead: Lead, changes: dict) -> str:
    """'Ann Lee: value 1,000 -> 2,000; notes added'."""
    parts = []
    for name, new in changes.items():
        label = "time zone" if name == "timezone" else name
        if name == "notes":
            parts.append("notes added")
        else:
            parts.append(f"{label} {_shown(name, getattr(lead, name))} -> {_shown(name, new)}")
    return f"{lead.name}: " + "; ".join(parts)
