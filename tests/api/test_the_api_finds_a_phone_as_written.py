"""`GET /api/leads?search=` finds a number as a phone system or a person writes it, as the
web's Leads search does (eval30 #19)."""

import pytest


@pytest.mark.parametrize(
    "written", ["+13125550166", "3125550166", "(312) 555-0166", "312-555-0166", "+1 312 555 0166"]
)
def test_a_number_is_found_however_it_is_written(client, alice, make_lead, token_for, written):
    rex = make_lead(alice, name="Retry Rex", phone="+13125550166")
    make_lead(alice, name="Other Olga", phone="+13125550199")
    page = client.get("/api/leads", {"search": written}, headers=token_for(alice)).json()
    assert [item["id"] for item in page["items"]] == [rex.pk]
