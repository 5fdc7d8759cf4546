"""WSGI entry point (gunicorn fairchase.wsgi)."""

import io
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairchase.settings")
django_application = get_wsgi_application()


def with_chunked_bodies(app, limit: int):
    """A chunked request (no Content-Length: Python `requests` with a generator, `curl -T -`,
    Node's streams) read whole: Django reads CONTENT_LENGTH bytes only, so its body was
    empty and a valid lead was refused as missing. The server de-chunks it
    (`wsgi.input_terminated`); at most `limit` + 1 bytes are read, so a body over the
    limit still meets Django's own 413."""

    def application(environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            body = environ["wsgi.input"].read(limit + 1)
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
        return app(environ, start_response)

    return application


def _limit() -> int:
    from django.conf import settings

    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440


application = with_chunked_bodies(django_application, _limit())
