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
)


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("name", "company", "source", "status", "owner", "next_action", "priority", "next_due")
    list_filter = ("status", "source", "owner")
    search_fields = ("name", "company", "email", "phone")
    inlines = [AttemptInline]


admin.site.register([Commitment, StatusChange, Profile, BusinessSettings, Suppression])


@admin.register(FittedModel)
class FittedModelAdmin(admin.ModelAdmin):
    list_display = ("created_at", "n_leads")
    exclude = ("data",)
