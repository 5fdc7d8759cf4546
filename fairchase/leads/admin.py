"""The lead book in Django's admin, read-mostly: a lead's status, plan and history change
only through `leads.actions` (which writes the transition row and replans), so the admin
shows them but never edits them."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from .days import ContactDaysField
from .models import (
    Attempt,
    BusinessSettings,
    Commitment,
    FittedModel,
    Lead,
    Profile,
    StatusChange,
    Suppression,
    WorkerLease,
)
from .normalize import InvalidContact
from .people import email_refusal
from .planning import PLAN_FIELDS


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttemptInline(ReadOnlyInline):
    model = Attempt


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the actions (attempts, transitions, suppressions): shown, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LeadAdminForm(forms.ModelForm):
    """The admin's lead form, with the web edit's "They are the same person" box: an edit
    giving the lead an address of a person who asked not to be contacted (or their name on
    their number) is refused with a form error unless it is ticked, as the web form and the
    API's PATCH refuse it (`actions.SaidNoElsewhere`): one wrong paste must not opt a
    customer out for good."""

    same_person = forms.BooleanField(
        required=False,
        label="They are the same person",
        help_text=(
            "Tick only if an email, phone or name typed here belongs to a person who asked "
            "not to be contacted and this lead is that person: it is then opted out for good. "
            "A typing or paste error: correct the field."
        ),
    )

    class Meta:
        model = Lead
        fields = "__all__"

    def clean(self):
        from . import actions

        cleaned = super().clean()
        if self.instance.pk is None or cleaned.get("same_person"):
            return cleaned
        edited = {f: cleaned[f] for f in actions.IDENTITY_FIELDS if f in self.changed_data}
        try:
            actions.refuse_unconfirmed_edit(self.instance, **edited)
        except actions.SaidNoElsewhere as exc:
            field = exc.fields[0] if exc.fields[0] in self.fields else None
            said = f"{exc} If this lead is that person, tick \u201cThey are the same person\u201d."
            self.add_error(field, said)
        except (InvalidContact, actions.ActionError) as exc:
            self.add_error(None, str(exc))
        return cleaned


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    form = LeadAdminForm
    list_display = (
        "name",
        "company",
        "source",
        "status",
        "owner",
        "next_action",
        "priority",
        "next_due",
    )
    list_filter = ("status", "source", "owner")
    search_fields = ("name", "company", "email", "phone")
    # status, owner, history and plan change only through the actions (the lead's page)
    readonly_fields = (
        "status",
        "owner",
        "revisit_at",
        "won_value",
        "lost_reason",
        "paused_until",
        "attempt_count",
        "last_attempt_at",
        "first_response_at",
        "responded_at",
        "events",
        "created_at",
        *PLAN_FIELDS,
    )
    inlines = [AttemptInline, StatusChangeInline]

    def has_add_permission(self, request):
        return False  # new leads go through the app (create_lead plans them)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Details edited here go through `update_lead` (a transition row, a new plan),
        confirmed as the person who said no only when the box is ticked (the form's check)."""
        from . import actions

        same = bool(form.cleaned_data.get("same_person"))
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        fields.pop("same_person", None)
        if fields:
            lead = Lead.objects.get(pk=obj.pk)
            actions.update_lead(lead, user=request.user, same_person=same, via="admin", **fields)


@admin.register(Attempt, Commitment, StatusChange, Suppression, WorkerLease)
class HistoryAdmin(ReadOnlyAdmin):
    pass


admin.site.register(Profile)


@admin.register(BusinessSettings)
class BusinessSettingsAdmin(admin.ModelAdmin):
    """The business's settings as Settings edits them: the same rules (the model's validators
    and `clean`), the same bookkeeping (`saved_by_person`: a margin or zone saved here is a
    person's choice too) and the same replan of every active lead (review24 F13)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "contact_days":  # ticks, as on Settings, not a string of digits
            return ContactDaysField(required=True)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        from .planning import replanned_for_new_settings

        obj.saved_by_person(form.changed_data)
        super().save_model(request, obj, form, change)
        self.message_user(request, f"Business settings saved; {replanned_for_new_settings()}")


class ProfileInline(admin.StackedInline):
    """A person's role (owner/admin or salesperson), phone and outreach mode, on their user
    page: adding a salesperson or making someone an owner is one page, not two."""

    model = Profile
    can_delete = False
    fields = ("role", "phone", "outreach_mode")
    verbose_name = verbose_name_plural = "Fairchase role and settings"


class TeamUserChangeForm(UserChangeForm):
    """Django's user form, with the address rule of Settings (`people.email_refusal`)."""

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        refusal = email_refusal(email, self.instance.pk)
        if refusal:
            raise forms.ValidationError(refusal)
        return email


class TeamUserAdmin(UserAdmin):
    form = TeamUserChangeForm
    inlines = [ProfileInline]

    def get_inline_instances(self, request, obj=None):
        # The first page of "Add user" asks for a username and password only; the profile
        # (made with the user, as a salesperson) shows on the page after it.
        return super().get_inline_instances(request, obj) if obj is not None else []


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), TeamUserAdmin)


@admin.register(FittedModel)
class FittedModelAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "n_leads")
    exclude = ("data",)
