"""A salesperson's import says a teammate's lead is not to be contacted at an address: the
salesperson may not change that lead, so the wish is held for its owner (review27). A note
on the timeline was easy to miss: the wish is now an item on the owner's Today, with a
one-click confirm (the address suppressed, or the person opted out, through `actions`) and
a dismiss. Until someone decides, the lead is paused: courtesy first, nobody who may have
said no is offered as a contact."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from fairchase.intake.importer import import_file
from fairchase.intake.models import HeldWish
from fairchase.leads import actions, reach
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.people import visible_leads
from tests.conftest import open_all_day_now

PHONE = "+13125550190"
DO_NOT_CALL = f"Name,Email,Phone,Do Not Call\nT. Reed,,{PHONE},true\n"
OPTED_OUT = "Name,Email,Do not contact\nWhoever,tom@example.com,yes\n"


def _import_report(alice, rows=DO_NOT_CALL, filename="cold.csv"):
    file = io.BytesIO(rows.encode())
    return import_file(file, alice, filename=filename, scope=visible_leads(alice), user=alice)


def _import(alice, rows=DO_NOT_CALL) -> None:
    _import_report(alice, rows)


def _today(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def _decide(user, decision: str):
    client = Client()
    client.force_login(user)
    answer = client.post(f"/in/wish/{HeldWish.objects.get().pk}/", {"decision": decision})
    answer.client = client
    return answer


def _today_after(answer) -> str:
    """Today as the decision's redirect shows it, its message with it."""
    assert answer.status_code == 302 and answer["Location"] == "/"
    return answer.client.get("/").content.decode()


@pytest.fixture
def tom(bob, make_lead):
    open_all_day_now()  # a contact is due now, whatever the hour: only the hold stops it
    return make_lead(bob, name="Thomas <b>Reed</b>", email="tom@example.com", phone=PHONE)


def test_the_wish_shows_on_the_owners_today_not_on_the_importers(alice, bob, tom):
    _import(alice)
    page = _today(bob)
    item = page[page.index('id="held-wishes"') :]
    assert f"not to be contacted at {PHONE}" in item and "line 2 of the import of cold.csv" in item
    assert "Thomas &lt;b&gt;Reed&lt;/b&gt;" in item and "<b>Reed</b>" not in page  # escaped
    assert f"Confirm: never contact {PHONE}" in item and ">Dismiss<" in item
    assert 'id="held-wishes"' not in _today(alice)


def test_the_lead_is_not_offered_as_a_contact_while_the_wish_waits(alice, tom):
    assert reach.usable_channels(tom)
    _import(alice)
    tom.refresh_from_db()
    assert reach.is_held(tom) and reach.usable_channels(tom) == []
    assert tom.next_action != "contact"
    assert f"a teammate says not to contact them at {PHONE} (not yet confirmed)" in tom.plan_reason
    assert not Suppression.objects.filter(value=PHONE).exists()  # nothing decided yet


def test_confirming_suppresses_the_address_through_the_one_door(alice, bob, tom):
    _import(alice)
    assert _decide(bob, "confirm").status_code == 302
    assert Suppression.objects.filter(value=PHONE, reason="import: do not call").exists()
    tom.refresh_from_db()
    assert not reach.is_held(tom) and reach.usable_channels(tom) == ["email"]
    assert tom.status_changes.filter(user=bob, reason__contains="confirmed by").exists()
    assert 'id="held-wishes"' not in _today(bob)
    assert HeldWish.objects.get().decision == "confirmed"


def test_confirming_a_row_that_said_they_opted_out_opts_them_out(alice, bob, tom):
    _import(alice, OPTED_OUT)
    assert "Confirm: opt them out" in _today(bob)
    said = _decide(bob, "confirm")
    assert "Thomas &lt;b&gt;Reed&lt;/b&gt; is opted out." in _today_after(said)
    tom.refresh_from_db()
    assert tom.status == Status.OPTED_OUT
    assert tom.status_changes.filter(new=Status.OPTED_OUT, user=bob).exists()


