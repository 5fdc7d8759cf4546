"""The README's move from SQLite to PostgreSQL is `dumpdata --natural-foreign` (no
`--natural-primary`: that left out the users' ids, and `loaddata` numbered them afresh)
then `loaddata`. Loading failed outright for a book whose user ids had a gap (a user
deleted): saving each loaded user made it a profile under a new id, and the dump's own
profile of that user then broke the one-profile-per-user rule. Now a user `loaddata` saves
gets no profile of its own making, and every user keeps its id."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from fairchase.leads.models import Lead, Profile


# flush empties every table: outside a test transaction (PostgreSQL refuses TRUNCATE with the
# transaction's deferred constraint checks pending)
@pytest.mark.django_db(transaction=True)
def test_a_book_whose_users_have_a_gap_loads_with_every_id(alice, bob, make_lead, tmp_path):
    cyd = User.objects.create_user("cyd")
    bob.delete()
    lead = make_lead(cyd, name="Lu Lead")
    dump = tmp_path / "fairchase.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "-e",
        "contenttypes",
        "-e",
        "auth.permission",
        "-e",
        "sessions",
        "-o",
        str(dump),
        verbosity=0,
    )
    users = dict(User.objects.values_list("username", "pk"))
    profiles = dict(Profile.objects.values_list("user__username", "pk"))
    call_command("flush", "--no-input", verbosity=0)  # the empty database the dump goes into
    assert not Profile.objects.exists() and not Lead.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)
    assert dict(User.objects.values_list("username", "pk")) == users
    assert dict(Profile.objects.values_list("user__username", "pk")) == profiles
    assert Lead.objects.get(pk=lead.pk).owner_id == users["cyd"]
