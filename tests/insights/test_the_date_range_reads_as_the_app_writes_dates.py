"""The Insights page writes its date range as the app writes a day ("from 1 Nov 2026 to 6
Dec 2026."), not Django's "Nov. 1, 2026" with a stray space before the full stop; a
range asked the wrong way round (from after to) is read the right way round, and the page
says so. Before, a reversed range showed "No finished leads here yet"."""

from __future__ import annotations

from fairchase.leads.models import Lead


def test_the_range_is_written_as_days_and_a_reversed_one_is_turned_round(client, boss, history):
    client.force_login(boss)
    days = Lead.objects.order_by("created_at").values_list("created_at", flat=True)
    first, last = days.first().date(), days.last().date()
    said = f"from {first.day} {first:%b %Y} to {last.day} {last:%b %Y}."
    html = client.get(f"/insights/?from={first}&to={last}").content.decode()
    assert f"that arrived {said}" in html, html[:3000]
    assert "No finished leads here yet" not in html and "insights-reversed" not in html
    turned = client.get(f"/insights/?from={last}&to={first}").content.decode()
    assert "No finished leads here yet" not in turned
    assert f"The dates were the wrong way round: showing enquiries {said}" in turned
    assert f'name="from" value="{first}"' in turned and f'name="to" value="{last}"' in turned
    only_from = client.get(f"/insights/?from={first}").content.decode()
    assert f"that arrived from {first.day} {first:%b %Y}." in only_from
    only_to = client.get(f"/insights/?to={last}").content.decode()
    assert f"that arrived up to {last.day} {last:%b %Y}." in only_to
