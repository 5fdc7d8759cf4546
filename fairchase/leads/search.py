"""The lead list's search, reading names as matching does (`names`): accents and case
aside ("nunez" finds "Núñez"), a name written family name first read both ways ("Stone,
Ann" finds "Ann Stone", "Ann Stone" finds a stored "Stone, Ann"), punctuation, titles and
suffixes aside ("dr olga lopez" and "olga lopez" find "Dr. Olga Lopez", "jose nunez jr"
finds "Núñez, José, Jr.").

The name is folded once, when it is written, into `Lead.search_name` (`folded`), and the
search reads that column: folding 60,000 names in every query took 3-5 s an owner's
search. Every write of a name folds it: `Lead.save` (`SearchedByName`), and
`LeadQuerySet`'s bulk_create, bulk_update and update (imports and the demo write in bulk).
`refold` folds the stored names afresh: the migration that added the column calls it, and
a change to how `names` reads a name needs a migration that calls it too (a test's
fingerprint of `folded` says when). Both databases read the same column, so SQLite and
PostgreSQL find the same leads.
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q, QuerySet

from .names import key, loose, plain


def folded(text: str | None) -> str:
    """A name as the search reads it, in up to three lines: as written, accents and case
    aside; its loose words in the usual order; and those without titles ("Dr. Núñez,
    José" -> "dr. nunez, jose\\ndr jose nunez\\njose nunez")."""
    text = text or ""
    lines = [plain(text), loose(text), key(text)]
    return "\n".join(dict.fromkeys(line for line in lines if line))


class LeadQuerySet(QuerySet):
    """Lead.objects: the bulk writes fold the names they write, as `Lead.save` does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for lead in objs:
            lead.search_name = folded(lead.name)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        if "name" in fields:
            for lead in objs:
                lead.search_name = folded(lead.name)
            fields.append("search_name")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if "name" in kwargs and "search_name" not in kwargs:  # (bulk_update sends both)
            if not isinstance(kwargs["name"], str):  # an expression: no name to fold here
                raise TypeError("Lead names are folded when written: update them as text.")
            kwargs["search_name"] = folded(kwargs["name"])
        return super().update(**kwargs)


class SearchedByName(models.Model):
    """The lead's base: its name as the list's search reads it, folded on every save."""

    search_name = models.TextField(blank=True, default="", editable=False)
    objects = LeadQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        self.search_name = folded(self.name)
        if update_fields is not None and "name" in update_fields:
            update_fields = {*update_fields, "search_name"}
        super().save(*args, update_fields=update_fields, **kwargs)


def refold(leads: QuerySet, batch: int = 2000) -> int:
    """Fold the names of these leads afresh (a new column, or `names` read anew); returns
    how many changed."""
    changed = []
    for pk, name, stored in leads.values_list("pk", "name", "search_name").iterator(batch):
        if (fresh := folded(name)) != stored:
            changed.append(leads.model(pk=pk, search_name=fresh))
    # the plain QuerySet's bulk_update: `search_name` alone, the names are not rewritten
    QuerySet(leads.model).bulk_update(changed, ["search_name"], batch_size=batch)
    return len(changed)


def search(leads: QuerySet, q: str) -> QuerySet:
    """The leads whose name, company, email or phone holds `q`: the name as `folded` reads
    it (the query read the same way), the phone by its digits (stored as E.164: "(212)
    555-01" finds "+121255501..")."""
    wanted = {line for line in (plain(q), loose(q), key(q)) if line}
    match = Q(company__icontains=q) | Q(email__icontains=q)
    for text in wanted:
        match |= Q(search_name__contains=text)
    digits = re.sub(r"\D", "", q)
    if len(digits) >= 3:
        match |= Q(phone__contains=digits)
    return leads.filter(match)