def test_dismissing_lets_the_lead_be_chased_again(alice, bob, tom):
    _import(alice)
    _decide(bob, "dismiss")
    tom.refresh_from_db()
    assert not reach.is_held(tom) and "call" in reach.usable_channels(tom)
    assert not Suppression.objects.filter(value=PHONE).exists()
    assert tom.status_changes.filter(user=bob, reason__contains="Dismissed by").exists()
    assert 'id="held-wishes"' not in _today(bob)


def test_only_someone_who_may_change_the_lead_decides(alice, tom):
    _import(alice)
    assert _decide(alice, "confirm").status_code == 404
    assert HeldWish.objects.get().decision == ""
    assert not Suppression.objects.filter(value=PHONE).exists()


def test_the_same_file_imported_again_asks_once(alice, bob, tom):
    _import(alice)
    leads = Lead.objects.count()
    _import(alice)
    assert HeldWish.objects.count() == 1 and Lead.objects.count() == leads
    assert (
        len(tom.status_changes.filter(reason__startswith=f"Not to be contacted at {PHONE}?")) == 1
    )


def test_the_same_file_imported_after_a_confirm_does_not_hold_the_lead_again(alice, bob, tom):
    """review28 #1: the address is suppressed already: nothing to ask, the email still usable."""
    _import(alice)
    _decide(bob, "confirm")
    _import(alice)
    tom.refresh_from_db()
    assert list(HeldWish.objects.values_list("decision", flat=True)) == ["confirmed"]
    assert not reach.is_held(tom) and reach.usable_channels(tom) == ["email"]


def test_the_same_file_imported_after_a_dismiss_keeps_the_owners_decision(alice, bob, tom):
    """review28 #1: a re-sent cold list does not undo the owner's "chase them"."""
    _import(alice)
    _decide(bob, "dismiss")
    _import(alice)
    tom.refresh_from_db()
    assert list(HeldWish.objects.values_list("decision", flat=True)) == ["dismissed"]
    assert not reach.is_held(tom) and "call" in reach.usable_channels(tom)


def test_another_record_at_the_address_is_held_too_while_the_wish_waits(alice, bob, tom, make_lead):
    """review28 #4: the wish is about an address, not only the lead the import matched."""
    _import(alice)
    other = make_lead(bob, name="Tom again", phone=PHONE)
    elsewhere = make_lead(bob, name="Someone else", phone="+13125550191")
    assert reach.is_held(other) and reach.usable_channels(other) == []
    assert reach.holds([other.pk, elsewhere.pk]) == {
        other.pk: f"a teammate says not to contact them at {PHONE} (not yet confirmed)"
    }
    _decide(bob, "dismiss")
    assert not reach.is_held(other)


def test_a_decision_other_than_confirm_or_dismiss_is_a_bad_request(alice, bob, tom):
    """review28 #9: a template typo is not a missing wish."""
    _import(alice)
    assert _decide(bob, "maybe").status_code == 400
    assert HeldWish.objects.get().decision == ""


def test_two_imports_at_once_leave_one_waiting_wish(alice, bob, tom, monkeypatch):
    """review28 #8: both checked before either saved: the database keeps one, the second
    import is told it was asked already (no error, no second note)."""
    _import(alice)
    monkeypatch.setattr(HeldWish.objects, "filter", lambda **kw: HeldWish.objects.none())
    from fairchase.intake import held_wishes

    held_wishes.hold(tom, "phone", PHONE, reason="x", opt_out=False, said="again", user=alice)
    assert HeldWish.objects.count() == 1
    assert (
        len(tom.status_changes.filter(reason__startswith=f"Not to be contacted at {PHONE}?")) == 1
    )


