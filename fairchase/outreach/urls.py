"""URLs of the outreach app (mounted at /o/)."""

from django.urls import path

from .views import messages, public, templates, unmatched

app_name = "outreach"

urlpatterns = [
    path("templates/", templates.template_list, name="templates"),
    path("templates/new/", templates.template_edit, name="template_add"),
    path("templates/<int:pk>/", templates.template_edit, name="template_edit"),
    path("templates/<int:pk>/preview/", templates.template_preview, name="template_preview"),
    path("today/after-call/", messages.after_call, name="after_call"),
    path("outbox/", messages.outbox, name="outbox"),
    path("outbox/unknown/settle/", messages.unknown_settle, name="unknown_settle"),
    path("outbox/<int:pk>/settle/", messages.message_settle, name="message_settle"),
    path("leads/<int:pk>/send/", messages.send_draft, name="send_draft"),
    path("leads/<int:pk>/compose/", messages.compose, name="compose"),
    path("unmatched/<int:pk>/add/", unmatched.add_as_lead, name="unmatched_add"),
    path("unmatched/<int:pk>/dismiss/", unmatched.dismiss, name="unmatched_dismiss"),
    path("unmatched/dismiss-all/", unmatched.dismiss_all, name="unmatched_dismiss_all"),
    path("replies/<int:pk>/correct/", messages.inbound_correct, name="inbound_correct"),
    path("unsubscribe/<str:token>", public.unsubscribe, name="unsubscribe"),
    path("sms/inbound", public.sms_inbound, name="sms_inbound"),
]
