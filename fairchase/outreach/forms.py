"""Forms of the outreach UI: the template editor (placeholders checked on save) and
the compose box (edit a draft, then send)."""

from __future__ import annotations

import re

from django import forms

from fairchase import texting

from .models import MessageTemplate
from .rendering import PLACEHOLDER, check_placeholders

TEXT_MAX = 480  # about three text messages
TEXT_TOO_LONG = f"Keep texts short (at most {TEXT_MAX} characters, about three messages)."


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["name", "purpose", "channel", "subject", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def clean_subject(self):
        subject = self.cleaned_data.get("subject", "")
        problems = check_placeholders(subject)
        if problems:
            raise forms.ValidationError(problems)
        return subject

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        problems = check_placeholders(body)
        if problems:
            raise forms.ValidationError(problems)
        return body

    def clean(self):
        data = super().clean()
        channel, body = data.get("channel"), data.get("body") or ""
        if channel == MessageTemplate.Channel.EMAIL:
            if not (data.get("subject") or "").strip() and "subject" not in self.errors:
                self.add_error("subject", "An email needs a subject.")
            names = {m.group(1) for m in PLACEHOLDER.finditer(body)}
            if "body" not in self.errors and "opt_out_link" not in names:
                # Seed 001: make it easy to say no. Every email carries the link.
                self.add_error(
                    "body",
                    "Include {{opt_out_link}} so people can stop hearing from us in one click.",
                )
        if "body" not in self.errors and (why := _says_today_after_a_call(data)):
            self.add_error("body", why)
        if channel == MessageTemplate.Channel.TEXT and len(body) > TEXT_MAX:
            self.add_error("body", TEXT_TOO_LONG)
        return data


# Words that date a message to the moment of the call ("today", "I just left you a voicemail").
SAYS_TODAY = re.compile(r"\b(today|just left|just spoke|just talked)\b", re.IGNORECASE)


def _says_today_after_a_call(data: dict) -> str:
    """Why an email after a call may not say "today": it is offered for two days after the
    call, and may wait for contact hours; `{{call_day}}` names the day as the reader says it."""
    if data.get("purpose") not in (
        MessageTemplate.Purpose.VOICEMAIL,
        MessageTemplate.Purpose.RECAP,
    ):
        return ""
    text = f"{data.get('subject') or ''}\n{data.get('body') or ''}"
    said = SAYS_TODAY.search(PLACEHOLDER.sub("", text))
    if said is None or "call_day" in {m.group(1) for m in PLACEHOLDER.finditer(text)}:
        return ""
    return (
        f"“{said.group(0)}” may not be true when this goes out: it is offered for two days "
        "after the call. Write {{call_day}} (today, yesterday, on Friday) for the call's day."
    )


class ComposeForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=MessageTemplate.objects.filter(is_active=True),
        required=False,
        widget=forms.HiddenInput,
    )
    channel = forms.ChoiceField(choices=MessageTemplate.Channel.choices)
    subject = forms.CharField(max_length=200, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}))
    # Shown only while a promise of ours is pending: a message the person wrote may keep it
    # (a template sent never does by itself: `leads.actions.attempts._fulfil_our_commitment`).
    keeps = forms.BooleanField(required=False)
    # Whose lead it was when the page was drawn: the words are signed by them, so a send
    # after a reassignment is refused (`refusals.reassigned_since_drawn`).
    owner = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, channels=None, **kwargs):
        """`channels`: the ones we may use for this lead (`planning.reachable_channels`): a
        text to a number that said stop is not offered (with none, every one is, and the
        send says why not). Texts not set up on this server (`texting.configured`): "Text
        message" is not offered either (sending one would be refused); `texts_off` lets the
        page say why."""
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        offered = [(v, label) for v, label in field.choices if v in (channels or ())]
        if offered:
            field.choices = offered
        self.texts_off = not texting.configured()
        if self.texts_off:
            field.widget.choices = [c for c in field.choices if c[0] != "text"]

    def clean(self):
        data = super().clean()
        if data.get("channel") == "text" and len(data.get("body") or "") > TEXT_MAX:
            self.add_error("body", TEXT_TOO_LONG)
        for name in ("subject", "body"):
            problems = check_placeholders(data.get(name) or "")
            if problems:
                self.add_error(name, problems)
        if data.get("channel") == "email" and not (data.get("subject") or "").strip():
            self.add_error("subject", "An email needs a subject.")
        return data
