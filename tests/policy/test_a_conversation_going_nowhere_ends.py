"""An engaged lead's win chance keeps falling with every contact without progress, past the
longest streak the model learns (seed 002: contacts without progress mean it is time to move
on). Before, it stopped falling after 5 (lookahead.engaged_value capped the streak), so a
$10,000 lead was still called after 29 fruitless conversations, "1.6% chance of a win after
29 contacts without progress", a figure the model never computed for 29 (eval26 finding 9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

NOW = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)


def talked(n: int, value: float) -> dict:
    """A referral that answered, then talked `n` times without progress, 2 days apart."""
    start = NOW - timedelta(days=2 * n + 3)
    attempts = [{"at": start, "channel": "call", "outcome": "talked", "minutes": 10}]
    attempts += [
        {
            "at": start + timedelta(days=2 * (i + 1)),
            "channel": "call",
            "outcome": "talked",
            "minutes": 10,
            "progress": False,
        }
        for i in range(n)
    ]
    return {
        "id": f"t{n}",
        "source": "referral",
        "value": value,
        "created_at": start,
        "timezone": "UTC",
        "attempts": attempts,
        "status": "engaged",
        "signals": [],
        "consents": [],
    }


STREAKS = [3, 5, 6, 7, 11, 19, 29]


def test_the_chance_keeps_falling_with_the_streak():
    chances = [plan(None, [talked(n, 10000.0)], NOW)[0]["p_reply"] for n in STREAKS]
    assert all(a > b for a, b in zip(chances, chances[1:], strict=False)), chances


def test_a_conversation_going_nowhere_ends_whatever_the_value():
    for value in (3000.0, 10000.0, 50000.0):
        actions = [plan(None, [talked(n, value)], NOW)[0]["action"] for n in STREAKS]
        assert actions[-1] == "stop", (value, actions)
        first = actions.index("stop")
        assert set(actions[first:]) == {"stop"}, (value, actions)