def test_today_counts_every_waiting_wish_and_links_to_all_of_them(alice, bob, make_lead):
    """review28 #3: Today names 10, its badge counts all 15 and links to the full list."""
    open_all_day_now()
    rows = "Name,Email,Phone,Do Not Call\n"
    for i in range(15):
        make_lead(bob, name=f"P{i}", phone=f"+1312555{1000 + i}")
        rows += f"P{i},,+1312555{1000 + i},true\n"
    _import(alice, rows)
    page = _today(bob)
    item = page[page.index('id="held-wishes"') :]
    assert '<span class="badge">15</span>' in item and item.count('id="wish-') == 10
    assert "and 5 more" in item and 'href="/in/wishes/"' in item
    client = Client()
    client.force_login(bob)
    assert client.get("/in/wishes/").content.decode().count('id="wish-') == 15
    client.force_login(alice)
    assert 'id="wish-' not in client.get("/in/wishes/").content.decode()


def test_a_refused_contact_names_the_imports_wish_not_a_stop(alice, tom):
    """review28 #2: no stop message to confirm: the refusal says where to decide."""
    from fairchase.outreach.refusals import refusal

    _import(alice)
    said = refusal(tom, "email", tom.email)
    assert (
        said == f"A teammate says not to contact them at {PHONE}: confirm or dismiss it on Today."
    )
    assert "Asked to stop" not in said


def test_the_held_leads_page_lets_its_owner_decide_there(alice, bob, tom):
    """review28 #2: the lead's page has the same confirm and dismiss, and comes back to it."""
    _import(alice)
    client = Client()
    client.force_login(bob)
    page = client.get(f"/leads/{tom.pk}/").content.decode()
    item = page[page.index('id="held-wishes"') :]
    assert f"Confirm: never contact {PHONE}" in item and 'name="next" value="lead"' in item
    assert f"on hold: a teammate says not to contact them at {PHONE}" in page
    assert "confirm or correct the stop first)" not in page  # no stop to confirm
    wish = HeldWish.objects.get()
    answer = client.post(f"/in/wish/{wish.pk}/", {"decision": "dismiss", "next": "lead"})
    assert answer.status_code == 302 and answer["Location"] == f"/leads/{tom.pk}/"
    assert 'id="held-wishes"' not in client.get(f"/leads/{tom.pk}/").content.decode()


def test_another_import_after_a_dismiss_asks_again(alice, bob, tom):
    """review29 #3: a later, different file naming the address is the person's newer "no":
    held again, as its report says, not dropped because an older wish was dismissed."""
    _import(alice)
    _decide(bob, "dismiss")
    report = _import_report(alice, filename="newer.csv")
    assert any("its owner is asked to confirm" in w for _, w in report.warnings)
    tom.refresh_from_db()
    assert HeldWish.objects.filter(decision="", said__contains="newer.csv").count() == 1
    assert reach.is_held(tom) and reach.usable_channels(tom) == []


def test_an_opted_out_row_is_held_when_the_address_only_bounced_before(alice, bob, tom):
    """review29 #4: a bounce (or an email-only unsubscribe) is not the row's "no": the
    teammate's lead is held for its owner, not left to be called on its phone."""
    actions.suppress("tom@example.com", Suppression.Kind.EMAIL, "bounced")
    report = _import_report(alice, OPTED_OUT)
    assert any("its owner is asked to confirm" in w for _, w in report.warnings)
    tom.refresh_from_db()
    assert HeldWish.objects.get().opt_out and reach.is_held(tom)
    assert reach.usable_channels(tom) == []


def test_an_opted_out_row_is_not_asked_again_once_the_address_is_an_opt_out(alice, bob, tom):
    """The address suppressed as an opt-out already (a wish confirmed): nothing to ask."""
    actions.suppress("tom@example.com", Suppression.Kind.EMAIL, "opt-out")
    _import(alice, OPTED_OUT)
    assert not HeldWish.objects.exists()
