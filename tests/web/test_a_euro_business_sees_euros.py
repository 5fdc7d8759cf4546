"""eval24 #2: there was no currency, so a euro business saw "$" everywhere (Today's "$1,500",
the reasons' "worth $8.76"). The currency is a business setting, by default its home
country's (a Berlin business keeps euros, a Chicago one dollars), and every amount is written
in it: Today, the lead page, the plan's reasons, Insights, the Settings labels."""

from __future__ import annotations

from fairchase.leads.models import BusinessSettings
from fairchase.web.settings_forms import BusinessSettingsForm
from tests.conftest import open_all_day_now


def _business(**fields) -> None:
    settings = BusinessSettings.current()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def _euro_lead(make_lead, owner, **fields):
    open_all_day_now()
    _business(currency="EUR", phone_region="US")
    return make_lead(owner, value=1500, **fields)


def test_a_euro_business_sees_euros_on_today_the_lead_page_and_its_reasons(
    client, alice, make_lead
):
    lead = _euro_lead(make_lead, alice)
    assert "€" in lead.plan_reason and "$" not in lead.plan_reason
    client.force_login(alice)
    today = client.get("/").content.decode()
    assert "€1,500" in today and "$1,500" not in today
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "€1,500" in page and "$1,500" not in page
    assert "(€1,500);" in page  # the plan's reason, its amount in euros


def test_a_dollar_business_still_sees_dollars(client, alice, make_lead):
    open_all_day_now()
    lead = make_lead(alice, value=1500)
    assert "$" in lead.plan_reason and "€" not in lead.plan_reason
    client.force_login(alice)
    assert "$1,500" in client.get("/").content.decode()


def test_the_currency_follows_the_home_country_until_settings_choose_one(db):
    _business(business_timezone="Europe/Berlin")
    assert BusinessSettings.current().home.currency == "EUR"
    _business(business_timezone="America/Chicago")
    assert BusinessSettings.current().home.currency == "USD"
    _business(business_timezone="Europe/Berlin", currency="CHF")
    assert BusinessSettings.current().to_policy()["currency_symbol"] == "CHF "


def test_settings_label_the_amounts_in_the_currency_and_offer_it(client, boss):
    _business(business_timezone="Europe/Berlin")
    form = BusinessSettingsForm(instance=BusinessSettings.current())
    assert form.fields["hourly_cost"].label == "Hourly cost of selling time (€)"
    client.force_login(boss)
    page = client.get("/settings/").content.decode()
    assert 'name="currency"' in page and "The home country&#x27;s: EUR (€)" in page


def test_insights_write_the_currency_on_their_axes_and_tables(db):
    from fairchase.insights import charts

    _business(business_timezone="Europe/Berlin")
    assert charts.money(1234) == "€1,234" and charts.money_tick(12500) == "€12.5k"
