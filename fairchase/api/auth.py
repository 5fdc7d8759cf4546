"""Bearer authentication with personal API tokens."""

from __future__ import annotations

from ninja.security import HttpBearer

from .models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fc_...`: the request acts as the token's user."""

    def authenticate(self, request, token: str):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user
