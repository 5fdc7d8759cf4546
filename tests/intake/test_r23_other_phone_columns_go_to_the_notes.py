"""review23 #8: of several filled phone columns only one number was kept and the others
were dropped without a word. Those not read as the lead's number go to its notes."""

from __future__ import annotations

from fairchase.leads.models import Lead
from tests.intake.importing import import_text


def test_the_other_phones_of_an_outlook_row_are_kept_in_the_notes(alice):
    text = (
        "First Name,Last Name,E-mail Address,Business Phone,Home Phone,Mobile Phone\n"
        "Ann,Lee,ann@example.com,+1 312 555 0140,+1 312 555 0141,+1 312 555 0142\n"
        "Bo,Li,bo@example.com,+1 312 555 0150,,+1 312 555 0150\n"
    )
    report = import_text(alice, text)
    assert report.created == 2, report.as_dict()
    ann = Lead.objects.get(email="ann@example.com")
    assert ann.phone == "+13125550142"
    assert "Other phone: +1 312 555 0140 (Business Phone)" in ann.notes
    assert "Other phone: +1 312 555 0141 (Home Phone)" in ann.notes
    assert Lead.objects.get(email="bo@example.com").notes == ""  # the same number twice


def test_importing_it_again_keeps_one_line_each(alice):
    text = (
        "First Name,Last Name,E-mail Address,Business Phone,Mobile Phone\n"
        "Ann,Lee,ann@example.com,+1 312 555 0140,+1 312 555 0142\n"
    )
    for _ in range(2):
        import_text(alice, text)
    assert Lead.objects.get().notes.count("Other phone: +1 312 555 0140") == 1
