"""Who each imported row is. A row is known by its keys (its addresses, or without one its
name and company: `row_keys`); a `Batch` of rows is matched against the leads in scope with
one query, then each row goes to the `importer.Importer` running the import: to update the
lead it is, to become a new lead, or, as someone else's active lead, to be reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from fairchase.leads import actions, same_person
from fairchase.leads.models import Lead

from .rows import RowError

if TYPE_CHECKING:
    from .importer import Importer, NewLead


def row_keys(fields: dict) -> list:
    """The keys a row is matched on: its addresses, or, without one, its name and company."""
    return [fields[k] for k in ("email", "phone") if fields.get(k)] or [name_key(fields)]


def name_key(fields: dict) -> tuple[str, str]:
    """Who a row is when it has no email or phone: its name and company, case-folded."""
    return (
        " ".join(fields.get("name", "").split()).casefold(),
        " ".join(fields.get("company", "").split()).casefold(),
    )


class Batch:
    """Rows in flight: matched against the scope, merged, then written together."""

    def __init__(self, importer: Importer) -> None:
        self.imp = importer
        self.items: list[tuple[int, dict]] = []

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
        emails = {f["email"] for _, f in items if "email" in f}
        phones = {f["phone"] for _, f in items if "phone" in f}
        names = {f["name"] for _, f in items if "email" not in f and "phone" not in f}
        by_id: dict[int, Lead] = {}
        by_email: dict[str, Lead] = {}
        by_phone: dict[str, Lead] = {}
        by_name: dict[tuple[str, str], Lead] = {}
        query = Q(pk__in=ids) | Q(email__in=emails) | Q(phone__in=phones) | Q(name__in=names)
        if ids or emails or phones or names:
            for lead in scope.filter(query).order_by("pk"):
                by_id[lead.pk] = lead
                if lead.email:
                    by_email.setdefault(lead.email, lead)
                if lead.phone:
                    by_phone.setdefault(lead.phone, lead)
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
        by_id, by_email, by_phone, by_name = found
        lead = by_id.get(fields.get("id"))
        if lead is not None and name_key(lead.__dict__)[0] == name_key(fields)[0]:
            return lead  # one of our own exported rows (an id from another database names someone else)
        keys = [
            (fields[k], table)
            for k, table in (("email", by_email), ("phone", by_phone))
            if fields.get(k)
        ] or [(name_key(fields), by_name)]
        for key, in_scope in keys:
            if key in self.imp.pending:
                return self.imp.pending[key]
            pk = self.imp.aliases.get(key)
            if pk is not None and pk in by_id:
                return by_id[pk]
            if key in in_scope:
                return in_scope[key]
        return None

    def elsewhere(self, fields: dict, candidates: list[Lead]) -> Lead | None:
        """The active lead, outside the scope, of the person this unmatched row is (the rule
        of `same_person.active_lead_of`): a row matched nothing in scope, so any active lead
        with its email or phone is someone else's."""
        if not (fields.get("email") or fields.get("phone")) or self.imp.pending_match(fields):
            return None
        return same_person.active_lead_among(
            candidates, fields.get("name", ""), fields.get("email", ""), fields.get("phone", "")
        )

    def holder(self, address: str, found: tuple[dict, dict, dict, dict]):
        """Who already has this address in this import or in scope (a lead or its pk), or None."""
        if address in self.imp.pending:
            return self.imp.pending[address]
        if address in self.imp.aliases:
            return self.imp.aliases[address]
        return found[1].get(address) or found[2].get(address)

    def flush(self) -> None:
        if not self.items:
            return
        imp = self.imp
        found = self._existing()
        items, self.items = self.items, []
        # Another person's active leads these rows may be (the whole book, not only the scope).
        # Not held (`same_person.lock_person`): one file is one process matching its own rows
        # in memory; a batch's 2,000 addresses would overrun PostgreSQL's lock table (~64 a connection).
        elsewhere = same_person.active_leads_at(
            [f.get("email") for _, f in items], [f.get("phone") for _, f in items]
        )
        new: list[tuple[int, NewLead]] = []  # (its line, the lead)
        with transaction.atomic():
            for line, fields in items:
                # the Owner cell is read only for a new lead: a known one keeps its owner
                named = fields.pop("owner", "")
                key_lead = self.match(fields, found)
                try:
                    if key_lead is None and (theirs := self.elsewhere(fields, elsewhere)):
                        imp.not_added(line, fields, theirs)
                    elif key_lead is None:
                        if named:
                            fields["owner_id"] = imp.owner_of_row(line, fields, named).pk
                        new.append((line, imp.new_lead(fields)))
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
