"""The reader's learned vocabulary: a small, transparent text classifier trained on
labelled replies, so that words no rule lists still count.

Why a classifier beside the rules: each batch of replies the reader had never seen was
read right 72-84% of the time, mostly refusals and acceptances read "unclear" because
they were said in words no cue listed; a round of hand-written rules closed the gap for
its own batch only. Every correction a person makes is kept as a labelled example
(`ReadingCorrection`), so the reader learns from those instead.

What it is: word (1-2) and character (2-5, inside words) n-grams of the folded text,
weighted by tf-idf, into a complement naive Bayes (scikit-learn): fitted in a fraction
of a second, deterministic, and each word's weight can be read back to show a person
which words decided. It is trained on the labelled examples shipped in `examples/`
(the new text of every reply in the test corpus) plus the business's corrections.

What it may do is decided in `decide.py`: it speaks only where the rules say "unclear",
and the safety rule stays on top (no interest, revisit or call-back past a refusal cue or
a refusal it finds likely itself; a refusal only with a clear margin).
"""

from __future__ import annotations

import csv
import hashlib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import hstack

from . import cues

EXAMPLES = Path(__file__).parent / "examples" / "replies.csv"
# Replies that acknowledge, hold or ask who we are, written for the classifier: the corpus
# has few of them, and without them "thanks" (which opens most polite refusals) weighs as
# a refusal on its own ("Thanks, got it" read as "not interested").
HOLDING = Path(__file__).parent / "examples" / "holding.csv"
# The kinds it learns: what a person writes. Automatic replies and bounces are told by
# their headers and form, not by vocabulary.
LEARNED = ("opt_out", "not_interested", "later", "call_back", "interested", "unclear")
_DIGITS = re.compile(r"\d")
# A person's correction counts as this many examples: it is the business's own leads'
# language, and a mistake the reader made once (measured on corrections in six languages:
# weight 1 changed the next similar reply's reading in 5 of 7, weight 3 in 6 of 7).
CORRECTION_WEIGHT = 3


@dataclass(frozen=True)
class Example:
    text: str
    kind: str
    language: str = ""
    source: str = ""  # where it comes from: a corpus split or batch, or "correction"
    file: str = ""


def prepare(text: str) -> str:
    """The text as the classifier sees it: folded (lower case, no accents) and every digit
    a 0, so that "31.03." and "15.04." are one shape."""
    return _DIGITS.sub("0", cues.fold(text))


def shipped() -> tuple[Example, ...]:
    out: list[Example] = []
    for path in (EXAMPLES, HOLDING):
        with open(path, newline="", encoding="utf-8") as fh:
            out += [
                Example(r["text"], r["kind"], r["language"], r["source"], r["file"])
                for r in csv.DictReader(fh)
                if r["kind"] in LEARNED
            ]
    return tuple(out)


@dataclass(frozen=True)
class Weighing:
    """What the classifier makes of one text: the probability of each learned kind, and the
    words that weighed most for the likeliest one."""

    probabilities: dict[str, float]
    words: tuple[str, ...]

    @property
    def kind(self) -> str:
        return max(self.probabilities, key=lambda k: (self.probabilities[k], k))

    @property
    def margin(self) -> float:
        top, second = sorted(self.probabilities.values(), reverse=True)[:2]
        return top - second

    @property
    def refusal(self) -> float:
        return self.probabilities["opt_out"] + self.probabilities["not_interested"]


class Learner:
    """A fitted classifier. `weigh(text)` reads one message's new text."""

    def __init__(self, examples: tuple[Example, ...] | list[Example]):
        # Imported here: scikit-learn takes ~0.5 s to import, paid only when a reply is read.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.naive_bayes import ComplementNB
        from sklearn.pipeline import make_union

        examples = [e for e in examples if e.kind in LEARNED and e.text.strip()]
        self.size = len(examples)
        self.words = TfidfVectorizer(
            preprocessor=prepare, ngram_range=(1, 2), sublinear_tf=True, dtype=np.float64
        )
        chars = TfidfVectorizer(
            preprocessor=prepare,
            analyzer="char_wb",
            ngram_range=(2, 5),
            sublinear_tf=True,
            min_df=2,
            dtype=np.float64,
        )
        self.chars = chars
        features = make_union(self.words, chars)
        x = features.fit_transform([e.text for e in examples])
        self.model = ComplementNB(alpha=0.3).fit(
            x,
            [e.kind for e in examples],
            sample_weight=[CORRECTION_WEIGHT if e.source == "correction" else 1 for e in examples],
        )
        # Complement naive Bayes scores a text by a product with these weights (the
        # model's own predict_proba, without its per-call checks: a third of the time).
        self._weights = np.ascontiguousarray(self.model.feature_log_prob_.T)
        self.kinds = [str(k) for k in self.model.classes_]
        self.vocabulary = self.words.get_feature_names_out()
        self._lock = threading.Lock()

    def weigh(self, text: str, kind: str | None = None) -> Weighing:
        """The probability of each kind, and the words that weighed most for `kind` (by
        default the likeliest)."""
        with self._lock:  # one fitted model shared by the threads of a process
            x = hstack([self.words.transform([text]), self.chars.transform([text])]).tocsr()
        scores = (x @ self._weights)[0]
        p = np.exp(scores - scores.max())
        p /= p.sum()
        probabilities = {k: 0.0 for k in LEARNED} | {
            k: float(v) for k, v in zip(self.kinds, p, strict=True)
        }
        kind = kind or max(probabilities, key=lambda k: (probabilities[k], k))
        return Weighing(probabilities, self._weighed(x, self.kinds.index(kind)))

    def _weighed(self, x, kind: int, n: int = 4) -> tuple[str, ...]:
        """The words (and pairs of words) present in the text that weigh most for `kind`
        against the next likeliest kind of each word."""
        present = x[:, : len(self.vocabulary)].tocoo()
        weights = self.model.feature_log_prob_
        scored = []
        for col, value in zip(present.col, present.data, strict=True):
            others = [weights[k, col] for k in range(len(self.kinds)) if k != kind]
            scored.append((value * (weights[kind, col] - max(others)), self.vocabulary[col]))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return tuple(word for weight, word in scored[:n] if weight > 0)


def fingerprint(examples: tuple[Example, ...]) -> str:
    digest = hashlib.sha256()
    for e in examples:
        digest.update(f"{e.kind}\x00{e.text}\x01".encode())
    return digest.hexdigest()


_cache: dict[str, Learner] = {}
_cache_lock = threading.Lock()


def learner(extra: tuple[Example, ...] = ()) -> Learner:
    """The classifier fitted on the shipped examples plus `extra` (the business's
    corrections): fitted once per distinct set of examples and kept, so a process refits
    only when a correction is added or changed."""
    key = fingerprint(extra)
    with _cache_lock:
        if key not in _cache:
            if len(_cache) >= 4:
                _cache.pop(next(iter(_cache)))
            _cache[key] = Learner(_shipped() + tuple(extra))
        return _cache[key]


@lru_cache(maxsize=1)
def _shipped() -> tuple[Example, ...]:
    return shipped()
