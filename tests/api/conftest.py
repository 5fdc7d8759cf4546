import pytest

from fairchase.api.models import ApiToken


@pytest.fixture
def token_for(db):
    """`token_for(user)` -> HTTP headers with a fresh personal token for that user."""

    def make(user):
        _token, secret = ApiToken.issue(user, "tests")
        return {"Authorization": f"Bearer {secret}"}

    return make
