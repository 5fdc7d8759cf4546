"""No browser or proxy keeps a copy of what a signed-in person was shown (eval32 #7: the
lead pages, Today and the exports had no Cache-Control, so a shared computer's browser could
show a lead's details after logout)."""

from __future__ import annotations

from django.utils.cache import patch_cache_control


def no_store_middleware(get_response):
    """`Cache-Control: no-store, private` on every answer to a signed-in person (a session)
    or an API call (a token), unless the view chose its own (the calendar feed's
    `private, max-age=300`)."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if (signed_in or "HTTP_AUTHORIZATION" in request.META) and not response.has_header(
            "Cache-Control"
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response

    return middleware
