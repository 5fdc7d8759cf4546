"""Who each imported row is. A row is known by its keys (its addresses, or without one its
name and company, read loosely: `name_key`); a `Batch` of rows is
matched against the leads in scope with one query, then each row goes to the
`importer.Importer` running the import: to update the lead it is, to become a new lead,
or, as someone else's active lead, to be reported; as someone who opted out on a record
outside the scope (another owner's, in a salesperson's import), it makes no second record.

An email is one person's; a phone number may be a family's or a switchboard's, so a row
joins a lead (or an earlier row of the file) by phone only under a matching name, by the
rule every other door follows (`same_person.one_on_phone`): each number keeps all its leads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from fairchase.leads import actions, names, same_person
from fairchase.leads.models import ACTIVE_STATUSES, Lead, Status

from .rows import RowError

if TYPE_CHECKING:
    from .importer import Importer
    from .new_lead import NewLead


def token(lead) -> int:
    """A lead's identity during an import: its pk, or for one not saved yet, the object's id."""
    if isinstance(lead, int):
        return lead
    return lead.pk if lead.pk is not None else id(lead)


def row_keys(fields: dict) -> list:
    """The keys a row is matched on: its addresses, or, without one, its name and company."""
    return [fields[k] for k in ("email", "phone") if fields.get(k)] or [name_key(fields)]


def name_key(fields: dict) -> tuple[str, str]:
    """Who a row is when it has no email or phone: its name in the usual order (`names.key`:
    case, accents, titles and suffixes aside, so "Dr. José Núñez" is "Jose Nunez" and
    "Lee, Ann" is "Ann Lee", but "Lee Ann" is someone else) and its company, case and
    accents aside."""
    return (
        names.key(fields.get("name", "")),
        " ".join(names.plain(fields.get("company", "")).split()),
    )


class Batch:
    """Rows in flight: matched against the scope, merged, then written together."""

    def __init__(self, importer: Importer) -> None:
        self.imp = importer
        self.items: list[tuple[int, dict]] = []
        self._without_address: dict[tuple[str, str], list[int]] | None = None

    def _named_without_address(self, keys: set) -> set[int]:
        """The leads in scope with no email or phone whose name key is one of these. Names
        are compared loosely (`name_key`), which a database query cannot do: the scope's
        leads without an address are read once an import (their pk, name and company), and
        a lead this import renames is found under its new name through `Importer.aliases`."""
        if self._without_address is None:
            self._without_address = {}
            rows = self.imp.scope.filter(email="", phone="").values_list("pk", "name", "company")
            for pk, name, company in rows.order_by("pk"):
                key = name_key({"name": name, "company": company})
                self._without_address.setdefault(key, []).append(pk)
        return {pk for key in keys for pk in self._without_address.get(key, ())}

    def _existing(self) -> tuple[dict, dict, dict, dict]:
        """Leads in scope that rows of this batch may be: by our id, email, phone, name."""
        items, scope = self.items, self.imp.scope
        ids = {f["id"] for _, f in items if "id" in f}
        ids |= {
            pk
            for _, f in items
            for key in row_keys(f)
            if (pk := self.imp.aliases.get(key)) is not None
        }
        ids |= {
            pk
            for _, f in items
            if "phone" in f
            for pk in self.imp.phone_aliases.get(f["phone"], ())
        }
        emails = {f["email"] for _, f in items if "email" in f}
        phones = {f["phone"] for _, f in items if "phone" in f}
        unaddressed = {name_key(f) for _, f in items if "email" not in f and "phone" not in f}
        if unaddressed:
            ids |= self._named_without_address(unaddressed)
        by_id: dict[int, Lead] = {}
        by_email: dict[str, Lead] = {}
        by_phone: dict[str, list[Lead]] = {}  # a shared number: every lead on it
        by_name: dict[tuple[str, str], Lead] = {}
        query = Q(pk__in=ids) | Q(email__in=emails) | Q(phone__in=phones)
        if ids or emails or phones:
            for lead in scope.filter(query).order_by("pk"):
                by_id[lead.pk] = lead
                if lead.email:
                    by_email.setdefault(lead.email, lead)
                if lead.phone:
                    by_phone.setdefault(lead.phone, []).append(lead)
                if (
                    not lead.email and not lead.phone
                ):  # a row without an address is someone without one
                    by_name.setdefault(name_key({"name": lead.name, "company": lead.company}), lead)
        return by_id, by_email, by_phone, by_name

    def match(self, fields: dict, found: tuple[dict, dict, dict, dict]) -> Lead | None:
        """Who this row is: one of our own exported rows by its id, else key by key (email,
        then phone, or the name for a row without one) the person an earlier row of this
        import was or a lead in scope. Key by key, so a row is matched on its email first
        on every import, whether its email's owner was created by this import or the last."""
        by_id, by_email, _by_phone, by_name = found
        lead = by_id.get(fields.get("id"))
        if lead is not None and name_key(lead.__dict__)[0] == name_key(fields)[0]:
            return lead  # one of our own exported rows (an id from another database names someone else)
        if not (fields.get("email") or fields.get("phone")):
            return self._by_key(name_key(fields), by_id, by_name)
        if fields.get("email") and (lead := self._by_key(fields["email"], by_id, by_email)):
            return lead
        if fields.get("phone"):
            return self.on_phone(fields["phone"], fields.get("name", ""), found)
        return None

    def _by_key(self, key, by_id: dict, in_scope: dict) -> Lead | None:
        """The lead a key (an email, or a name and company) is: an earlier row's, else in scope."""
        if key in self.imp.pending:
            return self.imp.pending[key]
        pk = self.imp.aliases.get(key)
        if pk is not None and pk in by_id:
            return by_id[pk]
        return in_scope.get(key)

    def at_phone(self, phone: str, found: tuple[dict, dict, dict, dict]) -> list:
        """Everyone this number is known for: earlier rows of this batch, of earlier batches,
        then the leads in scope with it (each once)."""
        by_id, by_phone = found[0], found[2]
        earlier = [by_id[pk] for pk in self.imp.phone_aliases.get(phone, ()) if pk in by_id]
        everyone = [*self.imp.phones.get(phone, ()), *earlier, *by_phone.get(phone, ())]
        if len(everyone) < 2:
            return everyone
        seen: set[int] = set()
        once = []
        for lead in everyone:
            if token(lead) not in seen:
                seen.add(token(lead))
                once.append(lead)
        return once

    def on_phone(self, phone: str, name: str, found: tuple[dict, dict, dict, dict]):
        """The one known for this number that a row with this name is (`same_person.one_on_phone`:
        the same name first, else the one matching name; two fitting: None, never a guess).
        Two fitting of whom an earlier row of this import was one: that one, as when the file
        was first imported ("Bob" after "Bob Stone" joined him before "Bob Jones" came), so
        importing a file again changes nothing."""
        known = self.at_phone(phone, found)
        lead = same_person.one_on_phone(known, name)
        if lead is None and len(known) > 1:
            touched = self.imp.touched
            lead = same_person.one_on_phone([x for x in known if token(x) in touched], name)
        return lead

    def elsewhere(self, fields: dict, candidates: list[Lead]) -> Lead | None:
        """The active lead, outside the scope, of the person this unmatched row is (the rule
        of `same_person.active_lead_of`) among `candidates`, the active leads with its
        addresses outside the scope: the row matched nobody in scope."""
        if not (fields.get("email") or fields.get("phone")) or self.imp.pending_match(fields):
            return None
        return same_person.active_lead_among(
            candidates, fields.get("name", ""), fields.get("email", ""), fields.get("phone", "")
        )

    def said_no_unseen(self, fields: dict, candidates: list[Lead]) -> Lead | None:
        """The record outside the scope of someone who opted out that this unmatched row is
        (the rule of `elsewhere`) among `candidates`, the opted-out records with its
        addresses outside the scope, or that an earlier row of the import was."""
        for key in row_keys(fields):
            if key in self.imp.unseen_said_no:
                return self.imp.unseen_said_no[key]
        return self.elsewhere(fields, candidates)

    def holder(self, address: str, found: tuple[dict, dict, dict, dict]):
        """Who already has this address in this import or in scope (a lead or its pk), or None."""
        if address in self.imp.pending:
            return self.imp.pending[address]
        if address in self.imp.aliases:
            return self.imp.aliases[address]
        if address in found[1]:
            return found[1][address]
        return next(iter(self.at_phone(address, found)), None)

    def flush(self) -> None:
        if not self.items:
            self.imp.check_in()  # the end of the file: how far it is, all the same
            return
        imp = self.imp
        found = self._existing()
        items, self.items = self.items, []
        # Another person's active leads these rows may be (the whole book, not only the scope).
        # Not held (`same_person.lock_person`): one file is one process matching its own rows
        # in memory; a batch's 2,000 addresses would overrun PostgreSQL's lock table (~64 a connection).
        # Those in scope are not: a row on a number shared by two in scope whose names both
        # fit is neither's (never a guess), and not "already someone's lead" either.
        outside = [
            lead
            for lead in same_person.leads_at(
                [f.get("email") for _, f in items], [f.get("phone") for _, f in items]
            )
            if lead.pk not in found[0]
        ]
        elsewhere = [lead for lead in outside if lead.status in ACTIVE_STATUSES]
        # and the records of people who opted out there (an import from a salesperson, who
        # sees only their own leads): a row of theirs makes no second record
        said_no = [lead for lead in outside if lead.status == Status.OPTED_OUT]
        new: list[tuple[int, NewLead]] = []  # (its line, the lead)
        with transaction.atomic():
            imp.check_in()  # still this run's job, held till the batch commits: or it stops
            for line, fields in items:
                # the Owner cell is read only for a new lead: a known one keeps its owner
                named = fields.pop("owner", "")
                key_lead = self.match(fields, found)
                try:
                    if key_lead is None and (theirs := self.elsewhere(fields, elsewhere)):
                        imp.not_added(line, fields, theirs)
                    elif key_lead is None and (record := self.said_no_unseen(fields, said_no)):
                        imp.said_no_unseen(
                            line, fields, record, holder=lambda key: self.holder(key, found)
                        )
                    elif key_lead is None:
                        if named:
                            fields["owner_id"] = imp.owner_of_row(line, fields, named).pk
                        new.append((line, imp.new_lead(fields, line)))
                    else:
                        imp.merge(
                            key_lead, fields, line, holder=lambda key: self.holder(key, found)
                        )
                except (RowError, actions.ActionError, ValueError) as exc:
                    imp.report.add_error(line, f"{fields.get('name', '')}: {exc}")
            if new:
                imp.write_new(new)
        imp.report.created += len(new)  # counted once written (a failed batch creates nothing)
        if not imp.dry_run:  # once written, the next batch finds these leads by their keys
            imp.forget_pending()
