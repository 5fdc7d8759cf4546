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
