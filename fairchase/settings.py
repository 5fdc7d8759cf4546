"""Django settings, read from the environment (see README "Configuration").

SQLite in the working directory by default; DATABASE_URL switches to PostgreSQL.
"""

import math
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """The variable's value; set but empty (as systemd EnvironmentFiles and compose files
    often leave it) counts as unset, so the default applies."""
    return os.environ.get(name, "") or default


ON, OFF = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
SPELLINGS = ", ".join(f"{on}/{off}" for on, off in zip(ON, OFF, strict=True))  # 1/0, ..., on/off


def envbool(name: str, default: bool = False) -> bool:
    """ON or OFF (1/0, true/false, yes/no, on/off); anything else is refused, naming the variable,
    rather than read as off (DEBUG=maybe, HTTPS=ture)."""
    value = env(name).strip().lower()
    if not value:
        return default
    if value in ON + OFF:
        return value in ON
    raise ImproperlyConfigured(f"{name} must be on or off ({SPELLINGS}), got {os.environ[name]!r}")


def envint(name: str, default: int) -> int:
    """A whole number, or one line naming the variable (not int()'s traceback)."""
    value = env(name).strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from None


def envfloat(name: str, default: float, low: float = -math.inf, high: float = math.inf) -> float:
    """A finite number (2, 0.5) from `low` to `high`, or one line naming the variable (a
    value the worker cannot use, a zero refit period or a negative idle, is refused too)."""
    value = env(name).strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ImproperlyConfigured(f"{name} must be a number like 2 or 0.5, got {value!r}")
    if not low <= number <= high:
        raise ImproperlyConfigured(f"{name} must be from {low:g} to {high:g}, got {value!r}")
    return number


def database(url: str) -> dict:
    """DATABASE_URL read by dj_database_url; a value it cannot read is said in one line
    that never repeats the value (it may hold a password)."""
    try:
        return dj_database_url.parse(url, conn_max_age=60)
    except dj_database_url.UnknownSchemeError:
        scheme = url.split("://", 1)[0] if "://" in url else ""
        why = f"unknown scheme {scheme!r}" if scheme else "it has no scheme"
    except ValueError:
        why = "cannot read it (is the port a number?)"
    raise ImproperlyConfigured(
        "DATABASE_URL must look like postgres://user:password@host:5432/name "
        f"(or be unset for SQLite in DATA_DIR): {why}"
    )


def envlist(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in env(name, default).split(",") if v.strip()]


