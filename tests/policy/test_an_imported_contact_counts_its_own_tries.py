"""An imported contact (an existing contact from a file: `revisit_at` on the day it came in, no
try before it) counts its own tries, as `fit` learns every source's curve from them.

It used to restart like a 3rd try, as a lead back from a chase's revisit does: at the cold
start a $2,000 web-form contact was closed after one missed call (its 2nd try priced as a 4th,
1.4% by call), and once the history held imported contacts their coldness counted twice: the
curve their source learned from their own 1st, 2nd... tries was read at the 3rd, 4th...
(an imported contact answering a first call 30% of the time was priced at about 11%)."""

from __future__ import annotations

from datetime import timedelta

from fairchase.policy import fit, plan

from .strategies import NOW
from .worlds import TRUE_CURVES, world

SETTINGS = {"daily_minutes": 60}


def imported(source: str, misses: int, value: float = 2000.0) -> dict:
    """A contact imported at NOW (no enquiry date in the file: it came in on import), with
    `misses` unanswered calls, each two days after the one before."""
    return {
        "id": "imported",
        "source": source,
        "value": value,
        "created_at": NOW,
        "timezone": None,
        "signals": [],
        "consents": [],
        "attempts": [
            {
                "at": NOW + timedelta(days=2 * j, minutes=5),
                "channel": "call",
                "outcome": "no_answer",
                "minutes": 6,
            }
            for j in range(misses)
        ],
        "status": "open",
        "revisit_at": NOW,
    }


def decide(model, lead: dict) -> dict:
    now = NOW + timedelta(days=2 * len(lead["attempts"]), hours=1)
    (decision,) = plan(model, [lead], now, SETTINGS)
    return decision


def test_a_2000_dollar_imported_contact_gets_several_tries_at_the_cold_start():
    cold = fit([])
    for source in ("web_form", "import"):
        for misses in range(3):
            d = decide(cold, imported(source, misses))
            assert d["action"] == "contact", (source, misses, d["reason"])
            assert "after a pause" not in d["reason"], d["reason"]
    # never a new enquiry: no first answer owed to it, none of the fresh enquiries' band
    first = decide(cold, imported("web_form", 0))
    assert "new enquiry" not in first["reason"] and "owed" not in first["reason"], first
    assert first["p_reply"] > 0.15 and "a first try by call" in first["reason"], first["reason"]


def test_an_imported_contact_is_priced_as_the_history_of_imported_contacts_says():
    """Imported contacts that answer as the web-form leads do are priced as web-form leads are,
    try by try: the curve their source learned is read at the tries it was learned at."""
    web = world({"web_form": TRUE_CURVES["web_form"]}, {"web_form": 400})
    as_imports = [
        {**r, "id": f"imp-{r['id']}", "source": "import", "revisit_at": r["created_at"]}
        for r in web
    ]
    model = fit(as_imports)
    for misses in range(3):
        got = decide(model, imported("import", misses))
        enquiry = {**imported("import", misses), "revisit_at": None}
        same = decide(model, enquiry)
        assert abs(got["p_reply"] - same["p_reply"]) < 0.005, (misses, got, same)
    assert 0.2 < decide(model, imported("import", 0))["p_reply"] < 0.4
