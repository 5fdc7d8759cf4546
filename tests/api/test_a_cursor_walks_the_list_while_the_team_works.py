"""A sync walking `GET /api/leads` while the team works sees every lead once: by `cursor`
(keyset on the id), where an offset skips leads that left the filter (eval30 #1)."""

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead


def walk(client, headers, **params):
    cursor = None
    while True:
        page = client.get(
            "/api/leads", {**params, **({"cursor": cursor} if cursor else {})}, headers=headers
        ).json()
        yield page
        cursor = page["next_cursor"]
        if cursor is None:
            return


def test_leads_closed_mid_walk_skip_nobody_else(client, alice, make_lead, token_for):
    h = token_for(alice)
    ids = sorted((make_lead(alice, name=f"Lead {i}").pk for i in range(9)), reverse=True)
    pages = walk(client, h, status="open", limit=3)
    first = next(pages)
    assert [i["id"] for i in first["items"]] == ids[:3]
    for lead in Lead.objects.filter(pk__in=ids[:3]):  # a teammate closes page 1
        actions.stop_chasing(lead, "closed", user=alice)
    rest = [i["id"] for page in pages for i in page["items"]]
    assert rest == ids[3:]  # with offset=3, ids[3:6] would be on no page


def test_a_bad_cursor_or_one_with_an_offset_is_refused(client, alice, make_lead, token_for):
    h = token_for(alice)
    make_lead(alice)
    assert client.get("/api/leads", {"cursor": "nonsense"}, headers=h).status_code == 422
    first = client.get("/api/leads", {"limit": 1}, headers=h).json()
    assert first["next_cursor"] is None  # one lead: the last page
    make_lead(alice)
    cursor = client.get("/api/leads", {"limit": 1}, headers=h).json()["next_cursor"]
    with_offset = client.get("/api/leads", {"cursor": cursor, "offset": 1}, headers=h)
    assert with_offset.status_code == 400 and "offset" in with_offset.json()["detail"]


def test_updated_since_gives_what_changed(client, alice, make_lead, token_for):
    h = token_for(alice)
    old, changed = make_lead(alice), make_lead(alice)
    Lead.objects.filter(pk__in=[old.pk, changed.pk]).update(
        updated_at=timezone.now() - timezone.timedelta(days=2)
    )
    since = (timezone.now() - timezone.timedelta(minutes=1)).isoformat()
    actions.stop_chasing(Lead.objects.get(pk=changed.pk), "closed", user=alice)
    page = client.get("/api/leads", {"updated_since": since}, headers=h).json()
    assert [item["id"] for item in page["items"]] == [changed.pk]
    assert page["items"][0]["updated_at"]
