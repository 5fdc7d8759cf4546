"""Property-based tests of the whole API from its own OpenAPI schema (schemathesis):
no answer is a 5xx, every status code is documented, every body matches its schema."""

import json
from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from fairchase.leads import actions

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


from fairchase.api.api import api  # noqa: E402 (pytest-django has set Django up)
from fairchase.wsgi import application  # noqa: E402

# The schema as /api/openapi.json serves it (to a logged-in user or a token, which needs the
# database collection has not got), called through the app itself, as a client would.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # As Django's test Client does: the WSGI handler must not close the test's connection.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def alices_book(alice, bob, make_lead, token_for):
    """A few real objects (ids 1.. exist, so generated ids sometimes hit them) and a token."""
    ann = make_lead(alice, name="Ann Lee")
    actions.add_commitment(
        ann, by="us", what="Call back", due_at=timezone.now() + timedelta(days=1)
    )
    make_lead(alice, name="Cy Engaged")
    make_lead(bob, name="Bob's lead")
    return token_for(alice)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_and_matches_its_schema(case, alices_book):
    case.call_and_validate(headers=alices_book, checks=CHECKS)


def _alices(alice):
    """What Bob must never read or change: Alice's leads and commitments as they stand."""
    from fairchase.leads.models import Commitment, Lead

    leads = list(
        Lead.objects.filter(owner=alice)
        .order_by("pk")
        .values_list("pk", "name", "status", "attempt_count", "notes", "company", "source")
    )
    commitments = list(
        Commitment.objects.filter(lead__owner=alice)
        .order_by("pk")
        .values_list("pk", "state", "what")
    )
    return leads, commitments


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_second_user_never_reads_or_changes_the_first_users_objects(
    case, alices_book, alice, bob, token_for
):
    """Schemathesis as Bob, with every id in the path pointing at Alice's lead or commitment
    (generated bodies and queries otherwise): no server error, nothing of Alice's in any
    answer, and nothing of Alice's changed."""
    from fairchase.leads.models import Commitment, Lead

    before = _alices(alice)
    lead = Lead.objects.filter(owner=alice).order_by("pk").first()
    for name in list(case.path_parameters or {}):
        if "commitment" in name:
            case.path_parameters[name] = Commitment.objects.filter(lead=lead).first().pk
        elif "lead" in name:
            case.path_parameters[name] = lead.pk
    response = case.call(headers=token_for(bob))
    case.validate_response(response, checks=CHECKS)
    text = response.text
    assert not any(marker in text for marker in ("Ann Lee", "Cy Engaged", "Call back")), (
        case.path,
        text[:300],
    )
    if case.path_parameters:
        assert not 200 <= response.status_code < 300, (
            case.method,
            case.formatted_path,
            response.status_code,
        )
    assert _alices(alice) == before
