"""Who sees what: the one authorization rule every app uses.

A salesperson sees and changes only their own leads; an owner/admin sees all.
Another user's lead is "not found" (404), never "forbidden", so ids leak nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import Http404

from fairchase.params import an_id

from .models import CARRIED_STATUSES, Lead, Profile, Role


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


def business_owner():
    """Who takes on what belongs to nobody who still works here (a capture form whose owner
    left): the first active owner/admin (by when they joined), else the first active
    superuser; None when there is no such person."""
    active = get_user_model().objects.filter(is_active=True).order_by("pk")
    return (
        active.filter(profile__role=Role.ADMIN).first() or active.filter(is_superuser=True).first()
    )


class People:
    """Users found by what someone typed for them (an import's Owner cell, `import --owner`):
    a username (exactly, else case aside), then an email address (case aside). Deterministic:
    a username wins over another user's email, and a name that fits two users at the same
    step is refused, never settled by the database's row order. Read once, for many lookups."""

    def __init__(self, users=None) -> None:
        users = get_user_model().objects.order_by("pk") if users is None else users
        self.exact: dict[str, Any] = {}
        self.folded: dict[str, list] = {}
        self.emails: dict[str, list] = {}
        for u in users:
            self.exact[u.get_username()] = u
            self.folded.setdefault(u.get_username().casefold(), []).append(u)
            if u.email:
                self.emails.setdefault(u.email.casefold(), []).append(u)

    def find(self, name: str) -> tuple[Any, str]:
        """(the user, "") or (None, why not, a phrase after the name: "is no user's ...")."""
        name = " ".join((name or "").split())
        if name in self.exact:
            return self.exact[name], ""
        for found, what in (
            (self.folded.get(name.casefold(), []), "usernames"),
            (self.emails.get(name.casefold(), []), "email addresses"),
        ):
            if len(found) == 1:
                return found[0], ""
            if found:
                names = ", ".join(sorted(u.get_username() for u in found))
                why = f"fits the {what} of {len(found)} users ({names}): write the exact username"
                return None, why
        return None, "is no user's username or email here"


def user_named(name: str) -> tuple[Any, str]:
    """One lookup by `People.find` (username first, then email; ambiguity refused)."""
    name = " ".join((name or "").split())
    near = Q(username__iexact=name) | Q(email__iexact=name)
    return People(get_user_model().objects.filter(near).order_by("pk")).find(name)


def email_refusal(email: str, user_pk: int | None) -> str:
    """Why a user (`user_pk`, None for a new one) may not have `email`, or "": one user's
    only, and nobody else's username (two users with one address would get each other's
    alerts, and an import's Owner column and `import --owner` find a user by either)."""
    others = get_user_model().objects.exclude(pk=user_pk)
    if email and others.filter(email__iexact=email).exists():
        return "Another user has this address: each needs their own."
    if email and others.filter(username__iexact=email).exists():
        return (
            "This address is another user's username: an import naming it would mean two "
            "people. Use another address."
        )
    return ""


def display_name(user) -> str:
    """How a person is named on a page, an email's From and signature, a calendar's title:
    their full name on one line (the admin takes a name with a line break, which printed a
    fake 'Bcc: ...' line in emails and failed the calendar feed), else their username."""
    return on_one_line(user.get_full_name()) or user.username


def first_name(user) -> str:
    """A person's first name on one line (as `display_name`), else their username."""
    return on_one_line(user.first_name) or user.get_username()


def on_one_line(text: str) -> str:
    """`text` with every run of spaces, tabs and line breaks as one space: a name or subject
    printed in a header (where Python refuses a line break: the email would be unsendable),
    a signature or a calendar's title."""
    return " ".join((text or "").split())


def carried_leads(leads):
    """Of `leads`, those their owner still carries (being chased, or parked to be revisited):
    what "Reassign all" moves, Today's banner counts (`leavers`) and its "See them" lists
    (the lead list's `status=carried`)."""
    return leads.filter(status__in=CARRIED_STATUSES)


def leavers(user) -> list:
    """For an admin: the deactivated users who still carry leads (`carried_leads`), each
    with `carried`, the number of those leads; [] for anyone else."""
    if not is_admin(user):
        return []
    carried = Q(leads__status__in=CARRIED_STATUSES)
    return list(
        get_user_model()
        .objects.filter(is_active=False)
        .annotate(carried=Count("leads", filter=carried))
        .filter(carried__gt=0)
        .order_by("username")
    )


def leaver_or_404(pk):
    """Any user by id, active or not (whose leads an admin hands on; `reassign_all` refuses
    someone who works here, with a message); 404 for a bad id."""
    try:
        return get_user_model().objects.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such person") from None


def owner_choices(user, shown_pk=None) -> list:
    """The people an owner filter offers: the team, plus the one a URL asks for when they
    were deactivated (so the select names whose leads the page shows; templates mark them
    "(inactive)"). Only admins pick owners."""
    people = list(team(user))
    shown = an_id(shown_pk)
    if is_admin(user) and shown is not None and all(u.pk != shown for u in people):
        people += list(get_user_model().objects.filter(pk=shown))
    return people


def others_on(people, user) -> list | None:
    """`people` for an owner filter ("Whose leads"), or None when nobody but `user` is on
    it: a one-person business has no one else's leads to pick (eval22 #12)."""
    return people if people and any(u.pk != user.pk for u in people) else None


def owner_asked(user, raw) -> tuple[int | None, str]:
    """The owner an admin's owner filter (`?owner=`) names, as (their id, ""), a deactivated
    one's too; (None, "") without a filter or for a salesperson (their own leads, whatever
    the URL says); (None, the value asked) when it is nobody's id: the page shows everyone's
    and says "No such person", never an owner without leads (the API answers 422)."""
    text = str(raw if raw is not None else "").strip()
    if not text or not is_admin(user):
        return None, ""
    owner_id = an_id(text)
    if owner_id is not None and get_user_model().objects.filter(pk=owner_id).exists():
        return owner_id, ""
    return None, text[:40]


@receiver(post_save, sender=get_user_model())
def _create_profile(sender, instance, created, raw=False, **kwargs):
    """Every new user gets a profile, except one `loaddata` saves (`raw`): the dump brings its
    profile, and one made here under another id made the load fail on the user's profile."""
    if created and not raw:
        Profile.objects.get_or_create(
            user=instance, defaults={"role": Role.ADMIN if instance.is_superuser else Role.SALES}
        )
