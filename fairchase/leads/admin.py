"""The lead book in Django's admin, read-mostly: a lead's status, plan and history change
only through `leads.actions` (which writes the transition row and replans), so the admin
shows them but never edits them."""

from django.contrib import admin

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


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
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
        """Details edited here go through `update_lead` (a transition row, a new plan)."""
        from . import actions

        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if fields:
            actions.update_lead(Lead.objects.get(pk=obj.pk), user=request.user, **fields)


@admin.register(Attempt, Commitment, StatusChange, Suppression, WorkerLease)
class HistoryAdmin(ReadOnlyAdmin):
    pass


admin.site.register([Profile, BusinessSettings])


@admin.register(FittedModel)
class FittedModelAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "n_leads")
    exclude = ("data",)
