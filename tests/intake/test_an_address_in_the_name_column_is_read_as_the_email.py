"""An address typed in the Name column (`Nora Ash <nora.ash@example.com>`, a bare
` hana.kim@EXAMPLE.net `) with the Email column empty is read as the row's email, as the
Email column reads `Ann Stone <ann@example.com>`: the name beside it is the name, and the
address matches like any email, so Hana's row joins Hana's lead. Before, each made a lead
named by the address, with no email: a contact-less duplicate of someone the book had."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead


def _import(user, text: str, **kw):
    return import_file(io.BytesIO(text.encode()), user, filename="x.csv", user=user, **kw)


def test_a_name_written_with_its_address_is_read_as_both(alice):
    report = _import(alice, 'Name,Email,Phone\n"Nora Ash <nora.ash@example.com>",,\n')
    assert (report.created, report.bad, report.warnings) == (1, 0, []), report.as_dict()
    nora = Lead.objects.get()
    assert (nora.name, nora.email) == ("Nora Ash", "nora.ash@example.com")


def test_a_bare_address_joins_the_lead_that_has_it_and_renames_nobody(alice, make_lead):
    hana = make_lead(alice, name="Hana Kim", email="hana.kim@example.net")
    report = _import(alice, "Name,Email,Phone,Notes\n hana.kim@EXAMPLE.net ,,,dup of Hana\n")
    assert (report.created, report.updated, report.bad) == (0, 1, 0), report.as_dict()
    hana.refresh_from_db()
    assert Lead.objects.count() == 1 and hana.name == "Hana Kim"
    assert hana.notes.endswith("dup of Hana")
    assert report.changes == [(2, "Hana Kim: notes added")]


def test_a_bare_address_of_someone_new_is_named_as_a_row_without_a_name(alice):
    report = _import(alice, "Name,Email\n mailto:Ray.Poe@Example.org ,\n")
    assert report.created == 1 and report.warnings == []
    ray = Lead.objects.get()
    assert (ray.name, ray.email) == ("ray.poe@example.org", "ray.poe@example.org")


def test_the_email_columns_address_wins_over_another_in_the_name(alice):
    report = _import(
        alice,
        "Name,Email\n"
        '"Uma Ford <uma@home.example.com>",uma@work.example.com\n'
        '"Val Ode <val@example.com>",VAL@example.com\n',
    )
    assert report.created == 2
    uma, val = Lead.objects.get(name="Uma Ford"), Lead.objects.get(name="Val Ode")
    assert uma.email == "uma@work.example.com" and "Other email: uma@home.example.com" in uma.notes
    assert val.email == "val@example.com"
    [(line, text)] = report.warnings
    assert line == 2 and "uma@home.example.com, not the Email column's uma@work.example.com" in text


def test_a_dry_run_reads_the_name_column_as_the_import_does(alice, make_lead):
    make_lead(alice, name="Hana Kim", email="hana.kim@example.net")
    text = 'Name,Email\n"Nora Ash <nora.ash@example.com>",\nhana.kim@example.net,\n'
    dry = _import(alice, text, dry_run=True)
    assert (dry.created, dry.unchanged, dry.updated) == (1, 1, 0), dry.as_dict()
    done = _import(alice, text)
    assert (done.created, done.unchanged, done.updated) == (1, 1, 0)


def test_something_like_an_address_that_is_none_stays_the_name_with_a_warning(alice):
    report = _import(alice, "Name,Email,Phone\nBob@Acme,,+13125550130\n")
    assert report.created == 1 and Lead.objects.get().name == "Bob@Acme"
    [(line, text)] = report.warnings
    assert line == 2 and "looks like an email address but is not one" in text
