"""Logging in (throttled) and the settings page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fairchase.leads.people import profile_of
from fairchase.leads.planning import replan_all

from .. import throttle
from ..forms import BusinessSettingsForm, ProfileForm
from .common import web_view


class ThrottledLoginView(LoginView):
    """Django's login, refusing a username+address after too many recent failures."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        ip = throttle.client_ip(request)
        if throttle.is_locked(username, ip):
            form = AuthenticationForm(request, data=None, initial={"username": username})
            minutes = throttle.minutes_left(username, ip)
            return self.render_to_response(self.get_context_data(
                form=form, locked=f"Too many failed attempts for {username or 'this account'}. "
                                  f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.record_failure(self.request.POST.get("username", ""), throttle.client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.clear(form.get_user().get_username(), throttle.client_ip(self.request))
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
@web_view
def settings_view(request):
    """Business settings (admins edit, others read) and the user's own profile."""
    business = request.business
    profile = profile_of(request.user)
    which = request.POST.get("form") if request.method == "POST" else None
    business_form = BusinessSettingsForm(request.POST if which == "business" else None, instance=business)
    profile_form = ProfileForm(request.POST if which == "profile" else None, instance=profile)
    if not request.is_admin:
        for field in business_form.fields.values():
            field.disabled = True
    if which == "business" and request.is_admin and business_form.is_valid():
        business_form.save()
        # Batched (one transaction per batch) so a large book does not hold the write lock.
        planned = replan_all()
        messages.success(request, f"Business settings saved; {planned} active lead{'s' if planned != 1 else ''} replanned.")
        return redirect("settings")
    if which == "business" and not request.is_admin:
        messages.error(request, "Only an owner/admin can change the business settings.")
        return redirect("settings")
    if which == "profile" and profile_form.is_valid():
        profile_form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("settings")
    return render(request, "web/settings.html", {"business_form": business_form,
                                                 "profile_form": profile_form})
