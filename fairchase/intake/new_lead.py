"""A lead about to be bulk-inserted by an import (`importer`)."""

from __future__ import annotations

from types import SimpleNamespace

from fairchase.leads.models import Lead


class NewLead(SimpleNamespace):
    """A lead about to be bulk-inserted: its column values as attributes (a Lead instance
    costs more to build than the rest of an imported row's work)."""

    _defaults: dict | None = None
    _list_defaults: tuple[str, ...] = ()  # list defaults are copied per lead, never shared

    @classmethod
    def make(cls, **values) -> NewLead:
        if cls._defaults is None:
            cls._defaults = {
                f.attname: None if f.primary_key else f.get_default()
                for f in Lead._meta.concrete_fields
            }
            cls._list_defaults = tuple(k for k, v in cls._defaults.items() if isinstance(v, list))
        fresh = cls._defaults.copy()
        for k in cls._list_defaults:
            fresh[k] = list(fresh[k])
        fresh.update(values)
        return cls(**fresh)

    @property
    def pk(self):
        return self.id
