"""URLs of the intake app (mounted at /in/)."""

from django.urls import path

from .views import capture, exports, imports, wishes

app_name = "intake"

urlpatterns = [
    path("", capture.home, name="home"),
    path("forms/new/", capture.form_create, name="form_create"),
    path("forms/<int:pk>/", capture.form_update, name="form_update"),
    path("f/<str:key>/", capture.capture_view, name="capture"),
    path("f/<str:key>/json/", capture.webhook_view, name="webhook"),
    path("import/", imports.upload, name="import_upload"),
    path("import/<int:pk>/", imports.job_view, name="import_job"),
    path("import/<int:pk>/run/", imports.job_submit, name="import_submit"),
    path("import/<int:pk>/restart/", imports.job_restart, name="import_restart"),
    path("import/<int:pk>/sheet/", imports.job_sheet, name="import_sheet"),
    path("wishes/", wishes.wish_list, name="wish_list"),
    path("wish/<int:pk>/", wishes.wish_decide, name="wish_decide"),
    path("export/job/<int:pk>/", exports.export_job, name="export_job"),
    path("export/job/<int:pk>/download/", exports.export_download, name="export_download"),
    path("export/history.jsonl", exports.export_history, name="export_history"),
    path("export/<str:kind>.<str:fmt>", exports.export, name="export"),
    path("calendar/rotate/", exports.calendar_rotate, name="calendar_rotate"),
    path("calendar/<str:secret>.ics", exports.calendar_feed, name="calendar"),
]
