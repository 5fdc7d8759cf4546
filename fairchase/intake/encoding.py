"""Which encoding a CSV file's text is in, when it is not UTF-8.

A file in UTF-8 (or with a UTF-16 BOM) is read as such (`reading._text_stream`). Else its
first bytes decide: Windows-1252 (Excel on a Western Windows) when they read cleanly so;
Japanese Shift-JIS (cp932: Excel and Outlook on a Japanese Windows) when they decode
strictly as it and Windows-1252 would not do better (bytes it has no character for, or a
messier reading by charset-normalizer's measure); when Windows-1252 reads them as a mess,
the Windows code page charset-normalizer finds (Cyrillic, Arabic, Chinese, Korean), said
as a guess, or Windows-1252 with a warning that names may be garbled. Read as Windows-1252, a
Shift-JIS file had become mojibake without a word (eval24 #3).
"""

from __future__ import annotations

import codecs

CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # bytes Windows-1252 has no character for
SAID = {
    "cp932": "The file is not UTF-8 text: it was read as Japanese Shift-JIS (as Excel and "
    "Outlook write on a Japanese Windows).",
}
GUESSED = (
    "The file is not UTF-8 text, nor Windows-1252: it was read as {}, a guess from its "
    "bytes. Check the names, or save it from the spreadsheet as CSV UTF-8 and import that."
)
MESS = (
    "The file is not UTF-8 text and does not read cleanly in any encoding known here: it "
    "was read as Windows-1252, and names may be garbled. Save it from the spreadsheet as "
    "CSV UTF-8 and import that."
)
REPLACED = (
    "some characters could not be read in the file's encoding and are shown as �: check "
    "this row, or save the file as CSV UTF-8 and import that."
)


def decodes(head: bytes, encoding: str) -> str | None:
    """The text of a file's first bytes in `encoding`, strictly (a character cut at the end
    of them aside), or None when they are not in it."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return None


def is_utf8(head: bytes) -> bool:
    return decodes(head, "utf-8") is not None


def mostly_utf8(head: bytes) -> bool:
    """Whether bytes that are not all UTF-8 are UTF-8 text with a few stray bytes: more of
    their non-ASCII characters read as UTF-8 than fail to. Guessed as a whole, a UTF-8 file
    with one stray byte was read as Arabic ("Zoë" as "Zoأ«"); read as UTF-8, only the
    stray bytes are lost, said on their rows. Windows-1252 text almost never holds a valid
    UTF-8 sequence ("é" is one byte followed by ASCII)."""
    text = head.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - head.decode("utf-8", errors="ignore").count("\ufffd")
    return sum(ord(c) > 127 for c in text) - text.count("\ufffd") > stray


def _best(head: bytes, candidates: list[str]) -> str:
    """charset-normalizer's choice among `candidates`, "" for none."""
    from charset_normalizer import from_bytes

    found = from_bytes(head, cp_isolation=candidates).best()
    return found.encoding if found is not None else ""


def _shift_jis(head: bytes) -> bool:
    """Whether a file that is not UTF-8 is Shift-JIS: its bytes decode strictly as cp932
    (no character of its private-use area, which Western text falls into), and Windows-1252
    has no character for some of them or reads them no better."""
    text = decodes(head, "cp932")
    if text is None or any("\ue000" <= c <= "\uf8ff" for c in text):
        return False
    if any(b in CP1252_UNDEFINED for b in head):
        return True
    return _best(head, ["cp1252", "cp932"]) == "cp932"


# Windows code pages a spreadsheet writes in other scripts, guessed among when Windows-1252
# reads a file as a mess (Latin letters in runs no language has: Cyrillic read as Latin-1).
OTHER_WINDOWS = ["cp1251", "cp1253", "cp1255", "cp1256", "gb18030", "cp949", "big5"]
MESSY = 0.2  # charset-normalizer's mess ratio of a Windows-1252 reading: Western text < 0.12


def legacy_encoding(head: bytes) -> tuple[str, str]:
    """(The encoding to read a file that is not UTF-8 in, what to say of it: "" for
    Windows-1252, read silently as it always was; a few bytes it has no character for are
    U+FFFD, said on their rows)."""
    from charset_normalizer.md import mess_ratio

    if _shift_jis(head):
        return "cp932", SAID["cp932"]
    if mess_ratio(head.decode("cp1252", errors="replace"), MESSY) < MESSY:
        return "cp1252", ""
    from charset_normalizer import from_bytes

    found = sorted(
        ((m.chaos, -m.coherence, m.encoding) for m in from_bytes(head, cp_isolation=OTHER_WINDOWS)),
    )
    if not found or (len(found) > 1 and found[1][:2] == found[0][:2]):
        return "cp1252", MESS  # no encoding, or two equally good: no guess worth making
    return found[0][2], GUESSED.format(found[0][2])
