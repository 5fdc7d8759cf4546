"""eval36 #3: a salesperson's import row "Do not contact" for the address of a teammate's
closed (or lost, or won) lead said "matches a lead you cannot change: not changed; its
owner is asked to confirm", yet made an opted-out record for the importer, whose opt-out
reached the teammate's lead at once: it was opted out, the waiting wish was hidden (wishes
of opted-out leads are not shown) and the owner's "our mistake" was refused. Now the row
is held as for an active teammate lead: no record is made, nothing is opted out, the wish
waits on the owner's Today, and confirming it opts the lead out."""

from __future__ import annotations

import io

import pytest

from fairchase.intake import held_wishes
from fairchase.intake.importer import import_file
from fairchase.intake.models import HeldWish
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.people import visible_leads

KATE = "kate.gray@example.com"
ROWS = f"Name,Email,Company,Notes,Do not contact\nKate Other,{KATE},,,yes\n"


@pytest.mark.parametrize("finish", ["close", "lost", "won"])
def test_a_do_not_contact_row_for_a_teammates_finished_lead_waits_for_its_owner(
    alice, bob, make_lead, finish
):
    kate = make_lead(bob, name="Kate Gray", email=KATE)
    if finish == "close":
        actions.stop_chasing(kate, Status.CLOSED, user=bob)
    elif finish == "lost":
        actions.mark_lost(kate, "went elsewhere", user=bob)
    else:
        actions.mark_won(kate, user=bob)
    status = Lead.objects.get(pk=kate.pk).status
    report = import_file(
        io.BytesIO(ROWS.encode()), alice, filename="x.csv", scope=visible_leads(alice), user=alice
    )
    kate.refresh_from_db()
    assert kate.status == status
    assert not Lead.objects.filter(owner=alice).exists()  # no record of the importer's
    said = " ".join(str(line) for line in (*report.errors, *report.warnings))
    assert "its owner is asked to confirm" in said and "not added" in said
    assert not Suppression.objects.filter(value=KATE).exists()
    assert [w.lead_id for w in held_wishes.waiting_for(bob)] == [kate.pk]
    wish = HeldWish.objects.get()
    held_wishes.decide(wish, True, bob)
    kate.refresh_from_db()
    assert Suppression.objects.filter(value=KATE).exists()
