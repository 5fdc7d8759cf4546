"""eval36 #5: an upload whose file name is about 1,000 characters long answered a bare
text/plain 400 "The request body cannot be read (MultiPartParserError)" (Django reads at
most 1,024 bytes of a part's headers). Now the person gets the page the form was on again,
with an error saying what to do, like the import's other refusals; an API call still gets
its JSON 400."""

from __future__ import annotations

from fairchase.intake.models import ImportJob

LONG = "x" * 996 + ".csv"
BOUNDARY = "----fairchase-test-boundary"


def _upload(client, **extra):
    """The form as a browser sends it (Django's own uploaded file would cut the name to 255)."""
    token = client.get("/in/").cookies.get("csrftoken")
    body = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token.value if token else ''}\r\n"
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{LONG}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
        "name,email\r\nJo,jo@example.com\r\n\r\n"
        f"--{BOUNDARY}--\r\n"
    )
    kind = f"multipart/form-data; boundary={BOUNDARY}"
    return client.generic("POST", "/in/import/", body.encode(), content_type=kind, **extra)


def test_a_file_name_too_long_gives_the_import_page_again_with_an_error(client, alice):
    client.force_login(alice)
    r = _upload(client, HTTP_REFERER="http://testserver/in/")
    assert r.status_code in (302, 303) and r["Location"] == "/in/", r.content[:300]
    page = client.get(r["Location"]).content.decode()
    assert "That file&#x27;s name is too long: rename it and upload again." in page
    assert 'action="/in/import/"' in page  # the upload form, to try again
    assert not ImportJob.objects.exists()


def test_without_a_page_to_go_back_to_it_is_today_that_says_so(client, alice):
    client.force_login(alice)
    r = _upload(client, HTTP_REFERER="https://elsewhere.example/in/")
    assert r.status_code in (302, 303) and r["Location"] == "/", r.content[:300]
    page = client.get("/").content.decode()
    assert "That file&#x27;s name is too long: rename it and upload again." in page


def test_a_referer_path_with_two_slashes_stays_on_the_site(client, alice):
    """review31 #8: "//evil.example/x" as a path is another site's address."""
    client.force_login(alice)
    r = _upload(client, HTTP_REFERER="http://testserver//evil.example/x")
    assert r.status_code in (302, 303) and r["Location"] == "/evil.example/x"


def test_a_program_still_gets_its_400_saying_why(client, alice):
    client.force_login(alice)
    r = _upload(client, HTTP_ACCEPT="application/json")
    assert r.status_code == 400
    assert r.json()["detail"] == "That file's name is too long: rename it and upload again."
