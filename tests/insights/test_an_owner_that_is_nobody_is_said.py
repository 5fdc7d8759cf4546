"""An owner filter whose id is nobody's (`?owner=999`, a stale link, a typo) is said in plain
words, "No such person", and the page shows everyone's, as the API answers 422 for it:
never a business "with no history" on Insights nor "Leads 0" under "Any owner"."""

import pytest

from fairchase.leads.models import Lead

from .conftest import table_rows

pytestmark = pytest.mark.django_db


def _finished(html) -> int:
    return sum(int(r["texts"][1].replace(",", "")) for r in table_rows(html, "status"))


@pytest.mark.parametrize("asked", ["999", "abc"])
def test_insights_for_an_owner_who_is_nobody_shows_the_business_and_says_so(
    client, boss, history, asked
):
    client.force_login(boss)
    html = client.get(f"/insights/?owner={asked}").content.decode()
    assert f"No such person (owner “{asked}”): showing the whole business." in html
    assert "No finished leads here yet" not in html
    assert _finished(html) == Lead.objects.count()


def test_the_leads_list_for_an_owner_who_is_nobody_lists_everyones_and_says_so(
    client, boss, alice, make_lead
):
    make_lead(alice, name="Ann Lee", email="ann@example.com")
    client.force_login(boss)
    html = client.get("/leads/?owner=999").content.decode()
    assert "No such person (owner “999”): showing every owner's leads." in html
    assert "Ann Lee" in html and 'Leads <span class="badge">1</span>' in html
    # a real owner's id, a deactivated one's too, still narrows the list, without the notice
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    html = client.get(f"/leads/?owner={boss.pk}").content.decode()
    assert "Ann Lee" not in html and "No such person" not in html
    html = client.get(f"/leads/?owner={alice.pk}").content.decode()
    assert "Ann Lee" in html and "No such person" not in html


def test_a_salesperson_is_told_nothing_of_an_owner_filter(client, bob, alice):
    client.force_login(bob)
    for page in ("/leads/?owner=999", f"/leads/?owner={alice.pk}", "/insights/?owner=999"):
        assert "No such person" not in client.get(page).content.decode()
