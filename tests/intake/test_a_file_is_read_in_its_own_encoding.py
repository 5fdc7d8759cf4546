"""A CSV file is read in the encoding it was written in, or the report says it was not (an
evaluator's finding, eval24 #3): a Shift-JIS file, as Excel and Outlook write it on a
Japanese Windows, was read as Windows-1252 without a word, and its names were stored as
mojibake ("‘¾˜Y ŽR“c") that then went into emails' greetings. Now Shift-JIS is read as
such (and said), another Windows code page is guessed and said as a guess, and a row with
characters its encoding could not give (U+FFFD) says so on its line."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.encoding import GUESSED, MESS, REPLACED, SAID
from fairchase.intake.importer import import_file
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

OUTLOOK_JAPANESE = (
    "First Name,Last Name,E-mail Address,Company,Mobile Phone,Notes\r\n"
    "太郎,山田,taro.yamada@example.jp,株式会社山田,+81 90-1234-5678,来週連絡\r\n"
    "花子,佐藤,hanako.sato@example.jp,佐藤商事,+81 3-1234-5678,\r\n"
)


def test_a_shift_jis_file_is_read_as_japanese_and_said(alice):
    data = OUTLOOK_JAPANESE.encode("shift_jis")
    report = import_file(io.BytesIO(data), alice, filename="outlook.csv")
    assert report.created == 2 and report.bad == 0, report.as_dict()
    taro = Lead.objects.get(email="taro.yamada@example.jp")
    assert (taro.name, taro.company) == ("太郎 山田", "株式会社山田")
    assert "来週連絡" in taro.notes
    assert SAID["cp932"] in report.about and not report.warnings, report.as_dict()


def test_a_short_shift_jis_file_without_telltale_bytes_is_read_too(alice):
    # 太郎 and 山田 hold no byte Windows-1252 lacks: read as it, they were ‘¾˜Y ŽR“c
    data = "Name,Email\r\n太郎 山田,taro@example.jp\r\n".encode("shift_jis")
    report = import_file(io.BytesIO(data), alice, filename="x.csv")
    assert report.created == 1, report.as_dict()
    assert Lead.objects.get().name == "太郎 山田"


def test_a_western_file_is_still_read_as_windows_1252_without_a_word(alice):
    data = (
        "Name;Firma;E-Mail\r\n"
        "François Lefèvre;Société Générale Façades;f@example.fr\r\n"
        "Hélène Groß;Ñandú SL;h@example.es\r\n"
    ).encode("cp1252")
    report = import_file(io.BytesIO(data), alice, filename="x.csv")
    assert report.created == 2 and not report.warnings and not report.about, report.as_dict()
    assert Lead.objects.get(email="h@example.es").name == "Hélène Groß"


def test_a_cyrillic_windows_file_is_read_as_a_guess_and_said(alice):
    data = (
        "First Name,Last Name,Email,Notes\r\n"
        "Иван,Петров,ivan@example.ru,Позвонить на следующей неделе по поводу заказа\r\n"
        "Ольга,Петрова,olga@example.ru,Просила прислать цены и каталог\r\n"
    ).encode("cp1251")
    report = import_file(io.BytesIO(data), alice, filename="x.csv")
    assert report.created == 2, report.as_dict()
    assert Lead.objects.get(email="ivan@example.ru").name == "Иван Петров"
    assert GUESSED.format("cp1251") in report.about, report.about


def test_a_file_too_short_to_tell_says_its_names_may_be_garbled(alice):
    # two names: Cyrillic or Greek? No guess worth making, but never silence
    data = (
        "Name,Email\r\nИван Петров,ivan@example.ru\r\nОльга Петрова,olga@example.ru\r\n"
    ).encode("cp1251")
    report = import_file(io.BytesIO(data), alice, filename="x.csv")
    assert report.created == 2 and MESS in report.about, report.as_dict()


def test_characters_that_could_not_be_read_are_said_on_their_line(alice):
    # UTF-8 for 70 KB, then a byte no encoding the file could be in has a character for
    rows = "".join(f"Zoë {i},z{i}@example.com\r\n" for i in range(3000))
    data = ("Name,Email\r\n" + rows).encode() + b"Ann\x81 Lee,ann@example.com\r\n"
    report = import_file(io.BytesIO(data), alice, filename="x.csv")
    assert report.created == 3001, report.as_dict()
    assert report.warnings == [(3002, f"Ann\ufffd Lee: {REPLACED}")], report.warnings[:3]


def test_the_web_preview_shows_the_japanese_names(client, alice):
    client.force_login(alice)
    data = OUTLOOK_JAPANESE.encode("shift_jis")
    client.post("/in/import/", {"file": SimpleUploadedFile("outlook.csv", data)})
    job = ImportJob.objects.get()
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert "株式会社山田" in page and SAID["cp932"] in page, page
