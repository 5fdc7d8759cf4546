"""A lead opted out as the same person as another record says so on its timeline, naming
that record ("Emil Stone (#7)"). A salesperson sees only their own leads: on their lead's
page another owner's record is "a record you cannot open", never its person's name; an
admin, who sees every lead, keeps the name."""

from __future__ import annotations

from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status


def _page(user, lead) -> str:
    c = Client()
    c.force_login(user)
    return c.get(f"/leads/{lead.pk}/").content.decode()


def test_a_salesperson_is_not_told_whom_another_owner_has(alice, bob, boss, make_lead):
    emil = make_lead(alice, name="Emil Stone", email="emil@example.com", phone="+13125550101")
    actions.opt_out(emil, user=alice)
    mine = make_lead(bob, name="E. Stone", email="emil@example.com", phone="+13125550199")
    mine.refresh_from_db()
    assert mine.status == Status.OPTED_OUT
    assert f"Emil Stone (#{emil.pk})" in mine.status_changes.last().reason

    page = _page(bob, mine)
    assert "Emil Stone" not in page and f"#{emil.pk})" not in page
    assert "a record you cannot open" in page
    assert f"Emil Stone (#{emil.pk})" in _page(boss, mine)


def test_the_other_way_round_names_only_a_lead_the_viewer_sees(alice, bob, boss, make_lead):
    mine = make_lead(bob, name="Emil Stone", email="emil@example.com", phone="+13125550101")
    theirs = make_lead(alice, name="Emil S.", email="emil@example.com", phone="+13125550102")
    # her own no (a reply from her email, filed by Alice) reaches every record at once; a
    # hand opt-out of Alice's would wait for Bob (test_a_hand_opt_out_waits_for_...)
    actions.opt_out(theirs, user=alice, shown=("email",))
    mine = Lead.objects.get(pk=mine.pk)
    assert mine.status == Status.OPTED_OUT
    page = _page(bob, mine)
    assert "Emil S. (#" not in page and "a record you cannot open" in page
    assert f"Emil S. (#{theirs.pk})" in _page(boss, mine)
    # alice's own lead names nothing of bob's either: it was the one that said no
    assert "Emil Stone" not in _page(alice, theirs)


def test_a_shared_phone_under_another_name_keeps_the_name_to_those_who_see_it(
    alice, bob, boss, make_lead
):
    emil = make_lead(
        alice, name="<i>Emil</i> Stone", email="emil@example.com", phone="+13125550101"
    )
    zed = make_lead(bob, name="Zed Other", email="zed@example.com", phone="+13125550101")
    actions.opt_out(emil, user=alice, shown=("email", "phone"))  # her own no, as above
    page = _page(bob, zed)
    assert "Emil" not in page
    assert "A record you cannot open opted out and shares the phone (312) 555-0101" in page
    # the name stays escaped for those who see it
    assert f"&lt;i&gt;Emil&lt;/i&gt; Stone (#{emil.pk}) opted out and shares" in _page(boss, zed)
