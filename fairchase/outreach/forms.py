"""Forms of the outreach UI: the template editor (placeholders checked on save) and
the compose box (edit a draft, then send)."""

from __future__ import annotations

from django import forms

from .models import MessageTemplate
from .rendering import PLACEHOLDER, check_placeholders


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
        if channel == MessageTemplate.Channel.TEXT and len(body) > 480:
            self.add_error(
                "body", "Keep texts short (at most 480 characters, about three messages)."
            )
        return data


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

    def clean(self):
        data = super().clean()
        for name in ("subject", "body"):
            problems = check_placeholders(data.get(name) or "")
            if problems:
                self.add_error(name, problems)
        if data.get("channel") == "email" and not (data.get("subject") or "").strip():
            self.add_error("subject", "An email needs a subject.")
        return data
