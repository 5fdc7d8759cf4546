"""Which of our six languages a reply is written in.

py3langid (a well-kept fork of langid.py: a small naive-Bayes model shipped in the
package, deterministic, about 0.1 ms a message) restricted to the languages we read.
Very short texts ("Stop", "Ja graag") carry too little for any statistical model, so a
text under three words goes by the language of the words that decided its reading,
when there are any.
"""

from __future__ import annotations

import unicodedata
from functools import cache

LANGUAGES = ("en", "de", "fr", "es", "pt", "nl")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect(text: str, hint=None) -> str:
    """The language of `text`; `hint` (the languages, comma-separated, whose cue words
    matched most, or a function that finds them, called only when needed) settles short
    texts and overrules an unsure langid that picked none of them."""
    if callable(hint):
        words = text.split()
        if not words:
            return "en"
        if len(words) >= 3:
            lang, confidence = _identifier().classify(text)
            if confidence >= 0.9:
                return lang
        hint = hint()
    words = text.split()
    hints = hint.split(",") if hint else []
    if not words:
        return hints[0] if hints else "en"
    if len(words) < 3 and len(hints) == 1:
        return hints[0]
    lang, confidence = _identifier().classify(text)
    if hints and lang not in hints and confidence < 0.9:
        return hints[0]
    return lang


def in_our_letters(text: str) -> bool:
    """Whether `text` is written in the Latin letters of the languages we read: a reply in
    Chinese, Japanese, Arabic or Hindi is in none of them, and langid, told to pick among
    our six, would call it Portuguese or Dutch and the rules read it as nothing they know."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin * 2 >= len(letters)
