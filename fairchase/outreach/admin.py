"""Outreach rows in Django's admin (read-mostly: changes go through the app's pages)."""

from django.contrib import admin

from .models import (
    InboundMessage,
    MailboxCursor,
    MessageTemplate,
    OutboundMessage,
    ReadingCorrection,
)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "purpose", "channel", "is_active", "updated_at"]
    list_filter = ["channel", "purpose", "is_active"]


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    """Shown, never edited: a message's state changes through `outreach.actions` (the Outbox page)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["created_at", "lead", "channel", "to", "state", "due_at", "sent_at", "attempts"]
    list_filter = ["state", "channel"]
    search_fields = ["to", "message_id", "subject"]
    readonly_fields = ["message_id", "claimed_at", "claimed_by", "provider_id"]
    raw_id_fields = ["lead"]


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = [
        "received_at",
        "lead",
        "channel",
        "sender",
        "kind",
        "language",
        "evidence",
        "effect",
    ]
    list_filter = ["kind", "hold", "channel", "language"]
    search_fields = ["sender", "key", "subject"]
    raw_id_fields = ["lead", "outbound"]


@admin.register(ReadingCorrection)
class ReadingCorrectionAdmin(admin.ModelAdmin):
    """The labelled examples people's corrections leave: what the reader said, what was right."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    list_display = [
        "created_at",
        "language",
        "wrong_kind",
        "right_kind",
        "evidence",
        "corrected_by",
    ]
    list_filter = ["language", "wrong_kind", "right_kind"]
    search_fields = ["text", "evidence"]


admin.site.register(MailboxCursor)
