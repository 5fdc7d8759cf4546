"""Who sees what: the one authorization rule every app uses.

A salesperson sees and changes only their own leads; an owner/admin sees all.
Another user's lead is "not found" (404), never "forbidden", so ids leak nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import Http404

from .models import Lead, Profile, Role


def profile_of(user) -> Profile:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile.objects.get_or_create(
            user=user, defaults={"role": Role.ADMIN if user.is_superuser else Role.SALES}
        )[0]


def is_admin(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or profile_of(user).role == Role.ADMIN)
    )


def visible_leads(user):
    """The leads this user may see (none for anonymous or inactive users)."""
    if not (user and user.is_authenticated and user.is_active):
        return Lead.objects.none()
    if is_admin(user):
        return Lead.objects.all()
    return Lead.objects.filter(owner=user)


def lead_or_404(user, pk) -> Lead:
    """The lead if this user may see it; otherwise 404 (bad ids too)."""
    try:
        return visible_leads(user).get(pk=int(pk))
    except (Lead.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such lead") from None


def team(user):
    """Users this user may assign leads to."""
    User = get_user_model()
    if is_admin(user):
        return User.objects.filter(is_active=True).order_by("username")
    return User.objects.filter(pk=user.pk)


@receiver(post_save, sender=get_user_model())
def _create_profile(sender, instance, created, **kwargs):
    if created:
        Profile.objects.get_or_create(
            user=instance, defaults={"role": Role.ADMIN if instance.is_superuser else Role.SALES}
        )
