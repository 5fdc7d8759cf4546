"""Someone who is already a teammate's active lead gets no second lead when a salesperson
imports or adds them: matching looks at the whole book (`same_person.active_lead_of`, as
the API and the web forms do). The import reports the line and notes it on that lead; the
Add form says so instead of creating, with a link only for someone who may open it."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead, StatusChange
from fairchase.leads.people import visible_leads


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _csv(text: str):
    import io

    return io.BytesIO(text.encode())


def test_importing_a_teammates_active_leads_reports_them_and_adds_none(alice, bob, make_lead):
    by_email = make_lead(bob, name="Maria Customer", email="maria.c@example.com")
    by_phone = make_lead(bob, name="Pat Phone", email="", phone="+12125550142")
    body = (
        "name,email,phone\n"
        "Maria Customer,Maria.C@Example.com,\n"
        "Pat Phone,,(212) 555-0142\n"
        "Someone New,new@example.com,\n"
    )
    report = import_file(
        _csv(body), alice, filename="sam.csv", scope=visible_leads(alice), user=alice
    )
    assert report.created == 1
    assert (2, "Maria Customer: already Bob's lead: not added") in report.errors
    assert (3, "Pat Phone: already Bob's lead: not added") in report.errors
    assert not Lead.objects.filter(owner=alice, email="maria.c@example.com").exists()
    assert Lead.objects.filter(phone="+12125550142").count() == 1
    for theirs in (by_email, by_phone):
        note = StatusChange.objects.get(lead=theirs, reason__contains="not added again")
        assert note.reason.startswith("Imported from sam.csv by Alice")


def test_a_phone_shared_under_another_name_is_not_someone_elses_lead(alice, bob, make_lead):
    make_lead(bob, name="Front Desk", email="", phone="+12125550143")
    report = import_file(
        _csv("name,phone\nDr Other,+12125550143\n"),
        alice,
        scope=visible_leads(alice),
        user=alice,
    )
    assert report.created == 1 and report.errors == []


def test_a_dry_run_reports_the_line_and_writes_no_note(alice, bob, make_lead):
    theirs = make_lead(bob, email="jo@example.com")
    report = import_file(
        _csv("name,email\nJo,jo@example.com\n"),
        alice,
        scope=visible_leads(alice),
        user=alice,
        dry_run=True,
    )
    assert report.errors == [(2, "Jo: already Bob's lead: not added")]
    assert not StatusChange.objects.filter(lead=theirs, reason__contains="not added").exists()


def test_the_web_import_job_reports_the_line(alice, bob, make_lead):
    make_lead(bob, email="jo@example.com")
    c = _client(alice)
    c.post(
        "/in/import/",
        {"file": SimpleUploadedFile("t.csv", b"name,email\nJo,jo@example.com\n", "text/csv")},
    )
    job = ImportJob.objects.get()
    job.state = "queued"
    job.save()
    run_job(job.pk)
    page = c.get(f"/in/import/{job.pk}/").content.decode()
    assert "already Bob&#x27;s lead: not added" in page


def test_adding_someone_who_is_a_teammates_lead_says_so_instead_of_creating(
    alice, bob, boss, make_lead
):
    theirs = make_lead(bob, name="Ann Lee", email="ann@example.com")
    r = _client(alice).post(
        "/leads/new/", {"name": "Ann Lee", "email": "ANN@example.com", "source": "referral"}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "This person is already a teammate&#x27;s lead: not added." in html
    assert f"/leads/{theirs.pk}/" not in html  # alice may not open it: no link
    assert Lead.objects.filter(email="ann@example.com").count() == 1
    assert StatusChange.objects.filter(lead=theirs, reason__contains="Alice tried to add").exists()
    # an owner (who sees every lead) gets the link
    html = (
        _client(boss)
        .post(
            "/leads/new/",
            {"name": "Ann Lee", "email": "ann@example.com", "source": "referral", "owner": boss.pk},
        )
        .content.decode()
    )
    assert f'href="/leads/{theirs.pk}/"' in html
    assert Lead.objects.filter(email="ann@example.com").count() == 1


def test_add_lead_tells_a_salesperson_neither_the_name_nor_the_owner_of_a_lead_he_cannot_see(
    alice, bob, boss, make_lead
):
    """eval32 #4: any email typed with any name answered "Bob Moore is already Maria's lead":
    a lookup of who a customer is and whose. An owner, who sees the lead, is told both."""
    make_lead(bob, name="Ann Lee", email="ann@example.com")
    typed = {"name": "Whoever", "email": "ann@example.com", "source": "referral"}
    html = _client(alice).post("/leads/new/", typed).content.decode()
    assert "This person is already a teammate&#x27;s lead: not added." in html
    assert "Ann Lee" not in html and "Bob&#x27;s" not in html
    boss.refresh_from_db()
    html = _client(boss).post("/leads/new/", {**typed, "owner": boss.pk}).content.decode()
    assert "Ann Lee is already Bob&#x27;s lead: not added." in html


def test_adding_your_own_active_lead_again_links_to_it(alice, make_lead):
    mine = make_lead(alice, name="Cy", phone="+12125550150", email="")
    html = (
        _client(alice)
        .post("/leads/new/", {"name": "Cy", "phone": "212 555 0150", "source": "referral"})
        .content.decode()
    )
    assert "Cy is already your lead: not added." in html
    assert f'href="/leads/{mine.pk}/"' in html
    assert Lead.objects.filter(phone="+12125550150").count() == 1
