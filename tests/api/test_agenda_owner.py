"""`GET /api/agenda?owner=<id>`: an owner narrows the plan to one person, as Today's
owner select does on the web; a salesperson always gets their own leads. Without `owner`
everyone gets their own leads, as Today opens on "Mine"; `owner=all` is the team."""


def _names(body) -> set[str]:
    return {r["name"] for part in ("new", "followups", "wings", "let_go") for r in body[part]}


def test_an_owner_gets_their_own_leads_by_default_as_today_shows_them(
    client, boss, alice, make_lead, token_for
):
    make_lead(boss, name="Olive Own")
    make_lead(alice, name="Ann Lee")
    api = _names(client.get("/api/agenda", headers=token_for(boss)).json())
    assert api == {"Olive Own"}
    client.force_login(boss)
    web = client.get("/").content.decode()
    assert "Olive Own" in web and "Ann Lee" not in web


def test_an_owner_picks_one_person_or_gets_the_whole_team(
    client, boss, alice, bob, make_lead, token_for
):
    make_lead(alice, name="Ann Lee")
    make_lead(bob, name="Bo Ray")
    h = token_for(boss)
    assert {"Ann Lee", "Bo Ray"} <= _names(client.get("/api/agenda?owner=all", headers=h).json())
    assert _names(client.get("/api/agenda?owner=", headers=h).json()) == set()
    only_alice = client.get(f"/api/agenda?owner={alice.pk}", headers=h)
    assert only_alice.status_code == 200
    assert "Ann Lee" in _names(only_alice.json()) and "Bo Ray" not in _names(only_alice.json())
    assert _names(client.get(f"/api/agenda?owner={boss.pk}", headers=h).json()) == set()


def test_a_salesperson_gets_their_own_leads_whoever_they_ask_for(
    client, alice, bob, make_lead, token_for
):
    make_lead(alice, name="Ann Lee")
    make_lead(bob, name="Bo Ray")
    body = client.get(f"/api/agenda?owner={bob.pk}", headers=token_for(alice)).json()
    assert _names(body) == {"Ann Lee"}


def test_an_owner_that_is_no_user_is_a_422_not_the_whole_team(client, boss, token_for):
    h = token_for(boss)
    for junk in ("99999", "abc", "²", "99999999999999999999999"):
        answer = client.get(f"/api/agenda?owner={junk}", headers=h)
        assert answer.status_code == 422 and "owner" in answer.json()["detail"]


def test_a_leavers_agenda_says_why_it_is_empty_as_today_does(
    client, boss, alice, make_lead, token_for
):
    make_lead(alice, name="Ann Lee")
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    body = client.get(f"/api/agenda?owner={alice.pk}", headers=token_for(boss)).json()
    assert _names(body) == set()
    assert body["gone"] == "Alice no longer works here: reassign their 1 lead."
    client.force_login(boss)
    assert body["gone"] in client.get(f"/?owner={alice.pk}").content.decode()
    assert client.get("/api/agenda", headers=token_for(boss)).json()["gone"] is None
