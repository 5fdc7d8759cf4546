"""A list from a mailing tool says who said no in a status column, not a yes/no one:
Mailchimp's "Email Status" (subscribed, unsubscribed, cleaned, pending, transactional,
archived), HubSpot's "Email subscription status", a "Subscription status" of opted in / opted
out, an "Email validation" of valid / invalid / bounced. Before, such a column was not
recognised (the README said to map it by hand only if every cell but a plain no meant no), and
the unsubscribed and bounced came in to be emailed. Now it is read with its own words: one
saying they said no or the address is dead suppresses the email, "do not contact" opts the
person out, one saying all is well changes nothing, and any other word counts as said no, its
line saying how it was read. The report, and its dry run, count the rows as for the yes/no
columns."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.mapping import detect_mapping
from fairchase.intake.models import ImportJob
from fairchase.intake.said_no_status import plain_status, status_says
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.planning import reachable_channels
from tests.intake.importing import suppressed

MAILCHIMP = (
    "Email Address,First Name,Last Name,Phone Number,MEMBER_RATING,LEID,Status\n"
    "sub@example.com,Sue,Bee,+13125550201,2,101,subscribed\n"
    "uns@example.com,Una,Sent,+13125550202,2,102,unsubscribed\n"
    "cln@example.com,Cleo,Dean,+13125550203,1,103,cleaned\n"
    "pen@example.com,Pen,Ding,+13125550204,2,104,pending\n"
    "trn@example.com,Tran,Sact,+13125550205,2,105,transactional\n"
    "arc@example.com,Archie,Ved,+13125550206,2,106,archived\n"
    "dnc@example.com,Dina,Cee,+13125550207,2,107,Do not contact\n"
    "bla@example.com,Blan,Kay,+13125550208,2,108,\n"
)
SAYS_NO = "import: its email status says no"


def _import(user, text: str, **kw):
    return import_file(io.BytesIO(text.encode()), user, filename="list.csv", user=user, **kw)


def _lead(first: str) -> Lead:
    return Lead.objects.get(name__startswith=first + " ")


def test_status_columns_are_recognised_by_their_headers():
    for one in (
        "Email Status",
        "Email subscription status",
        "Subscription status",
        "Marketing contact status",
        "Email validation",
        "E-Mail-Status",
        "Statut d'abonnement",
        "Estado de suscripción",
    ):
        assert detect_mapping(["Name", "Email", one])[1] == ["name", "email", "email_status"], one
    # a bare Status is Mailchimp's email status only in Mailchimp's export: elsewhere it is
    # a deal's or a lead's (open, won, lost), and read as the email's it would suppress all
    assert detect_mapping(MAILCHIMP.splitlines()[0].split(","))[1][-1] == "email_status"
    assert detect_mapping(["Name", "Email", "Status"])[1] == ["name", "email", ""]


def test_a_status_not_about_email_is_left_for_the_person_to_map():
    """A gym's Member status (Active / Expired) or an identity check's Verification status
    (Rejected) read as the email's suppressed every former member's address, for good."""
    for other in ("Member Status", "Validation status", "Verification Status"):
        assert detect_mapping(["Name", "Email", "Phone", other])[1][-1] == "", other
    for email in ("Email verification status", "Email validation status", "Subscriber status"):
        assert detect_mapping(["Name", "Email", email])[1][-1] == "email_status", email


def test_the_words_of_a_status_column_are_read_as_they_mean():
    for fine in (
        "subscribed",
        "Pending",
        "transactional",
        "non-subscribed",
        "Opted in",
        "valid",
        "Marketing contact",
        "Non-marketing contact",
        "none",
        "",
        "-",
    ):
        assert status_says(fine) == "", fine
    for dead in ("unsubscribed", "Cleaned", "bounced", "Hard bounce", "spam", "invalid"):
        assert status_says(dead) == "unsubscribed" and plain_status(dead), dead
    assert status_says("Do not contact") == "opted_out" and plain_status("Do not contact")
    for other in ("archived", "unknown", "?", "yes"):  # said no, and its line says so
        assert status_says(other) == "unsubscribed" and not plain_status(other), other


def test_a_mailchimp_status_suppresses_the_email_of_who_said_no_and_keeps_the_rest(alice):
    report = _import(alice, MAILCHIMP)
    assert (report.created, report.bad) == (8, 0), report.as_dict()
    assert report.preset == "mailchimp"
    assert suppressed() == {
        "uns@example.com": SAYS_NO,
        "cln@example.com": SAYS_NO,
        "arc@example.com": SAYS_NO,
        "dnc@example.com": "opt-out",
        "+13125550207": "opt-out",
    }
    for first in ("Una", "Cleo", "Archie"):  # an unsubscribe is from email only
        assert _lead(first).status == Status.OPEN
        assert reachable_channels(_lead(first)) == ["call"], first
    for first in ("Sue", "Pen", "Tran", "Blan"):
        assert reachable_channels(_lead(first)) == ["call", "email"], first
    assert _lead("Dina").status == Status.OPTED_OUT and reachable_channels(_lead("Dina")) == []
    read = [(line, said) for line, said in report.warnings if "read '" in said]
    assert read == [
        (
            7,
            "Archie Ved: read 'archived' as not to be emailed: in a status column, any word "
            "but one saying all is well (subscribed, valid, pending, ...) counts as said no: "
            "check it if they did not.",
        )
    ], report.warnings
    assert (
        "3 rows of people whose email status says not to email them (column “Status”): "
        "had the email address suppressed, never to be emailed."
    ) in report.about
    assert (
        "1 row of someone whose email status says not to contact them (column “Status”): "
        "came in opted out, never to be contacted."
    ) in report.about


def test_the_dry_run_says_what_the_import_does_and_does_nothing(alice):
    dry = _import(alice, MAILCHIMP, dry_run=True)
    assert not Lead.objects.exists() and not Suppression.objects.exists()
    assert (
        "3 rows of people whose email status says not to email them (column “Status”): "
        "would have the email address suppressed, never to be emailed."
    ) in dry.about
    done = _import(alice, MAILCHIMP)
    said = [s.replace("would have", "had").replace("would come", "came") for s in dry.about]
    assert said == done.about
    read = [said for _, said in dry.warnings if "read '" in said]
    assert read == [said for _, said in done.warnings if "read '" in said]


def test_either_of_two_status_columns_saying_no_counts(alice):
    report = _import(
        alice,
        "Name,Email,Email Status,Email validation\n"
        "Fay Two,fay@example.com,subscribed,invalid\n"
        "Hal Gone,hal@example.com,unsubscribed,valid\n"
        "Gus Ok,gus@example.com,subscribed,valid\n"
        "Ida Out,ida@example.com,do not contact,bounced\n",
    )
    assert report.created == 4
    assert suppressed() == {
        "fay@example.com": SAYS_NO,
        "hal@example.com": SAYS_NO,
        "ida@example.com": "opt-out",
    }
    assert Lead.objects.get(name="Ida Out").status == Status.OPTED_OUT


def test_a_column_mapped_by_hand_to_email_status_is_read_so(client, alice):
    client.force_login(alice)
    body = "Name,Email,Mailing list\nKim Lee,kim@example.com,bounced\nLou Ray,lou@example.com,subscribed\n"
    client.post(
        "/in/import/", {"file": SimpleUploadedFile("x.csv", body.encode(), content_type="text/csv")}
    )
    job = ImportJob.objects.get()
    assert job.mapping == ["name", "email", ""]
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert '<option value="email_status" >Email status (unsubscribed, cleaned, bounced' in page
    columns = {"col0": "name", "col1": "email", "col2": "email_status"}
    client.post(f"/in/import/{job.pk}/run/", {**columns, "action": "import"})
    assert run_job(job.pk) is True
    job.refresh_from_db()
    assert any("(column “Mailing list”): had the email" in s for s in job.report["about"])
    assert suppressed() == {"kim@example.com": SAYS_NO}
    assert reachable_channels(Lead.objects.get(name="Lou Ray")) == ["email"]


def test_mailchimps_unsubscribe_time_left_unread_is_said_loudly(alice):
    """Mailchimp's unsubscribed export has no status column, only UNSUB_TIME: "unsub" was
    not a word of saying no, and its people came in to be chased unsaid."""
    text = "Email Address,First Name,UNSUB_TIME\nuna@example.com,Una,2024-03-01 10:00:00\n"
    about = _import(alice, text, dry_run=True).about
    assert any(s.startswith("Column “UNSUB_TIME” looks like a list of people") for s in about)


# Mailchimp's audience export is a zip of three files; the unsubscribed and cleaned ones have
# no Status column, only the time Mailchimp unsubscribed or cleaned each person.
MAILCHIMP_TAIL = "LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,{0}_TIME,{0}_CAMPAIGN_TITLE,"
MAILCHIMP_UNSUB = (
    "Email Address,First Name,Last Name,Phone Number,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,"
    "CONFIRM_TIME,CONFIRM_IP," + MAILCHIMP_TAIL.format("UNSUB") + "UNSUB_CAMPAIGN_ID,"
    "UNSUB_REASON,UNSUB_REASON_OTHER,LEID,EUID,NOTES\n"
    "una@example.com,Una,Sent,+13125550211,2,2024-01-02 10:00:00,,2024-01-02 10:01:00,,,,,,,,,"
    "2024-03-01 10:00:00,Spring sale,abc123,N/A (Unsubscribed by admin),,201,e1,\n"
    "uli@example.com,Uli,Gone,,2,2024-01-03 10:00:00,,,,,,,,,,,"
    "2024-04-01 09:30:00,,,,,202,e2,\n"
)
MAILCHIMP_CLEANED = (
    "Email Address,First Name,Last Name,Phone Number,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,"
    "CONFIRM_TIME,CONFIRM_IP," + MAILCHIMP_TAIL.format("CLEAN") + "CLEAN_CAMPAIGN_ID,"
    "LEID,EUID,NOTES\n"
    "cal@example.com,Cal,Dead,+13125550221,1,2024-01-02 10:00:00,,,,,,,,,,,"
    "2024-05-01 08:00:00,May news,def456,301,e3,\n"
)


@pytest.mark.parametrize(
    "text, why",
    [
        (MAILCHIMP_UNSUB, "import: unsubscribed from email"),
        (MAILCHIMP_CLEANED, SAYS_NO),
    ],
    ids=["unsubscribed", "cleaned"],
)
def test_mailchimps_unsubscribed_and_cleaned_files_come_in_never_to_be_emailed(alice, text, why):
    """Before, both came in as `mailchimp` with nothing read: every person an open lead to
    email, the cleaned file's report naming no column at all."""
    report = _import(alice, text)
    assert report.preset == "mailchimp" and report.bad == 0, report.as_dict()
    people = text.splitlines()[1:]
    assert report.created == len(people)
    emails = {row.split(",")[0] for row in people}
    assert suppressed() == dict.fromkeys(emails, why)
    for lead in Lead.objects.all():  # the email only: a phone of theirs may still be called
        assert lead.status == Status.OPEN and "email" not in reachable_channels(lead)
    assert not any("looks like a list of people who said no" in s for s in report.about)


def test_another_tools_clean_time_is_named_when_left_unread(alice):
    about = _import(alice, "Name,Email,Cleaned\nCy,cy@example.com,2024-01-01\n", dry_run=True)
    assert any(s.startswith("Column “Cleaned” looks like") for s in about.about), about.about
