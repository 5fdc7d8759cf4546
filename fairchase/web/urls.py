"""URLs of the web app."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from .views import account, lead_actions, leads, today

urlpatterns = [
    path("", today.today, name="today"),
    path("today/agenda/", today.agenda_fragment, name="agenda_fragment"),
    path("today/let-go/rows/", today.today_let_go, name="today_let_go"),
    path("today/<slug:section>/", today.today_section, name="today_section"),
    path("login/", account.ThrottledLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("settings/", account.settings_view, name="settings"),
    path("settings/password/", account.password_change, name="password_change"),
    path("settings/time-zone/", account.business_zone, name="business_zone"),
    path("leads/", leads.lead_list, name="leads"),
    path("leads/new/", leads.lead_add, name="lead_add"),
    path("leads/reassign-all/", lead_actions.leads_reassign_all, name="leads_reassign_all"),
    path("leads/<int:pk>/", leads.lead_detail, name="lead_detail"),
    path("leads/<int:pk>/edit/", leads.lead_edit, name="lead_edit"),
    path("leads/<int:pk>/outcome/", today.lead_outcome, name="lead_outcome"),
    path("leads/<int:pk>/undo/", today.lead_undo, name="lead_undo"),
    path("leads/<int:pk>/log/", lead_actions.lead_log, name="lead_log"),
    path("leads/<int:pk>/commitments/", lead_actions.lead_commit, name="lead_commit"),
    path("leads/<int:pk>/signals/", lead_actions.lead_signals, name="lead_signals"),
    path("leads/<int:pk>/stop/", lead_actions.lead_stop, name="lead_stop"),
    path("leads/<int:pk>/reopen/", lead_actions.lead_reopen, name="lead_reopen"),
    path("leads/<int:pk>/won/", lead_actions.lead_won, name="lead_won"),
    path("leads/<int:pk>/lost/", lead_actions.lead_lost, name="lead_lost"),
    path("leads/<int:pk>/opt-out/", lead_actions.lead_opt_out, name="lead_opt_out"),
    path(
        "leads/<int:pk>/renew-consent/", lead_actions.lead_renew_consent, name="lead_renew_consent"
    ),
    path("leads/<int:pk>/ask-renewal/", lead_actions.lead_ask_renewal, name="lead_ask_renewal"),
    path(
        "leads/<int:pk>/decline-renewal/",
        lead_actions.lead_decline_renewal,
        name="lead_decline_renewal",
    ),
    path(
        "leads/<int:pk>/restore-opt-out/",
        lead_actions.lead_restore_opt_out,
        name="lead_restore_opt_out",
    ),
    path(
        "leads/<int:pk>/confirm-address/",
        lead_actions.lead_confirm_address,
        name="lead_confirm_address",
    ),
    path("leads/<int:pk>/reassign/", lead_actions.lead_reassign, name="lead_reassign"),
    path(
        "commitments/<int:commitment_pk>/resolve/",
        lead_actions.commitment_resolve,
        name="commitment_resolve",
    ),
]
