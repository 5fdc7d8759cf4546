"""Every page names the same zone in its header, the business's: one zone per screen."""

from __future__ import annotations

import pytest

from fairchase.leads.models import BusinessSettings

PAGES = [
    "/",
    "/leads/",
    "/leads/new/",
    "/insights/",
    "/in/",
    "/o/templates/",
    "/o/outbox/",
    "/settings/",
    "/api/tokens/",
]


@pytest.fixture
def in_chicago(db):
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        business_timezone="America/Chicago"
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_says_its_times_are_in_the_businesss_zone(client, boss, in_chicago, path):
    client.force_login(boss)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Times: Chicago (C" in page, path  # CST or CDT
    assert "Times: UTC" not in page


@pytest.mark.parametrize("path", ["/no-such-page/", "/leads/999999/"])
def test_the_not_found_page_names_the_businesss_zone_too(client, boss, in_chicago, path):
    """Django renders the 404 page after the view is done: it used to say UTC."""
    client.force_login(boss)
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Nothing here" in page and "Times: Chicago (C" in page
    assert "Times: UTC" not in page
