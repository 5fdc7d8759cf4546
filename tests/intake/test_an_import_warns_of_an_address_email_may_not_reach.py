"""An import line whose address has letters outside ASCII before the @ (jürgen@müller.de)
comes in with a warning on its line: email reaches it only through servers offering SMTPUTF8
(eval24 #9). A domain outside ASCII alone (info@bücher.de) is said nothing of."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from tests.web.test_an_address_email_may_not_reach_is_said_where_it_is_stored import WARNED


def test_an_import_says_it_on_the_line(alice):
    text = "Name,Email\nJürgen Müller,jürgen@müller.de\nBuch Laden,info@bücher.de\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="idn.csv")
    assert report.created == 2
    assert report.warnings == [(2, f"Jürgen Müller: {WARNED}")]
