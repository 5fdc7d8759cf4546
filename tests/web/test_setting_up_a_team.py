"""Setting up a team in the admin as the README tells it: add a user (username and
password), then on their page set the role (owner/admin or salesperson) in the same form."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from fairchase.leads.models import Profile, Role
from fairchase.leads.people import is_admin


def _superuser():
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")


def _user_page(user, role: str, **fields) -> dict:
    """What the admin's change form for `user` posts (their Fairchase profile inline with
    `role`), with `fields` over it."""
    profile = Profile.objects.get(user=user)
    return {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(profile.pk),
        "profile-0-user": str(user.pk),
        "profile-0-role": role,
        "profile-0-phone": "",
        "profile-0-outreach_mode": "suggest",
        **fields,
    }


def test_adding_a_salesperson_then_making_them_an_owner_on_their_user_page(db):
    c = Client()
    c.force_login(_superuser())
    r = c.post(
        "/admin/auth/user/add/",
        {
            "username": "maria",
            "password1": "a-long-pass-phrase-77",
            "password2": "a-long-pass-phrase-77",
            "usable_password": "true",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    maria = get_user_model().objects.get(username="maria")
    assert Profile.objects.get(user=maria).role == Role.SALES  # a salesperson to begin with
    page = c.get(f"/admin/auth/user/{maria.pk}/change/").content.decode()
    assert "Fairchase role and settings" in page and 'name="profile-0-role"' in page
    form = _user_page(maria, Role.ADMIN, first_name="Maria", email="maria@example.com")
    r = c.post(f"/admin/auth/user/{maria.pk}/change/", form)
    assert r.status_code == 302, r.content.decode()[:3000]
    assert is_admin(get_user_model().objects.get(pk=maria.pk))


def test_the_readme_names_the_labels_the_admin_page_shows(db):
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("### Your team", 1)[1].split("\n### ", 1)[0]
    c = Client()
    root = _superuser()
    c.force_login(root)
    page = c.get(f"/admin/auth/user/{root.pk}/change/").content.decode()
    for label in (
        "Fairchase role and settings",
        "Salesperson (own leads)",
        "Owner / admin (sees all leads)",
        "Staff status",
        "Superuser status",
        "Active",
    ):
        assert label in section and label in page, label
    assert "Reassign all" in section and "who no longer works here: reassign" in section


def test_the_admin_user_page_refuses_another_users_email_as_settings_does(db):
    c = Client()
    c.force_login(_superuser())
    sam = get_user_model().objects.create_user("sam", "sam@example.com", "pw-sam-12345")
    nina = get_user_model().objects.create_user("nina", "", "pw-nina-12345")
    form = _user_page(nina, Role.SALES)
    r = c.post(f"/admin/auth/user/{nina.pk}/change/", {**form, "email": "SAM@example.com"})
    assert r.status_code == 200 and "Another user has this address" in r.content.decode()
    r = c.post(f"/admin/auth/user/{nina.pk}/change/", {**form, "email": "sam"})
    assert r.status_code == 200  # not even an address
    r = c.post(f"/admin/auth/user/{nina.pk}/change/", {**form, "email": "nina@example.com"})
    assert r.status_code == 302
    assert get_user_model().objects.get(pk=nina.pk).email == "nina@example.com"
    assert sam.email == "sam@example.com"
