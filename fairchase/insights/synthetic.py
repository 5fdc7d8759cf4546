"""A believable finished history written straight into the database, for tests and benchmarks.

Leads differ by source (referrals answer more than purchased lists), by hidden
interest (which also shows in their qualification signals), and by how fast we
first tried them; replies thin out with each attempt. Rows are bulk-created (not
through `leads.actions`) because 50,000 leads must load in seconds: this is
fixture data, not how the app records work.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fairchase.leads.models import Attempt, Lead, Status

# source: (share, mean interest, median value, win log-odds once answered)
SOURCE_MIX = {
    "referral": (0.15, 0.8, 4000, 0.3),
    "inbound_call": (0.2, 0.5, 2500, 0.0),
    "web_form": (0.35, -0.6, 2000, -0.8),
    "event": (0.1, -0.3, 3000, -0.6),
    "cold_outreach": (0.1, -1.2, 5000, -1.2),
    "purchased_list": (0.1, -1.6, 1500, -1.5),
}
SIGNAL_LINKS = {  # name: (base log-odds, slope on interest)
    "asked_price": (-1.4, 0.9),
    "asked_details": (-1.1, 0.7),
    "stated_need": (-1.5, 0.8),
    "initiated_contact": (-1.0, 0.6),
    "vague": (-1.8, -0.8),
    "no_specific_interest": (-2.2, -0.9),
    "short_conversation": (-1.9, -0.5),
}
MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0}


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _lead(rng: random.Random, now, days: int):
    names, weights = zip(*((s, v[0]) for s, v in SOURCE_MIX.items()), strict=True)
    source = rng.choices(names, weights)[0]
    _, interest, median, win = SOURCE_MIX[source]
    z = rng.gauss(interest, 1.0)
    created = now - timedelta(days=rng.uniform(20, days), minutes=rng.uniform(0, 600))
    signals = [s for s, (a, b) in SIGNAL_LINKS.items() if rng.random() < _sigmoid(a + b * z)]
    consents = ["mailing_list"] if rng.random() < 0.4 else []
    value = round(median * math.exp(rng.gauss(0, 0.7)), -1)
    return source, z, created, signals, consents, value, win


def _chase(rng: random.Random, z: float, created, signals, consents, value, win):
    """One finished lead's tries, unsaved: (attempts, status, won value)."""
    delay = timedelta(minutes=math.exp(rng.gauss(math.log(90), 1.6)))
    budget = rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8, 10))  # how persistent this salesperson was
    t, attempts = created + delay, []
    slow = math.log1p(delay.total_seconds() / 3600) * 0.25  # replies fall with speed to lead
    for k in range(budget):
        channel = "call" if k % 3 != 1 else ("text" if rng.random() < 0.3 else "email")
        if rng.random() < 0.004 * (k + 1):
            attempts.append(Attempt(at=t, channel=channel, outcome="opted_out", minutes=1.0))
            return attempts, Status.OPTED_OUT, None
        if rng.random() < _sigmoid(-0.6 + z - 0.35 * k - slow):
            attempts.append(
                Attempt(
                    at=t,
                    channel=channel,
                    outcome="talked" if channel == "call" else "replied",
                    minutes=MINUTES[channel] * 2,
                    progress=True,
                )
            )
            won = rng.random() < _sigmoid(
                win + 0.6 * z + 0.3 * len([s for s in signals if s.startswith("asked")])
            )
            return (
                attempts,
                Status.WON if won else Status.LOST,
                Decimal(str(value)) if won else None,
            )
        outcome = "left_message" if channel == "call" and rng.random() < 0.5 else "no_answer"
        attempts.append(Attempt(at=t, channel=channel, outcome=outcome, minutes=MINUTES[channel]))
        t += timedelta(days=rng.choice((1, 2, 2, 3, 7, 14)), hours=rng.uniform(-2, 2))
    status = (
        Status.NURTURE
        if consents and rng.random() < 0.6
        else rng.choice((Status.CLOSED, Status.CLOSED, Status.LOST, Status.REVISIT))
    )
    return attempts, status, None


def history_rows(
    n: int, owners: list, seed: int = 7, now=None, days: int = 365, active_share: float = 0.0
):
    """(lead, attempts) pairs, unsaved: `n` leads spread over `owners` and the last `days` days."""
    rng = random.Random(seed)
    now = now or timezone.now()
    out = []
    for i in range(n):
        source, z, created, signals, consents, value, win = _lead(rng, now, days)
        attempts, status, won_value = _chase(rng, z, created, signals, consents, value, win)
        if rng.random() < active_share:
            status, won_value = rng.choice((Status.OPEN, Status.ENGAGED)), None
        lead = Lead(
            name=f"Lead {seed}-{i}",
            email=f"lead{seed}x{i}@example.com",
            phone=f"+1212{seed % 10}{i:06d}"[:12],
            source=source,
            value=Decimal(str(value)),
            owner=owners[i % len(owners)],
            status=status,
            signals=signals,
            consents=consents,
            created_at=created,
            won_value=won_value,
            attempt_count=len(attempts),
            last_attempt_at=attempts[-1].at if attempts else None,
            first_response_at=attempts[0].at if attempts else None,
        )
        out.append((lead, attempts))
    return out


def write_history(
    n: int,
    owners: list,
    seed: int = 7,
    now=None,
    days: int = 365,
    active_share: float = 0.0,
    batch: int = 2000,
) -> int:
    """Bulk-create `n` leads with their attempts; returns how many attempts were written."""
    rows = history_rows(n, owners, seed=seed, now=now, days=days, active_share=active_share)
    written = 0
    for i in range(0, len(rows), batch):
        chunk = rows[i : i + batch]
        with transaction.atomic():
            leads = Lead.objects.bulk_create([lead for lead, _ in chunk])
            attempts = []
            for lead, (_, tries) in zip(leads, chunk, strict=True):
                for a in tries:
                    a.lead_id = lead.pk
                    attempts.append(a)
            Attempt.objects.bulk_create(attempts, batch_size=5000)
            written += len(attempts)
    return written


# What contractors typically pay per lead (lead-marketplace prices; referrals and walk-ins are free).
DEMO_LEAD_COSTS = {
    "web_form": 35,
    "purchased_list": 8,
    "event": 20,
    "cold_outreach": 5,
    "inbound_call": 15,
}


def seed_demo_costs() -> int:
    """Give the demo business believable per-source lead costs (only where none is set yet)."""
    from .models import SourceCost

    made = 0
    for source, cost in DEMO_LEAD_COSTS.items():
        made += SourceCost.objects.get_or_create(source=source, defaults={"cost_per_lead": cost})[1]
    return made
