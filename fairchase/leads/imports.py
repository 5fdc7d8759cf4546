"""The doors for many leads at once (an import, an imported history): the bulk forms of
`actions.create_lead`, each lead planned through the decision core and given its
transition rows, like every other change (see `actions`)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import ACTIVE_STATUSES, Attempt, Lead, Status, StatusChange
from .normalize import zone_for_phone
from .same_person import said_no_at
from .search import folded


class _NoHistory:
    def all(self) -> list:
        return []


class _Unsaved:
    """A lead about to be inserted, as `planning.lead_record` reads it: a new lead has no
    attempts or commitments, so its plan can be computed before the insert."""

    attempts = commitments = _NoHistory()
    missed_promises: list = []  # nor a missed promise (planning._missed_promise)

    def __init__(self, lead, temp_id: int) -> None:
        self._lead, self.pk = lead, temp_id

    def __getattr__(self, name):
        return getattr(self._lead, name)


@transaction.atomic
def create_leads(
    leads: list,
    *,
    user=None,
    reason: str = "Imported",
    now: datetime | None = None,
    why_opted_out: dict[int, str] | None = None,
) -> list[int]:
    """Store many new leads at once (an import): `create_lead` in bulk.

    `leads` hold the Lead columns as attributes (model instances, or lighter objects an
    importer builds: at 100,000 rows a Lead instance costs more than the rest of a row's
    work). Each is planned through the decision core before one multi-row insert (a new
    lead has no history, so its record is complete), then gets its StatusChange row. No
    `created` event is sent: an imported list is not a stack of enquiries to alert about.
    A lead of someone who opted out is opted out as it is made (`actions.honour_opt_out`,
    the rule of `create_lead`), its `status` set on the object too (`why_opted_out`, by
    position in `leads`: the importer's account of a row that said so itself, whose
    addresses it suppressed a moment ago). Returns the new primary keys, in order."""
    from fairchase import policy
    from fairchase.intake import bulk  # one multi-row INSERT ... RETURNING per batch

    from . import planning
    from .models import Suppression

    if not leads:
        return []
    now = now or timezone.now()
    for lead in leads:  # a number abroad with one zone: theirs (the rule of `create_lead`)
        lead.imported_at = now
        lead.search_name = folded(lead.name)  # found by name, as `Lead.save` makes it
        if not lead.timezone and lead.phone:
            lead.timezone = zone_for_phone(lead.phone)
    values = {v for lead in leads for v in (lead.email, lead.phone) if v}
    suppressed = Suppression.among(values=values)
    records = [planning.lead_record(_Unsaved(lead, i), suppressed) for i, lead in enumerate(leads)]
    decisions = {
        d["id"]: d
        for d in policy.plan(planning.current_model(), records, now, planning.policy_settings())
    }
    for i, lead in enumerate(leads):
        planning.apply_decision(lead, decisions.get(str(i)), now)
    ids = bulk.insert(Lead, leads, returning=True)
    for lead, pk in zip(leads, ids, strict=True):  # each object's `id` set too
        lead.id = pk
    user_id = user.pk if user is not None else None
    rows = [  # plain rows: no model instances needed for an insert
        _Row(
            lead_id=lead.id,
            old="",
            new=lead.status,
            reason=reason,
            user_id=user_id,
            at=lead.created_at,
        )
        for lead in leads
    ]
    bulk.insert(StatusChange, rows)
    _honour_opt_outs(leads, said_no_at(values, suppressed), user, why_opted_out or {})
    return ids


def _honour_opt_outs(leads: list, said_no: set[str], user, whys: dict[int, str]) -> None:
    """Opt out the new leads of someone who opted out (an opt-out's suppression, or an
    opted-out record of theirs with no suppression row: a demo, a restored backup), as
    `create_lead` does it; `said_no`: the leads' addresses such a person gave (`said_no_at`)."""
    if said_no:
        from .actions import honour_opt_out

        for i, lead in enumerate(leads):
            if {lead.email, lead.phone} & said_no:
                why = whys.get(i, "")
                lead.status = honour_opt_out(lead.id, user=user, why=why).status


@transaction.atomic
def record_history(rows: list[dict], *, owner, user=None) -> list[Lead]:
    """Store past leads with their attempts (an imported history): `create_leads` for the
    past. Each lead gets its transition rows (open when it arrived, then its final status at
    its last try), and the ones still active are planned through the decision core.
    `rows` are parsed history records (`intake.history.parse_record`). Returns the leads."""
    from . import planning

    now = timezone.now()
    leads = [
        Lead(
            owner=owner,
            name=r["name"],
            source=r["source"],
            value=r["value"],
            created_at=r["created_at"],
            timezone=r["timezone"],
            signals=r["signals"],
            consents=r["consents"],
            status=r["status"],
            won_value=r["won_value"],
            attempt_count=len(r["attempts"]),
            last_attempt_at=r["attempts"][-1]["at"] if r["attempts"] else None,
            first_response_at=r["attempts"][0]["at"] if r["attempts"] else None,
            imported_at=now,
        )
        for r in rows
    ]
    Lead.objects.bulk_create(leads)
    Attempt.objects.bulk_create(
        [
            Attempt(lead=lead, **a)
            for lead, r in zip(leads, rows, strict=True)
            for a in r["attempts"]
        ],
        batch_size=1000,
    )
    changes = []
    for lead, r in zip(leads, rows, strict=True):
        reason = "Imported history"
        changes.append(
            StatusChange(
                lead=lead, old="", new=Status.OPEN, reason=reason, user=user, at=lead.created_at
            )
        )
        if lead.status != Status.OPEN:
            end = r["attempts"][-1]["at"] if r["attempts"] else lead.created_at
            changes.append(
                StatusChange(
                    lead=lead, old=Status.OPEN, new=lead.status, user=user, at=end, reason=reason
                )
            )
    StatusChange.objects.bulk_create(changes, batch_size=1000)
    active = [lead.pk for lead in leads if lead.status in ACTIVE_STATUSES]
    if active:
        planning.replan_all(queryset=Lead.objects.filter(pk__in=active))
    return leads


class _Row:
    """A row for `bulk.insert`: its columns as attributes."""

    def __init__(self, **columns) -> None:
        self.__dict__.update(columns)
