"""Number formats for the Insights tables (the same ones the charts' hover text uses)."""

from django import template

from fairchase.insights import charts
from fairchase.leads.home import home

register = template.Library()


@register.filter
def money(value):
    return charts.money(value)


@register.simple_tag
def currency_sign() -> str:
    """'$', '€': the business's currency (Settings), for a header or a label."""
    return home().sign.strip()


@register.filter
def pct(value):
    return charts.pct(value)


@register.filter
def odds(value):
    return "–" if value is None else f"×{value:.2f}"


@register.filter
def num(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{int(digits)}f}"
