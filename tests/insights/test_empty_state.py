"""With no finished leads, the page explains what will appear instead of drawing empty charts."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_new_business_sees_what_insights_will_show(client, boss):
    client.force_login(boss)
    html = client.get("/insights/").content.decode()
    assert 'data-testid="insights-empty"' in html
    assert "No finished leads here yet" in html
    assert "where Fairchase stops leads worth $500, $2,000 and $10,000" in html
    assert 'data-chart="reply-overview"' not in html
    assert 'hx-get="/insights/whatif/' not in html


def test_open_leads_alone_still_leave_the_empty_state(client, alice, make_lead):
    make_lead(alice)
    client.force_login(alice)
    html = client.get("/insights/").content.decode()
    assert "No finished leads here yet" in html
    assert "1 lead still in play" in html


def test_the_nav_links_to_insights(client, alice):
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert 'href="/insights/"' in html
