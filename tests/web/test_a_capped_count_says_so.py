"""Today counts a big section only up to a cap (`agenda_sql.COUNT_CAP`), and then says so:
after a 20,000-row import its badge and link read "1000" and "1000 ready to let go: see
all" while the page they open said 20,053 (eval24 finding 19). The cap is made 3 here."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fairchase.leads.models import Lead
from fairchase.web import agenda, agenda_sql


def test_a_section_past_the_cap_reads_cap_plus(client, alice, make_lead, monkeypatch):
    monkeypatch.setattr(agenda_sql, "COUNT_CAP", 3)
    monkeypatch.setattr(agenda, "COUNT_CAP", 3)
    monkeypatch.setattr(agenda, "LET_GO_LIMIT", 2)
    for i in range(5):
        lead = make_lead(alice, name=f"Quiet {i}", created_at=timezone.now() - timedelta(days=9))
        Lead.objects.filter(pk=lead.pk).update(
            next_action="stop", next_state="closed", next_due=None, priority=-1 - i
        )
    client.force_login(alice)
    badge = client.get("/").content.decode().split('id="count-let-go">')[1].split("<")[0]
    assert badge == "3+"
    rows = client.get("/today/let-go/rows/").content.decode()
    assert "3+ ready to let go: see all" in rows


def test_a_section_under_the_cap_reads_its_count(client, alice, make_lead):
    lead = make_lead(alice, name="Quiet", created_at=timezone.now() - timedelta(days=9))
    Lead.objects.filter(pk=lead.pk).update(
        next_action="stop", next_state="closed", next_due=None, priority=-1
    )
    client.force_login(alice)
    badge = client.get("/").content.decode().split('id="count-let-go">')[1].split("<")[0]
    assert badge == "1"