def stored_secret_key(path: Path) -> str:
    """The key kept in the data directory, made on first run (readable by its owner only).
    Written under a temporary name and linked into place, so two processes starting at
    once agree on one key and nobody reads a half-written file."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(50) + "\n")
    try:
        os.link(tmp, path)  # fails if another process got there first: theirs wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()


DEBUG = envbool("DEBUG", False)
# Where Fairchase keeps what it makes for itself: the SQLite database (by default) and the
# secret key generated on first run. No secret lives in the code.
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR)))
SECRET_KEY_FROM_ENV = bool(env("DJANGO_SECRET_KEY") or env("SECRET_KEY"))  # backup says where
SECRET_KEY = (
    env("DJANGO_SECRET_KEY") or env("SECRET_KEY") or stored_secret_key(DATA_DIR / ".secret_key")
)
# Former keys, comma-separated, still accepted for what they signed (unsubscribe links,
# sessions) while new things are signed with SECRET_KEY: README "Production", rotating the key.
SECRET_KEY_FALLBACKS = envlist("DJANGO_SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_URL_SET = bool(env("SITE_URL"))  # else `serve` points links at the address it serves

# HTTPS (README "Production"): HTTPS=1 turns on secure cookies, HSTS and the redirect to
# https; each can be set on its own. Behind a TLS-terminating proxy that sets
# X-Forwarded-Proto, also set SECURE_PROXY_SSL_HEADER=1.
HTTPS = envbool("HTTPS", False)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", HTTPS)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("SECURE_PROXY_SSL_HEADER") else None
)
SECURE_REFERRER_POLICY = "same-origin"
# The addresses of reverse proxies (IPs or networks, e.g. 127.0.0.1,10.0.0.0/8) whose
# X-Forwarded-For is believed: the client is the last address in it that is not a proxy.
# Empty: X-Forwarded-For is ignored and the caller is REMOTE_ADDR.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES")

# Content-Security-Policy on every response: scripts and styles only from our own static
# files (no inline script, no eval), nothing framed, no plugins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' Swagger UI from its own static files (no CDN)
    "fairchase.leads",
    "fairchase.web",
    "fairchase.outreach",
    "fairchase.intake",
    "fairchase.api",
    "fairchase.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fairchase.web.middleware.MalformedInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fairchase.web.no_store.no_store_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "fairchase.urls"
WSGI_APPLICATION = "fairchase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

SQLITE_PATH = env("SQLITE_PATH")  # commands printed for a person name it when set
_sqlite_path = SQLITE_PATH or str(DATA_DIR / "fairchase.sqlite3")
DATABASES = {"default": database(env("DATABASE_URL", f"sqlite:///{_sqlite_path}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN,
    # so concurrent writers queue (up to `timeout`) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_PATH", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"
# Capture forms: submissions per person and per form (the HTML form and its JSON webhook
# alike), the HTML form's also per sender address (a relay posts everyone to the webhook
# from one address), in each window.
CAPTURE_RATE_LIMIT = envint("CAPTURE_RATE_LIMIT", 10)
CAPTURE_WEBHOOK_RATE_LIMIT = envint("CAPTURE_WEBHOOK_RATE_LIMIT", 500)
CAPTURE_RATE_WINDOW_SECONDS = envint("CAPTURE_RATE_WINDOW_SECONDS", 600)
# Failed logins allowed per account from one address, per address (for any accounts) and
# per account (from every address) in LOGIN_WINDOW_SECONDS before refusing: /login/ and
# /admin/login/ alike (web/throttle.py).
LOGIN_MAX_FAILURES = envint("LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = envint("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
LOGIN_MAX_FAILURES_PER_ACCOUNT = envint("LOGIN_MAX_FAILURES_PER_ACCOUNT", 50)
LOGIN_WINDOW_SECONDS = envint("LOGIN_WINDOW_SECONDS", 900)
# The largest CSV/Excel file the import page takes; any workbook, uploaded or given to
# `fairchase import`, may unzip to twice it (intake/workbook.py).
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 100 * 2**20)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
try:  # `collectstatic` fills it; until then WhiteNoise serves from the apps (and must not warn)
    STATIC_ROOT.mkdir(exist_ok=True)
except OSError:
    pass
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Email (Django 6.1 MAILERS): SMTP from the environment by default; any django-anymail
# provider by setting EMAIL_BACKEND (e.g. anymail.backends.postmark.EmailBackend) and ANYMAIL_*.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_email_backend = env("EMAIL_BACKEND", SMTP_BACKEND)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": {
            "host": env("EMAIL_HOST", "localhost"),
            "port": envint("EMAIL_PORT", 25),
            "username": env("EMAIL_HOST_USER"),
            "password": env("EMAIL_HOST_PASSWORD"),
            "use_tls": envbool("EMAIL_USE_TLS"),
            "use_ssl": envbool("EMAIL_USE_SSL"),
            "timeout": envint("EMAIL_TIMEOUT", 30),
        }
        if _email_backend == SMTP_BACKEND
        else {},
    }
}
# False until a mail server is named: a failed send then says how to set one up.
EMAIL_CONFIGURED = bool(env("EMAIL_HOST")) or _email_backend != SMTP_BACKEND
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Fairchase <sales@localhost>")
# The mailbox a List-Unsubscribe "mailto:" names; unset, IMAP_USER's (which the worker reads),
# else DEFAULT_FROM_EMAIL's address.
UNSUBSCRIBE_MAILTO = env("UNSUBSCRIBE_MAILTO")
# How long an unsubscribe link in a message keeps working, in days.
OPT_OUT_TOKEN_DAYS = envint("OPT_OUT_TOKEN_DAYS", 400)
ANYMAIL = {k[len("ANYMAIL_") :]: v for k, v in os.environ.items() if k.startswith("ANYMAIL_")}

# Reply and bounce mailbox (IMAP), read by the worker.
IMAP_HOST = env("IMAP_HOST")
IMAP_PORT = envint("IMAP_PORT", 993)
IMAP_SSL = envbool("IMAP_SSL", True)
IMAP_USER = env("IMAP_USER")
IMAP_PASSWORD = env("IMAP_PASSWORD")
IMAP_FOLDER = env("IMAP_FOLDER", "INBOX")

# Texts through a Twilio-compatible Messages API.
SMS_API_URL = env("SMS_API_URL")
SMS_ACCOUNT_SID = env("SMS_ACCOUNT_SID")
SMS_AUTH_TOKEN = env("SMS_AUTH_TOKEN")
SMS_FROM = env("SMS_FROM")

# Where SQLite's per-lead send locks live (outreach/locks.py): by default beside its file.
OUTREACH_LOCK_DIR = env("OUTREACH_LOCK_DIR")
# The country of phone numbers written without +country, over Settings' (leads/home.py).
PHONE_REGION = env("PHONE_REGION").strip().upper()
# The server's own zone, which Settings suggests: read here, before Django sets TZ to TIME_ZONE.
SERVER_TZ = env("TZ").lstrip(":")

# The worker loop.
WORKER_IDLE_SECONDS = envfloat("WORKER_IDLE_SECONDS", 2, low=0.1, high=60)
REFIT_EVERY_HOURS = envfloat("REFIT_EVERY_HOURS", 24, low=1, high=8760)  # hourly to yearly

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "one_line": {"()": "fairchase.logs.OneLine", "format": "%(levelname)s %(message)s"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "formatter": "one_line"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "fairchase": {"level": env("LOG_LEVEL", "INFO"), "propagate": True},
        # a request naming a Host not in ALLOWED_HOSTS (a phone on the LAN, a scanner): one
        # line saying which, not a traceback per request
        "django.security.DisallowedHost": {"handlers": ["one_line"], "propagate": False},
    },
}

# Insights views with more leads than this are computed by the worker only (insights/snapshot.py).
INSIGHTS_INLINE_LEADS = envint("INSIGHTS_INLINE_LEADS", 200)
# Excel exports of more rows than this are built in the background (intake/export_jobs.py).
EXPORT_INLINE_ROWS = envint("EXPORT_INLINE_ROWS", 5000)
