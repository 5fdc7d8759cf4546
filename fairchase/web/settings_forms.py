"""The Settings page's forms: the business's numbers (owners), and what each user sets for
themselves (their email address, phone and outreach mode)."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from functools import cache

import phonenumbers
from django import forms
from django.conf import settings as django_settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.html import format_html

from fairchase import currency
from fairchase.leads.days import ContactDaysField
from fairchase.leads.home import FALLBACK_REGION, Home, known_region, region_for_zone
from fairchase.leads.models import BusinessSettings, Profile
from fairchase.leads.normalize import (
    RENAMED,
    InvalidContact,
    country_name,
    normalize_email,
    normalize_phone,
    normalize_timezone,
)
from fairchase.leads.people import email_refusal
from fairchase.web.forms import _normalized, one_line, zone_choices
from fairchase.web.words import money_text


class BusinessSettingsForm(forms.ModelForm):
    """The numbers the decision core weighs; saving replans every active lead."""

    class Meta:
        model = BusinessSettings
        # In pairs, two to a row (.grid-form): what belongs together sits side by side.
        fields = [
            "hourly_cost",
            "margin",
            "complaint_cost",
            "default_value",
            "contact_start",
            "contact_end",
            "contact_days",
            "daily_minutes",
            "max_attempts_per_week",
            "business_timezone",
            "phone_region",
            "currency",
            "minutes_call",
            "minutes_email",
            "minutes_text",
            "minutes_visit",
            "business_name",
            "postal_address",
        ]
        widgets = {
            "contact_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "contact_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {
            "hourly_cost": "Hourly cost of selling time ($)",
            "complaint_cost": "Cost of a complaint ($)",
            "default_value": "Typical deal value ($)",
            "max_attempts_per_week": "Weekly cap (tries per lead per 7 days)",
            "daily_minutes": "Daily selling minutes (per person)",
            "contact_start": "Contact hours from",
            "contact_end": "Contact hours until",
            "business_timezone": "Business time zone",
            "phone_region": "Home country of phone numbers",
            "currency": "Currency",
            "minutes_call": "Minutes per call",
            "minutes_email": "Minutes per email",
            "minutes_text": "Minutes per text",
            "minutes_visit": "Minutes per visit",
            "business_name": "Business name",
            "postal_address": "Postal address",
        }
        # The plan keeps each try inside these hours on the lead's clock, not the business's
        # (eval22 #6: 08:00 for a lead in New York is 07:00 in Chicago): say whose clock.
        help_texts = {
            "contact_start": "In each lead's own time: a lead in New York is first tried at this "
            "hour New York time. A lead with no time zone is on the business's.",
            "contact_end": "Also in each lead's own time: no try is planned after this hour of "
            "their day.",
        }

    MONEY = ("hourly_cost", "complaint_cost", "default_value")
    MINUTES = ("minutes_call", "minutes_email", "minutes_text", "minutes_visit")

    contact_days = ContactDaysField()
    margin = forms.DecimalField(
        label="Margin (%)",
        max_digits=5,
        decimal_places=2,
        help_text="The share of a deal's value that is profit, e.g. 30 for 30%.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settings = self.instance
        current = self.data.get("business_timezone") if self.is_bound else None
        current = current or settings.business_timezone
        self.fields["business_timezone"].widget = forms.Select(choices=zone_choices(current))
        self._offer_home(settings.home)
        # Shown (and, for a read-only form, kept) as a person reads them: 30 for 30%, $50.
        self.initial["margin"] = money_text(Decimal(str(settings.margin)) * 100)
        self.initial["contact_days"] = list(settings.contact_days)  # ticks: "0" Monday..
        for name in self.MONEY + self.MINUTES:
            self.initial[name] = money_text(getattr(settings, name))  # 6.0 -> "6"
        for name in self.MONEY:
            self.fields[name].widget.attrs.update(step="0.01", inputmode="decimal")
        for name in self.Meta.fields:
            self.fields[name].widget.attrs.update(_bounds(BusinessSettings._meta.get_field(name)))
        self.fields["margin"].widget.attrs.update(min="0.01", max="100")  # clean_margin's
        self._say_when_the_hours_hold_fewer_minutes()

    def _offer_home(self, home: Home) -> None:
        """The phone region and currency as menus whose first choice follows the time zone
        (and says what it gives now), beside the zone; the money fields labelled in the
        currency. PHONE_REGION on the server overrides the region: the field says so."""
        zone_country = region_for_zone(self.instance.business_timezone) or FALLBACK_REGION
        follow = f"From the time zone: {_region_label(zone_country)}"
        region = self.fields["phone_region"]
        region.widget = forms.Select(choices=[("", follow), *region_choices()])
        region.help_text = (
            "How a number written without +country is read (030 1234567 in Germany is "
            f"+49 30 1234567): now as {_region_label(home.region)}."
        )
        if home.region_from_env:
            region.disabled = True
            region.help_text = format_html(
                "<strong>Set on the server: PHONE_REGION={} overrides this setting</strong> "
                "(numbers without +country are read as {}).",
                home.region,
                _region_label(home.region),
            )
        ours = currency.for_country(home.region)
        self.fields["currency"].widget = forms.Select(
            choices=[("", f"The home country's: {ours} ({currency.sign(ours).strip()})")]
            + currency.choices()
        )
        self.fields["currency"].help_text = (
            "Every amount: deal values, costs, the plan's reasons. An imported value in "
            "another currency is kept in the lead's notes, not converted."
        )
        for name in self.MONEY:
            label = str(self.fields[name].label).removesuffix(" ($)")
            self.fields[name].label = f"{label} ({home.sign.strip()})"

    def _say_when_the_hours_hold_fewer_minutes(self) -> None:
        """The plan never gives a person more minutes than the contact hours hold
        (`BusinessSettings.selling_minutes`): say so next to the field, or 120 would read as
        120 while 30 are planned."""
        stored = self.instance
        held = round(stored.selling_minutes())
        if stored.daily_minutes > held:
            start, end = (str(t)[:5] for t in (stored.contact_start, stored.contact_end))
            self.fields["daily_minutes"].help_text = format_html(
                '<strong class="late">The contact hours ({}-{}) hold {} minutes: each person is '
                "planned {} a day, not {}.</strong>",
                start,
                end,
                held,
                held,
                stored.daily_minutes,
            )

    def clean_business_timezone(self):
        zone = _normalized(normalize_timezone, self.cleaned_data.get("business_timezone"))
        if not zone:
            raise forms.ValidationError("The business needs a time zone, e.g. Europe/London.")
        return zone

    def clean_business_name(self):
        """One line: it signs every email ({{business_name}}), where a line break printed a
        fake header-like line ("Bcc: ..."), as Add lead refuses one in a lead's name."""
        name = self.cleaned_data.get("business_name") or ""
        one_line(name)
        return name.strip()

    def clean_phone_region(self):
        region = (self.cleaned_data.get("phone_region") or "").upper()
        if region and not known_region(region):
            raise forms.ValidationError("Choose a country from the list.")
        return region

    def clean_currency(self):
        code = (self.cleaned_data.get("currency") or "").upper()
        if code and code not in currency.CURRENCIES:
            raise forms.ValidationError("Choose a currency from the list.")
        return code

    def clean_margin(self):
        percent = self.cleaned_data["margin"]
        if not 0 < percent <= 100:
            raise forms.ValidationError("A percent above 0 and at most 100, e.g. 30.")
        return float(percent) / 100

    def save(self, commit=True):
        """Saved by a person: what that says besides the values is the model's
        (`BusinessSettings.saved_by_person`), as /admin/ says it; the hours' rule is the
        model's `clean`, which this form runs (each number's bounds are its validators)."""
        self.instance.saved_by_person(self.changed_data)
        return super().save(commit)


