"""The API says which of a lead's addresses nobody may use, as the lead page and the export
do: a won customer who opted out on a later record keeps 'won', and an integration (a
newsletter tool, a dialer) reading the API had no way to tell (eval27 finding 10)."""

from __future__ import annotations

from fairchase.leads import actions
from fairchase.leads.models import Suppression


def test_a_won_customer_who_opted_out_later_is_marked_in_reads_and_lists(api, alice, make_lead):
    won = make_lead(alice, name="Winnie Won", email="winnie@example.com", phone="+13125550195")
    actions.mark_won(won, user=alice)
    later = make_lead(alice, name="Winnie Won", email="winnie@example.com")
    actions.opt_out(later, user=alice)
    bounced = make_lead(alice, name="Bea Bounce", email="bea@example.com", phone="+13125550196")
    actions.suppress("bea@example.com", Suppression.Kind.EMAIL, "bounce")
    clear = make_lead(alice, name="Cleo Clear", email="cleo@example.com")

    one = api("GET", f"/leads/{won.pk}", None).json()
    assert (one["status"], one["not_to_be_contacted"]) == ("won", ["email", "phone"])
    listed = {x["id"]: x["not_to_be_contacted"] for x in api("GET", "/leads", None).json()["items"]}
    assert listed[won.pk] == ["email", "phone"]
    assert listed[bounced.pk] == ["email"]
    assert listed[clear.pk] == []
