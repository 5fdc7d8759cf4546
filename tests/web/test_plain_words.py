"""The screens speak the owner's words, not the code's or a statistician's: the mailing list
(not "nurture"), a chance of an answer (not "P(answers)"), a margin in percent, money with
its currency, and time zones picked from a list instead of typed as IANA names."""

from __future__ import annotations

import re

import pytest

from fairchase.leads.models import BusinessSettings, Lead

pytestmark = pytest.mark.django_db

JARGON = re.compile(
    r"(?i:nurture|P\(answers\)|P\(complaint\)|90% band|\(prior\b|-fold|counterfactual)"
    r"|\bIANA\b|\(0-1\)"
)


def _visible(html: str) -> str:
    """The page's text and labels, without attribute values (status-nurture is a CSS class)."""
    return re.sub(r"<[^>]*>", " ", html)


def _select(html: str, name: str) -> str:
    return html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]


def test_letting_a_lead_go_to_the_mailing_list_says_mailing_list(client, alice, make_lead):
    lead = make_lead(alice, name="Quiet Quinn", consents=["mailing_list"])
    Lead.objects.filter(pk=lead.pk).update(
        next_action="stop",
        next_state="nurture",
        priority=-1,
        plan_reason="Three tries, no answer: a fourth is worth less than it costs.",
    )
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Stop chasing</strong> → mailing list" in page
    assert not JARGON.search(_visible(page))
    rows = client.get("/today/let-go/rows/").content.decode()
    assert "Let go → mailing list" in rows and "Let go: mailing list" in rows
    assert not JARGON.search(_visible(rows))
    Lead.objects.filter(pk=lead.pk).update(status="nurture")
    listing = client.get("/leads/?status=nurture").content.decode()
    assert "Mailing list</span>" in listing and ">Mailing list</option>" in listing
    assert not JARGON.search(_visible(listing))


def test_settings_show_the_margin_in_percent_and_money_with_its_currency(client, boss):
    client.force_login(boss)
    html = client.get("/settings/").content.decode()
    assert not JARGON.search(_visible(html))
    assert "Margin (%)" in html and 'name="margin" value="100"' in html
    assert "Hourly cost of selling time ($)" in html and 'name="hourly_cost" value="50"' in html
    assert "Cost of a complaint ($)" in html and 'name="complaint_cost" value="200"' in html
    assert 'name="minutes_call" value="6"' in html  # not "6.0"
    form = {
        "form": "business",
        "hourly_cost": "62.5",
        "margin": "35",
        "daily_minutes": "90",
        "contact_start": "09:00",
        "contact_end": "18:00",
        "contact_days": list("012345"),
        "max_attempts_per_week": "2",
        "complaint_cost": "300",
        "business_timezone": "America/Chicago",
        "default_value": "",
        "minutes_call": "5",
        "minutes_email": "3",
        "minutes_text": "2",
        "minutes_visit": "40",
    }
    client.post("/settings/", form)
    s = BusinessSettings.current()
    assert (s.margin, s.hourly_cost) == (0.35, 62.5)
    html = client.get("/settings/").content.decode()
    assert 'name="margin" value="35"' in html and 'name="hourly_cost" value="62.50"' in html
    client.post("/settings/", {**form, "margin": "0"})
    assert BusinessSettings.current().margin == 0.35


def test_the_business_zone_is_picked_from_a_list_with_the_common_ones_first(client, boss):
    client.force_login(boss)
    zones = _select(client.get("/settings/").content.decode(), "business_timezone")
    assert '<option value="UTC" selected>' in zones  # the business's zone, chosen
    common = zones.split('label="Common zones"', 1)[1].split("</optgroup>", 1)[0]
    assert 'value="America/Chicago">US Central (Chicago)' in common
    assert 'value="Asia/Tokyo"' in zones.split('label="Every zone"', 1)[1]
    r = client.post("/settings/", {"form": "business", "business_timezone": "Central"})
    assert "Unknown time zone" in r.content.decode()


def test_a_leads_zone_is_picked_from_a_list_topped_by_the_business_zone(client, alice):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    client.force_login(alice)
    html = client.get("/leads/new/").content.decode()
    assert not JARGON.search(_visible(html))
    zones = _select(html, "timezone")
    first = re.search(r"<option[^>]*>[^<]*</option>", zones).group(0)
    assert (
        first.startswith('<option value=""') and "Same as the business (America/Chicago)" in first
    )
    assert 'value="Europe/London">UK and Ireland (London)' in zones


def test_insights_say_chance_of_an_answer_and_price_leads_in_dollars(client, boss):
    from fairchase.insights.models import SourceCost
    from fairchase.insights.synthetic import write_history

    write_history(60, [boss], seed=3, active_share=0.05)
    SourceCost.objects.create(source="web_form", cost_per_lead="15.00")
    client.force_login(boss)
    page = client.get("/insights/").content.decode()
    whatif = client.get("/insights/whatif/").content.decode()
    assert "Chance of an answer" in page and "Likely range" in page
    assert not JARGON.search(_visible(page)), JARGON.search(_visible(page))
    assert not JARGON.search(_visible(whatif)), JARGON.search(_visible(whatif))
    assert "Fairchase&#x27;s plan" in whatif or "Fairchase's plan" in whatif
    assert re.search(r'Web form \(\$\) <input type="number" name="cost_web_form" value="15"', page)
