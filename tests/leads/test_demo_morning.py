"""The demo is a believable morning whenever it is loaded: nobody answered before they
asked, no promise is already broken, everyone has their own phone, and the command says
what it loaded."""

import re
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from fairchase.leads.demo import load_demo
from fairchase.leads.models import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    Attempt,
    Commitment,
    Lead,
)

MOMENTS = [
    datetime(2026, 12, 7, 9, 0, tzinfo=UTC),  # Monday 03:00 in Chicago, before anyone is at work
    datetime(2026, 12, 6, 18, 0, tzinfo=UTC),  # Sunday noon in Chicago
    datetime(2026, 12, 4, 23, 40, tzinfo=UTC),  # Friday 17:40 in Chicago, the end of a working day
    datetime(2027, 3, 14, 15, 0, tzinfo=UTC),  # the Sunday clocks change
]


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: m.strftime("%a-%H%M"))
def test_demo_loaded_at_any_moment_looks_like_a_real_morning(db, now):
    load_demo(n_history=150, n_open=80, seed=11, now=now)
    assert not Lead.objects.filter(
        first_response_at__lt=F("created_at")
    ).exists()  # no negative response time
    assert not Attempt.objects.filter(at__lt=F("lead__created_at")).exists()
    assert not Attempt.objects.filter(at__gt=now).exists()
    pending = Commitment.objects.filter(state=Commitment.State.PENDING)
    assert pending.exists() and not pending.filter(due_at__lt=now).exists()
    phones = list(Lead.objects.values_list("phone", flat=True))
    emails = list(Lead.objects.values_list("email", flat=True))
    assert len(set(phones)) == len(phones) == 230 and len(set(emails)) == len(emails)


def test_after_the_demo_command_insights_first_visit_reads_stored_numbers(client, db):
    from fairchase.insights.models import InsightsSnapshot
    from fairchase.insights.scope import Scope
    from fairchase.insights.snapshot import cached

    call_command("demo", "--history", "120", "--open", "60", "--seed", "5", stdout=StringIO())
    assert cached(Scope()) is not None  # the whole business's page is computed already
    assert InsightsSnapshot.objects.count() >= 8  # page and what-if, business and each person


def test_the_demo_command_prints_the_counts_it_holds(db):
    out = StringIO()
    call_command("demo", "--history", "120", "--open", "60", "--seed", "5", stdout=out)
    text = out.getvalue()
    finished, active = (int(n) for n in re.search(r"(\d+) finished and (\d+) open", text).groups())
    assert finished == Lead.objects.filter(status__in=FINISHED_STATUSES).count()
    assert active == Lead.objects.filter(status__in=ACTIVE_STATUSES).count()
    attempts = int(re.search(r"([\d,]+) attempts", text).group(1).replace(",", ""))
    assert attempts == Attempt.objects.count()
    assert "Log in as olivia / fairchase-demo" in text


def test_the_demo_owner_has_one_name_at_login_and_on_every_page(db):
    from django.contrib.auth import get_user_model

    load_demo(n_history=20, n_open=10, seed=2)
    olivia = get_user_model().objects.get(username="olivia")
    assert olivia.get_short_name() == "Olivia" and olivia.profile.is_admin
    assert not get_user_model().objects.filter(username="owner").exists()


def test_the_demos_new_enquiries_say_what_they_need_and_cold_contacts_say_nothing(db):
    load_demo(n_history=40, n_open=40, seed=3)
    fresh = Lead.objects.filter(status__in=ACTIVE_STATUSES, attempt_count=0)
    enquired = fresh.exclude(source__in=["cold_outreach", "purchased_list"])
    assert enquired.count() >= 3  # an eighth of 40 open leads are fresh, some from cold lists
    assert all(len(notes) > 20 for notes in enquired.values_list("notes", flat=True))
    assert not fresh.filter(source__in=["cold_outreach", "purchased_list"]).exclude(notes="")