class BusinessZoneForm(forms.Form):
    """The business's time zone on its own: Today's first-run box, where the owner confirms a
    suggestion (the browser's own zone, picked by app.js, else the server's) or picks another.
    Nothing is chosen for them: without a suggestion the list starts at "Choose…"."""

    business_timezone = forms.CharField(label="Your business's time zone")

    def __init__(self, *args, suggested: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_timezone"].widget = forms.Select(
            choices=zone_choices(suggested, first=None if suggested else ("", "Choose…")),
            # old names of today's zones, which browsers still report (Asia/Calcutta)
            attrs={"data-browser-zone": json.dumps(RENAMED)},
        )
        self.initial["business_timezone"] = suggested

    clean_business_timezone = BusinessSettingsForm.clean_business_timezone


def server_zone() -> str:
    """The server's own zone as an IANA name (TZ, else /etc/localtime's link, else
    /etc/timezone), '' when it is UTC or cannot be told: a suggestion, never a setting."""
    name = django_settings.SERVER_TZ
    if not name:
        link = os.path.realpath("/etc/localtime")
        name = link.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in link else ""
    if not name and os.path.exists("/etc/timezone"):
        with open("/etc/timezone") as f:
            name = f.read().strip()
    try:
        zone = normalize_timezone(name)
    except InvalidContact:
        return ""
    return "" if zone in ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Zulu") else zone


