"""Forms of the web UI. They only validate: saving goes through fairchase.leads.actions,
so a form never half-saves a lead (the action runs in one transaction)."""

from __future__ import annotations

from datetime import timedelta

import phonenumbers
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.html import format_html

from fairchase import clock
from fairchase.leads import reach
from fairchase.leads.actions import MAX_ATTEMPT_MINUTES as MOST
from fairchase.leads.actions import (
    ActionError,
    check_outcome,
    check_revisit,
    not_ours_to_use,
    too_far_ahead,
)
from fairchase.leads.home import home_region
from fairchase.leads.models import (
    CONSENTS,
    GOOD_SIGNALS,
    POOR_SIGNALS,
    SOURCES,
    BusinessSettings,
    Channel,
    Commitment,
    Outcome,
    Status,
)
from fairchase.leads.normalize import (
    InvalidContact,
    canonical_zones,
    country_name,
    normalize_email,
    normalize_phone,
    normalize_timezone,
    phone_example,
)
from fairchase.leads.people import display_name

# A name goes into email subjects and headers: one line, no control characters.
one_line = RegexValidator(
    r"^[^\x00-\x1f\x7f]*\Z", "Write this on one line, without control characters."
)

LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# The zones most of our businesses and their customers live in, by the name people use.
COMMON_ZONES = [
    ("America/New_York", "US Eastern (New York)"),
    ("America/Chicago", "US Central (Chicago)"),
    ("America/Denver", "US Mountain (Denver)"),
    ("America/Phoenix", "US Arizona (Phoenix)"),
    ("America/Los_Angeles", "US Pacific (Los Angeles)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Toronto", "Canada Eastern (Toronto)"),
    ("America/Vancouver", "Canada Pacific (Vancouver)"),
    ("Europe/London", "UK and Ireland (London)"),
    ("Europe/Paris", "Central Europe (Paris, Berlin, Madrid)"),
    ("Asia/Kolkata", "India (Kolkata)"),
    ("Australia/Sydney", "Australia Eastern (Sydney)"),
    ("UTC", "UTC"),
]


def zone_choices(current: str = "", first: tuple[str, str] | None = None) -> list:
    """A select list of time zones: `first` on top (e.g. "the business's zone"), the zone
    already chosen (even a legacy name, so a stored value is shown and kept on save), the
    common ones, then every canonical Area/City zone, sorted (no "Factory" or "GB-Eire")."""
    common = dict(COMMON_ZONES)
    every = [z for z in canonical_zones() if z not in common]
    top = [first] if first else []
    if current and current not in common and (not first or current != first[0]):
        top.append((current, current.replace("_", " ")))
    return [
        *top,
        ("Common zones", COMMON_ZONES),
        ("Every zone", [(z, z.replace("_", " ")) for z in every if z != current]),
    ]


def _normalized(fn, value):
    try:
        return fn(value)
    except InvalidContact as exc:
        raise forms.ValidationError(str(exc)) from None


# Countries whose English name is said with "the" ("a number in the United States").
_WITH_THE = ("United", "Netherlands", "Philippines", "Czech", "Dominican", "Bahamas", "Gambia")


