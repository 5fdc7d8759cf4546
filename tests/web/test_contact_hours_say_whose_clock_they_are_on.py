"""The contact hours are kept on each lead's own clock (the decision core: `due` always falls
inside the lead's contact hours), so 08:00 for a lead in New York is 07:00 for a business in
Chicago (eval22 #6). Settings says so beside the fields, and what a lead with no zone gets."""

from __future__ import annotations


def test_settings_say_the_hours_are_in_each_leads_own_time(client, boss):
    client.force_login(boss)
    html = client.get("/settings/").content.decode()
    start = html.index('id="id_contact_start_helptext"')
    said = html[start : html.index("</div>", start)]
    assert "In each lead's own time" in said and "New York time" in said
    assert "A lead with no time zone is on the business's." in said
    assert 'aria-describedby="id_contact_start_helptext"' in html
    assert "no try is planned after this hour of their day" in html


def test_a_salesperson_reads_it_too(client, alice, boss):
    client.force_login(alice)
    assert "In each lead's own time" in client.get("/settings/").content.decode()
