import json

import pytest

from fairchase.api.models import ApiToken


@pytest.fixture
def token_for(db):
    """`token_for(user)` -> HTTP headers with a fresh personal token for that user."""

    def make(user):
        _token, secret = ApiToken.issue(user, "tests")
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def api(client, alice, token_for):
    """`api(method, path, body)` -> the response to a JSON request as Alice, with her token."""
    headers = token_for(alice)

    def call(method, path, body):
        return client.generic(
            method,
            "/api" + path,
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    return call