def phone_help(region: str) -> str:
    """The phone field's hint, as the field reads a number: one without a country code is
    the business's country's ("(312) 555-0100" is +1 312 555 0100), so nobody types "+1"."""
    example = phone_example(region)
    national = phonenumbers.format_number(
        phonenumbers.parse(example), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    country = country_name(region)
    if country.startswith(_WITH_THE):
        country = f"the {country}"
    return (
        f"Without a country code it is read as a number in {country} "
        f"({national} is {example}); one abroad starts with + and its country code."
    )


class LeadForm(forms.Form):
    """A lead's details (add and edit); email, phone and time zone are normalised."""

    # each required field's row and label carry it: app.css marks the label, the page says
    # what the mark means (`lead_form.html`)
    required_css_class = "required"

    name = forms.CharField(max_length=200, validators=[one_line])
    company = forms.CharField(max_length=200, required=False, validators=[one_line])
    email = forms.CharField(max_length=254, required=False, widget=forms.EmailInput)
    phone = forms.CharField(
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
        help_text=phone_help("US"),
    )
    timezone = forms.CharField(
        max_length=64,
        required=False,
        label="Their time zone",
        help_text="Where the lead lives, so Fairchase contacts them in their working hours.",
    )
    # No source is picked for the person (eval22 #8): it sets the starting guess of how often
    # a silent lead answers, so a default would chase a phoned-in lead as a web form's.
    source = forms.ChoiceField(
        choices=SOURCES,
        help_text="How they reached you: the plan's first guess of how readily they answer "
        "depends on it.",
        error_messages={"required": "Choose how they reached you."},
    )
    value = forms.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, label="Estimated value"
    )
    consents = forms.MultipleChoiceField(
        choices=CONSENTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.initial.get("source")
        if not source:  # a new lead: a choice to make, not one made for them
            self.fields["source"].choices = [("", "Choose…"), *SOURCES]
        elif source not in dict(SOURCES):
            # Imported leads may carry a source outside the list: keep it selectable.
            self.fields["source"].choices = [*SOURCES, (source, source)]
        if owners is not None:
            self.fields["owner"] = OwnerField(queryset=owners, required=True)
        if self.is_bound and "same_person" in self.data:  # asked before: read the answer
            self.ask_same_person()
        self.fields["phone"].help_text = phone_help(home_region())
        business = BusinessSettings.current().business_timezone
        current = self.data.get("timezone") if self.is_bound else self.initial.get("timezone")
        self.fields["timezone"].widget = forms.Select(
            choices=zone_choices(
                current or "", first=("", f"Same as the business ({business.replace('_', ' ')})")
            )
        )

    def ask_same_person(self) -> None:
        """Add the "They are the same person" box: an edit gave the lead an address of a
        person who asked not to be contacted (`actions.SaidNoElsewhere`), saved only once
        the user confirms the lead is that person (it is then opted out for good)."""
        self.fields["same_person"] = forms.BooleanField(
            required=False,
            label="They are the same person",
            help_text=(
                "Tick only if this lead is the person who asked not to be contacted: "
                "it is then opted out for good. A typing or paste error: correct the field."
            ),
        )

    def clean_email(self):
        return _normalized(normalize_email, self.cleaned_data.get("email"))

    def clean_phone(self):
        return _normalized(normalize_phone, self.cleaned_data.get("phone"))

    def clean_timezone(self):
        return _normalized(normalize_timezone, self.cleaned_data.get("timezone"))

    def lead_fields(self) -> dict:
        """The cleaned values as keyword arguments for actions.create_lead / update_lead."""
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        data.pop("same_person", None)
        data["consents"] = list(data.get("consents") or [])
        return data


class OwnIds(forms.Form):
    """A form of the lead page: its fields' ids start with its own word (`ids`: "id_log_channel"
    beside the Next step's "id_next_channel"), so each label names its own field. The names
    posted stay the fields' own ("channel"), so the views and the API read them as before."""

    ids = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.ids}_%s")
        super().__init__(*args, **kwargs)


class AttemptForm(OwnIds):
    """Log one attempt in seconds: channel, outcome, minutes, notes, progress."""

    ids = "log"

    PROGRESS = [
        ("", "Not a conversation / not sure"),
        ("yes", "Yes, closer to a sale"),
        ("no", "No progress"),
    ]
    channel = forms.ChoiceField(choices=Channel.choices)
    outcome = forms.ChoiceField(choices=Outcome.choices)
    minutes = forms.FloatField(
        min_value=0, max_value=MOST, required=False, help_text="Empty = the usual for this channel."
    )
    progress = forms.ChoiceField(choices=PROGRESS, required=False, label="Moved closer to a sale?")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_progress(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("progress") or "")

    def clean(self):
        """The action's rule for an outcome on a channel (`actions.check_outcome`: a call does
        not bounce), said beside the outcome."""
        data = super().clean()
        if data.get("channel") and data.get("outcome"):
            try:
                check_outcome(data["channel"], data["outcome"])
            except ActionError as exc:
                self.add_error("outcome", str(exc))
        return data


