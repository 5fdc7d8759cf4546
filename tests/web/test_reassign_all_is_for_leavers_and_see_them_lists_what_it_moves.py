""" "Reassign all" is for someone who left: a person who works here (again: re-activated
after a mistake, a Today tab left open) is refused with a message, whoever posts the form;
the banner's "See them" lists exactly the leads the button would move (one query,
`people.carried_leads`), not every lead the person ever had."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _set_active(user, active):
    user.is_active = active
    user.save(update_fields=["is_active"])


def test_reassign_all_refuses_someone_who_works_here_again(alice, bob, boss, make_lead):
    leads = [make_lead(alice) for _ in range(2)]
    _set_active(alice, False)
    _set_active(alice, True)  # deactivated by mistake, back the same day
    r = _client(boss).post(
        "/leads/reassign-all/", {"leaver": alice.pk, "owner": bob.pk}, follow=True
    )
    assert "Alice works here again: reassign their leads one by one." in r.content.decode()
    assert all(Lead.objects.get(pk=lead.pk).owner == alice for lead in leads)


def test_see_them_lists_exactly_the_leads_reassign_all_would_move(alice, bob, boss, make_lead):
    carried = [make_lead(alice, name=f"Carried {n}") for n in range(3)]
    parked = make_lead(alice, name="Parked Lead")
    actions.stop_chasing(parked, "revisit", revisit_at=timezone.now() + timedelta(days=30))
    won = make_lead(alice, name="Won Lead")
    actions.mark_won(won, 100)
    lost = make_lead(alice, name="Lost Lead")
    actions.mark_lost(lost, "Went elsewhere")
    _set_active(alice, False)
    today = _client(boss).get("/").content.decode()
    assert "Reassign all 4" in today
    link = re.search(r'href="([^"]*)">See them</a>', today).group(1).replace("&amp;", "&")
    listed = _client(boss).get(link).content.decode()
    assert '<span class="badge">4</span>' in listed
    for lead in [*carried, parked]:
        assert lead.name in listed
    assert "Won Lead" not in listed and "Lost Lead" not in listed
    _client(boss).post("/leads/reassign-all/", {"leaver": alice.pk, "owner": bob.pk})
    moved = set(Lead.objects.filter(owner=bob).values_list("pk", flat=True))
    assert moved == {lead.pk for lead in [*carried, parked]}