def _region_label(region: str) -> str:
    """'Germany (+49)'."""
    return f"{country_name(region)} (+{phonenumbers.country_code_for_region(region)})"


@cache
def region_choices() -> list[tuple[str, str]]:
    """Every country phonenumbers reads, by name: ('DE', 'Germany (+49)')."""
    regions = sorted(phonenumbers.SUPPORTED_REGIONS, key=country_name)
    return [(r, _region_label(r)) for r in regions]


def _bounds(field) -> dict[str, str]:
    """A setting's input bounds as the model's validators keep them (the tightest of each), so
    the browser never offers a number saving refuses: the weekly cap said min="0" beside a
    server minimum of 1."""
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    bounds = {"min": max(lows, default=None), "max": min(highs, default=None)}
    return {k: money_text(v) for k, v in bounds.items() if v is not None}


class ProfileForm(forms.ModelForm):
    """What each user edits for themselves: their name (Django's user's first and last name:
    messages sign with it, Today and the owner pickers show it, never the username once
    set), phone and outreach mode."""

    first_name = forms.CharField(
        max_length=150, required=False, label="Your first name", validators=[one_line]
    )
    last_name = forms.CharField(
        max_length=150,
        required=False,
        validators=[one_line],
        label="Your last name",
        help_text="Messages sign with your name ({{owner_name}}); your team sees it too.",
    )

    class Meta:
        model = Profile
        fields = ["first_name", "last_name", "phone", "outreach_mode"]
        help_texts = {"phone": "Your number, used in message templates."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.initial.update(first_name=user.first_name, last_name=user.last_name)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean_phone(self):
        return _normalized(normalize_phone, self.cleaned_data.get("phone"))

    def save(self, commit=True):
        user = self.instance.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        return super().save(commit)


class OwnEmailForm(forms.Form):
    """A user's own email address, where their new-enquiry alerts go. One user's only, and
    nobody else's username: two users with one address would get each other's alerts, and
    an import's Owner column and `fairchase import --owner` find a user by username or email."""

    email = forms.CharField(
        max_length=254,
        label="Your email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="New-enquiry alerts from your capture forms go here.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial["email"] = user.email

    def clean_email(self):
        email = _normalized(normalize_email, self.cleaned_data.get("email"))
        refusal = email_refusal(email, self.user.pk)
        if refusal:
            raise forms.ValidationError(refusal)
        return email

    def save(self) -> None:
        self.user.email = self.cleaned_data["email"]
        self.user.save(update_fields=["email"])
