"""`Suppression.among` is the one place a set of addresses is checked against the
suppression list: for leads (their email and phone) and for bare values (messages' `to`)."""

from __future__ import annotations

from fairchase.leads.models import Suppression


def test_among_answers_for_leads_and_for_bare_values(alice, make_lead):
    Suppression.objects.create(kind="email", value="gone@example.com", reason="opt-out")
    Suppression.objects.create(kind="phone", value="+12125550199", reason="bounce")
    kept = make_lead(alice, name="Kept", email="kept@example.com", phone="")
    gone = make_lead(alice, name="Gone", email="gone@example.com", phone="")
    assert Suppression.among([kept]) == set()
    assert Suppression.among([kept, gone]) == {"gone@example.com"}
    assert Suppression.among(values={"+12125550199", "kept@example.com"}) == {"+12125550199"}
    assert Suppression.among([gone], values=["+12125550199"]) == {
        "gone@example.com",
        "+12125550199",
    }