class CommitmentForm(OwnIds):
    """Pin the next step: who contacts whom, about what, when (seeds 000 and 002)."""

    ids = "next"

    by = forms.ChoiceField(choices=Commitment.By.choices, initial=Commitment.By.US, label="Who")
    what = forms.CharField(
        max_length=200,
        label="What",
        widget=forms.TextInput(attrs={"placeholder": "e.g. send the quote, call back"}),
    )
    channel = forms.ChoiceField(
        choices=[("", "Any")] + Channel.choices,
        required=False,
        initial="",
        label="How",
        help_text="Any: the plan picks the way. Call: a call, even when an email is cheaper.",
    )
    due_at = forms.DateTimeField(label="When", widget=LOCAL_DATETIME)

    def __init__(
        self, *args, ours: bool = True, held: bool = False, lead=None, reachable=None, **kwargs
    ):
        """`ours=False`: a lead we cannot contact (no email or phone we may use, or `held` by
        a request to stop nobody has decided on), so only their own promise can be pinned
        (`actions.add_commitment` refuses one of ours). `lead` (with its `reachable`
        channels): each How it may not be tried on is flagged, and why said."""
        super().__init__(*args, **kwargs)
        if lead is not None:
            self._flag_channels(lead, reachable)
        if held or not ours:
            by = self.fields["by"]
            by.choices = [(Commitment.By.LEAD, Commitment.By.LEAD.label)]
            by.initial = Commitment.By.LEAD
            why = reach.ON_HOLD_SHORT[:-1] if held else "No email or phone we may use"
            by.help_text = f"{why}: only a promise of theirs can be pinned."
        # The time is read in the screen's zone (the business's): say which.
        tz = timezone.get_current_timezone()
        self.fields[
            "due_at"
        ].label = f"When ({clock.place(str(tz))} time, {clock.label(timezone.now(), tz)})"

    def _flag_channels(self, lead, reachable) -> None:
        """ "Call: not for a try of ours" for a number not to be called (a promise of theirs
        may still come that way); the help says why, as the action's refusal does."""
        field, whys = self.fields["channel"], []
        choices = []
        for value, label in field.choices:
            why = not_ours_to_use(lead, value, reachable) if value else ""
            choices.append((value, f"{label}: not for a try of ours" if why else label))
            whys += [f"{label}: {why}."] if why else []
        field.choices = choices
        if whys:  # Django's templates print a help text as HTML: the lead's name is escaped
            field.help_text = format_html("{} {}", field.help_text, " ".join(whys))

    @classmethod
    def after_talk(cls, lead, data=None, **kwargs) -> CommitmentForm:
        """The "pin the next step" form shown after a conversation: due when the plan's next
        step is (the time the confirmation above it names), else in two days at 10:00; its
        ids the lead's own (two talks on Today, two of these forms)."""
        if lead.next_due and lead.next_due > timezone.now():
            due = timezone.localtime(lead.next_due).replace(second=0, microsecond=0)
        else:
            due = (timezone.localtime() + timedelta(days=2)).replace(
                hour=10, minute=0, second=0, microsecond=0
            )
        return cls(data, initial={"due_at": due}, auto_id=f"id_pin{lead.pk}_%s", **kwargs)

    def clean_due_at(self):
        due = self.cleaned_data["due_at"]
        if due < timezone.now() - timezone.timedelta(minutes=5):
            raise forms.ValidationError("Pick a time in the future.")
        if why := too_far_ahead(due):  # the API's and the actions' rule (eval32 #3)
            raise forms.ValidationError(why)
        return due


