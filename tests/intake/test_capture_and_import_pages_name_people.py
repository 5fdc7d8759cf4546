"""The Capture & import page and an import's page name people as the rest of the app does
(their full name, else their username), never by username: a form's owner ("for ..."), an
owner who left, one without an email address, who uploaded an import and whose rows it makes;
so do the timeline rows and report lines these pages write."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairchase.intake.models import CaptureForm, ImportJob
from fairchase.leads.models import Lead, Profile, StatusChange


def _person(username: str, first: str, last: str, *, role: str = "sales", email: str = ""):
    user = get_user_model().objects.create_user(
        username, email, "pw", first_name=first, last_name=last
    )
    Profile.objects.update_or_create(user=user, defaults={"role": role})
    return user


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_capture_page_names_form_owners_and_uploaders(db):
    boss = _person("boss", "Olivia", "Grant", role="admin", email="boss@example.com")
    maria = _person("maria", "Maria", "Lopez")  # no email address: no alerts
    sam = _person("sam", "Sam", "Reed", email="sam@example.com")
    CaptureForm.objects.create(name="Maria site", owner=maria)
    CaptureForm.objects.create(name="Sam site", owner=sam)
    sam.is_active = False
    sam.save(update_fields=["is_active"])
    csv = SimpleUploadedFile("leads.csv", b"name,email\nJo,jo@example.com\n", "text/csv")
    _client(maria).post("/in/import/", {"file": csv})
    html = _client(boss).get("/in/").content.decode()
    assert "for Maria Lopez" in html and "for maria" not in html
    assert "Maria Lopez has no email address" in html
    assert "Sam Reed no longer works here:" in html
    assert "this form's enquiries go to Olivia Grant (the business owner)" in html
    assert "by Maria Lopez" in html and "by maria" not in html


def test_an_imports_page_names_its_uploader_and_owner(db):
    boss = _person("boss", "Olivia", "Grant", role="admin")
    maria = _person("maria", "Maria", "Lopez")
    csv = SimpleUploadedFile("leads.csv", b"name,email\nJo,jo@example.com\n", "text/csv")
    _client(maria).post("/in/import/", {"file": csv})
    job = ImportJob.objects.get()
    theirs = _client(boss).get(f"/in/import/{job.pk}/").content.decode()
    assert "Maria Lopez uploaded this file" in theirs
    mine = _client(maria).get(f"/in/import/{job.pk}/").content.decode()
    assert "owner Maria Lopez" in mine and "Every row goes to Maria Lopez unless" in mine
    assert "comes in as Maria Lopez's" in mine


def test_a_web_form_enquiry_for_a_leaver_says_who_took_it_by_name(db):
    _person("boss", "Olivia", "Grant", role="admin", email="boss@example.com")
    sam = _person("sam", "Sam", "Reed", email="sam@example.com")
    form = CaptureForm.objects.create(name="Sam site", owner=sam)
    sam.is_active = False
    sam.save(update_fields=["is_active"])
    Client().post(
        f"/in/f/{form.key}/",
        {"name": "Ann Lee", "email": "ann@example.com"},
        REMOTE_ADDR="203.0.113.7",
    )
    lead = Lead.objects.get(email="ann@example.com")
    said = StatusChange.objects.filter(lead=lead).values_list("reason", flat=True)
    assert "Web form: Sam site (for Olivia Grant: Sam Reed no longer works here)" in said
