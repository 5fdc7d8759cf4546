"""Set up Django on a throw-away SQLite file database for a benchmark process."""

import os
import tempfile


def setup_temp_db(prefix: str = "fairchase-bench-") -> str:
    """Point Django at a fresh SQLite file (or DATABASE_URL if set), migrate, return the path."""
    path = os.path.join(tempfile.mkdtemp(prefix=prefix), "bench.sqlite3")
    os.environ.setdefault("SQLITE_PATH", path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairchase.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return os.environ["SQLITE_PATH"]


def smtp_sink_env(d: str, port: int) -> dict[str, str]:
    """The settings under which the app sends through a local SMTP sink on 127.0.0.1:`port`
    and reads no mailbox, its outbox locks in the directory `d` (the sending benches)."""
    return {
        "DJANGO_SETTINGS_MODULE": "fairchase.settings",
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "DEFAULT_FROM_EMAIL": "Bench <sales@bench.test>",
        "IMAP_HOST": "",
        "OUTREACH_LOCK_DIR": d,
    }