class SignalsForm(forms.Form):
    """Seed 002's checklist of good and poor prospect signals."""

    good = forms.MultipleChoiceField(
        choices=GOOD_SIGNALS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Signs of a good prospect",
    )
    poor = forms.MultipleChoiceField(
        choices=POOR_SIGNALS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Signs of a poor prospect",
    )

    @classmethod
    def for_lead(cls, lead) -> SignalsForm:
        have = set(lead.signals or [])
        return cls(
            initial={
                "good": [k for k, _ in GOOD_SIGNALS if k in have],
                "poor": [k for k, _ in POOR_SIGNALS if k in have],
            }
        )

    def signals(self, lead) -> list[str]:
        """The new signal list; unknown signals already on the lead are kept."""
        known = {k for k, _ in GOOD_SIGNALS + POOR_SIGNALS}
        kept = [s for s in (lead.signals or []) if s not in known]
        return kept + list(self.cleaned_data["good"]) + list(self.cleaned_data["poor"])


class StopForm(OwnIds):
    """Stop chasing: the mailing list (needs its consent), revisit on a date, or close."""

    ids = "stop"

    CHOICES = [
        (Status.NURTURE, "The mailing list (they agreed to it)"),
        (Status.REVISIT, "Revisit on a date"),
        (Status.CLOSED, "Close"),
    ]
    next_state = forms.ChoiceField(choices=CHOICES, label="Move to")
    revisit_at = forms.DateTimeField(required=False, widget=LOCAL_DATETIME, label="Revisit on")
    reason = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lead is not None and "mailing_list" not in (lead.consents or []):
            self.fields["next_state"].choices = self.CHOICES[1:]
            if self.initial.get("next_state") == Status.NURTURE:
                self.initial["next_state"] = Status.CLOSED  # no consent: the next best is to close

    def clean_revisit_at(self):
        """The action's rule for a revisit date (`actions.check_revisit`), said by the field."""
        at = self.cleaned_data.get("revisit_at")
        if at is not None and self.data.get("next_state") == Status.REVISIT:
            try:
                check_revisit(at)
            except ActionError as exc:
                raise forms.ValidationError(str(exc)) from None
        return at

    def clean(self):
        data = super().clean()
        if data.get("next_state") == Status.REVISIT and not data.get("revisit_at"):
            self.add_error("revisit_at", "A revisit needs a date.")
        return data


class WonForm(OwnIds):
    ids = "won"

    value = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Won value",
        help_text="Empty = the estimated value.",
    )


class RenewConsentForm(OwnIds):
    """Someone who opted out asked to hear from us again: how they asked, and on what.
    Only the channels the lead has an address for are offered."""

    ids = "renew"

    note = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="How did they ask?",
        help_text="For example: phoned on 3 March asking for a quote.",
    )
    channels = forms.MultipleChoiceField(
        choices=[("email", "Email"), ("call", "Phone calls"), ("text", "Text messages")],
        widget=forms.CheckboxSelectMultiple,
        label="They agreed to",
    )

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lead is not None:
            has = {"email": bool(lead.email), "call": bool(lead.phone), "text": bool(lead.phone)}
            field = self.fields["channels"]
            field.choices = [(c, label) for c, label in field.choices if has[c]]


class LostForm(OwnIds):
    ids = "lost"

    reason = forms.CharField(max_length=200, required=False, label="Why lost?")


class OwnerField(forms.ModelChoiceField):
    """A lead's owner: a deactivated one (kept so an edit never moves the lead by itself) is
    labelled "(inactive)"."""

    def label_from_instance(self, obj) -> str:
        name = display_name(obj)
        return name if obj.is_active else f"{name} (inactive)"


class ReassignForm(OwnIds):
    ids = "reassign"

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerField(queryset=owners, label="New owner")


class MistakeForm(OwnIds):
    """The owner takes back an opt-out one of our users entered by mistake: what happened."""

    ids = "mistake"

    why = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What was the mistake?",
        help_text="For example: pressed Record opt-out on the wrong lead.",
    )


class AskRenewalForm(OwnIds):
    """A salesperson asks the owner to renew consent: what the customer said, when, how."""

    ids = "ask"

    note = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What did they say, when and how?",
        help_text="For example: rang on 3 March asking us to call about the quote.",
    )


class DeclineRenewalForm(OwnIds):
    """The owner declines an ask to renew consent, saying why if they like."""

    ids = "decline"

    note = forms.CharField(max_length=500, required=False, label="Why not? (optional)")
