"""Logging in (throttled) and the settings page."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from fairchase.hints import command_line
from fairchase.leads.people import profile_of
from fairchase.leads.planning import replanned_for_new_settings

from .. import throttle
from ..settings_forms import BusinessSettingsForm, BusinessZoneForm, OwnEmailForm, ProfileForm
from .common import web_view


class ThrottledLoginView(LoginView):
    """Django's login, where every password check first takes a slot from the account's
    and the address's buckets (web/throttle.py); none left: refused unchecked, 429."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        """With no account at all, the page says how the first is made (eval22 #12: the
        hint was printed only in the server's terminal)."""
        context = super().get_context_data(**kwargs)
        context["no_account"] = not get_user_model().objects.exists()
        # with this install's DATA_DIR in front, if it has its own: else another database
        context["first_account"] = command_line("createsuperuser")
        return context

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        ip = throttle.client_ip(request)
        self.attempt = throttle.begin(username, ip)
        if self.attempt is None:
            form = self.get_form_class()(request, data=None, initial={"username": username})
            minutes = throttle.minutes_left(username, ip)
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    locked=f"Too many failed attempts for {username or 'this account'} or from your "
                    f"address. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                ),
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        self.attempt.failed()
        return super().form_invalid(form)

    def form_valid(self, form):
        self.attempt.succeeded()
        return super().form_valid(form)


def admin_login(request):
    """Django admin's login page through the same throttle (what AdminSite.login does,
    with ThrottledLoginView in place of LoginView)."""
    if request.method == "GET" and admin.site.has_permission(request):
        return redirect("admin:index")
    context = {
        **admin.site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index")
    return ThrottledLoginView.as_view(
        template_name="web/admin_login.html",
        authentication_form=AdminAuthenticationForm,
        extra_context=context,
        redirect_authenticated_user=False,
    )(request)


@require_http_methods(["GET", "POST"])
@web_view
def settings_view(request):
    """Business settings (admins edit, others read), the user's own email and profile."""
    business = request.business
    profile = profile_of(request.user)
    which = request.POST.get("form") if request.method == "POST" else None
    business_form = BusinessSettingsForm(
        request.POST if which == "business" else None, instance=business
    )
    profile_form = ProfileForm(request.POST if which == "profile" else None, instance=profile)
    email_form = OwnEmailForm(request.POST if which == "email" else None, user=request.user)
    if not request.is_admin:
        for field in business_form.fields.values():
            field.disabled = True
    if which == "business" and request.is_admin and business_form.is_valid():
        business_form.save()
        messages.success(request, f"Business settings saved; {replanned_for_new_settings()}")
        return redirect("settings")
    if which == "business" and not request.is_admin:
        messages.error(request, "Only an owner/admin can change the business settings.")
        return redirect("settings")
    if which == "profile" and profile_form.is_valid():
        profile_form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("settings")
    if which == "email" and email_form.is_valid():
        email_form.save()
        messages.success(
            request, f"Your email address is saved: new-enquiry alerts go to {request.user.email}."
        )
        return redirect("settings")
    context = {"business_form": business_form, "profile_form": profile_form}
    return render(request, "web/settings.html", {**context, "email_form": email_form})


@require_POST
@web_view
def business_zone(request):
    """Today's first-run box: the owner confirms the business's time zone (the rest of the
    business settings untouched); every active lead is replanned on its clock."""
    if not request.is_admin:
        raise PermissionDenied("Only an owner/admin can set the business's time zone.")
    form = BusinessZoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["business_timezone"]))
        return redirect("today")
    business = request.business
    business.business_timezone = form.cleaned_data["business_timezone"]
    business.timezone_set = True
    business.save(update_fields=["business_timezone", "timezone_set"])
    messages.success(
        request,
        f"Time zone saved: {business.business_timezone.replace('_', ' ')}; {replanned_for_new_settings()}",
    )
    return redirect("today")


class OwnPasswordChange(PasswordChangeView):
    """Everyone changes their own password (the old one asked for, Django's validators on the
    new one); the session stays signed in, every other session of theirs ends."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("settings")

    def post(self, request, *args, **kwargs):
        """Each check of the old password takes a slot of the login throttle (web/throttle.py),
        so nobody at a screen left signed in can guess the password here either."""
        username, ip = request.user.get_username(), throttle.client_ip(request)
        self.attempt = throttle.begin(username, ip)
        if self.attempt is None:
            minutes = throttle.minutes_left(username, ip)
            locked = (
                "Too many failed attempts for your password. "
                f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."
            )
            form = self.get_form_class()(request.user)
            return self.render_to_response(
                self.get_context_data(form=form, locked=locked), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            self.attempt.failed()
        else:
            self.attempt.succeeded()  # the old password was right: the new one is refused
        return super().form_invalid(form)

    def form_valid(self, form):
        self.attempt.succeeded()
        messages.success(self.request, "Your password is changed.")
        return super().form_valid(form)


password_change = web_view(OwnPasswordChange.as_view())
