"""Who sees which numbers: Bob only his own leads', admins anyone's, strangers nothing."""

import pytest

from fairchase.insights.models import SourceCost
from fairchase.leads.models import Lead

from .conftest import table_rows

pytestmark = pytest.mark.django_db


def _status_counts(html):
    return {
        r["attrs"]["data-status"]: int(r["texts"][1].replace(",", ""))
        for r in table_rows(html, "status")
    }


def test_bob_sees_only_his_own_leads_numbers(client, bob, alice, history):
    client.force_login(bob)
    html = client.get("/insights/").content.decode()
    assert sum(_status_counts(html).values()) == Lead.objects.filter(owner=bob).count()
    # What the model learned is the business's model, the one planning his Today: see
    # test_a_salesperson_sees_the_model_that_plans_today.py.


def test_bob_cannot_look_at_alices_numbers_by_asking_for_her(client, bob, alice, history):
    client.force_login(bob)
    html = client.get(f"/insights/?owner={alice.pk}").content.decode()
    assert sum(_status_counts(html).values()) == Lead.objects.filter(owner=bob).count()
    assert 'name="owner"' not in html


def test_the_boss_can_pick_one_owner(client, boss, alice, history):
    client.force_login(boss)
    everyone = _status_counts(client.get("/insights/").content.decode())
    hers = _status_counts(client.get(f"/insights/?owner={alice.pk}").content.decode())
    assert sum(everyone.values()) == Lead.objects.count()
    assert sum(hers.values()) == Lead.objects.filter(owner=alice).count() < Lead.objects.count()


def test_a_date_range_narrows_the_view_to_enquiries_in_it(client, boss, history):
    client.force_login(boss)
    first = Lead.objects.order_by("created_at").first().created_at.date()
    html = client.get(f"/insights/?from=2000-01-01&to={first.isoformat()}").content.decode()
    assert (
        sum(_status_counts(html).values())
        == Lead.objects.filter(created_at__date__lte=first).count()
    )
    assert f'name="to" value="{first.isoformat()}"' in html


def test_strangers_are_sent_to_log_in(client, history):
    response = client.get("/insights/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/insights/whatif/").status_code == 302


def test_an_inactive_account_sees_nothing(client, charlie, history):
    client.force_login(charlie)
    assert client.get("/insights/").status_code in (302, 404)


def test_only_admins_may_price_leads(client, bob, boss):
    client.force_login(bob)
    assert client.post("/insights/costs/", {"cost_web_form": "40"}).status_code == 404
    assert not SourceCost.objects.exists()
    client.force_login(boss)
    client.post("/insights/costs/", {"cost_web_form": "40"})
    assert SourceCost.objects.get(source="web_form").cost_per_lead == 40


def test_a_negative_lead_cost_is_refused(client, boss):
    client.force_login(boss)
    response = client.post(
        "/insights/costs/", {"cost_web_form": "-5", "cost_referral": "abc"}, follow=True
    )
    assert not SourceCost.objects.exists()
    assert "Enter a cost of zero or more for: Referral, Web form" in response.content.decode()
