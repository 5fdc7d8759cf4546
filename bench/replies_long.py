"""Long replies, read as the worker reads them (whole mails): the shapes that once held the
worker for minutes (many dates and no end of a sentence: the reading scanned the text before
each date again), each about 400 KB, and the dated one at growing lengths below the part
that is read (`replies.READ_CHARS`), where the time must grow with the length, not its square.
Part of `python -m bench replies`; alone: `python -m bench.replies_long`."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.message import EmailMessage

SENT = datetime(2026, 3, 2, 9, tzinfo=UTC)
DATES = "next week on monday at 3pm or tuesday "
SHAPES = {  # name: (text, times, subtype)
    "dates, no sentence end": (DATES, 10_000, "plain"),
    "'a ' repeated": ("a ", 200_000, "plain"),
    "'no, ' repeated": ("no, ", 100_000, "plain"),
    "'<p>' repeated (HTML)": ("<p>", 100_000, "html"),
    "'stop. ' repeated": ("stop. ", 60_000, "plain"),
}
SECONDS_LONG = 2.0  # CPU seconds for the longest of them (it was minutes)


def _mail(body: str, subtype: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "paul@example.com"
    msg["Subject"] = "Re: your quote"
    msg.set_content(body, subtype=subtype)
    return msg.as_bytes()


def _cpu(read) -> float:
    t0 = time.process_time()
    read()
    return time.process_time() - t0


def long_replies(failed: list[str]) -> None:
    from fairchase.outreach import replies

    print("\nlong replies (CPU seconds to read one whole mail):")
    worst = 0.0
    for name, (text, n, subtype) in SHAPES.items():
        raw = _mail(text * n, subtype)
        s = _cpu(lambda raw=raw: replies.read_message(raw, "Europe/Berlin", SENT))
        worst = max(worst, s)
        print(f"  {name}: {len(raw) // 1000} KB in {s:.2f} s")
    per_kb = []
    for n in (60, 120, 240):
        body = DATES * n
        s = _cpu(lambda body=body: replies.read_text(body, SENT, "Europe/Berlin", channel="email"))
        per_kb.append(s / len(body) * 1000)
        print(
            f"  dates, {len(body) / 1000:.1f} KB (read whole): {s:.3f} s, {per_kb[-1]:.4f} s per KB"
        )
    print(f"  target: each <= {SECONDS_LONG:.0f} s; per KB at 9 KB <= 3 x per KB at 2 KB")
    if worst > SECONDS_LONG:
        failed.append(f"a long reply read in {worst:.2f} s of CPU")
    if per_kb[-1] > 3 * per_kb[0]:
        failed.append("reading time grows faster than the reply's length")


if __name__ == "__main__":
    from fairchase.outreach.reading import learned

    learned.learner()
    missed: list[str] = []
    long_replies(missed)
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
