"""`GET /api/leads?owner=` with an id that is no user's answers 422, as the agenda's does
(and the web's Leads and Insights say "No such person"): never an empty page that reads
as "this person has no leads"."""


def test_an_owner_who_is_nobody_is_refused_and_a_real_one_filters(
    client, boss, alice, make_lead, token_for
):
    make_lead(alice, name="Ann Lee", email="ann@example.com")
    h = token_for(boss)
    r = client.get("/api/leads?owner=999", headers=h)
    assert r.status_code == 422 and r.json()["detail"] == "owner: 999 is not a user's id."
    hers = client.get(f"/api/leads?owner={alice.pk}", headers=h).json()
    assert hers["count"] == 1 and hers["items"][0]["name"] == "Ann Lee"
    assert client.get(f"/api/leads?owner={boss.pk}", headers=h).json()["count"] == 0
