"""CareerPath settings: one module, every value read from the environment.

Each variable has a default that serves the embedded run (SQLite, Celery in eager mode, a locally
generated secret key). A malformed value, or an unsafe production setting, stops the process with
``ImproperlyConfigured`` instead of being silently ignored.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from careerpath.api.description import API_DESCRIPTION

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

# --- Secret key -----------------------------------------------------------------------------
# A deployment (DEBUG off) must bring its own key. The embedded run generates one on first use
# into a git-ignored file readable only by its owner, so no key ever ships in the code.
_SECRET_KEY_FILE = BASE_DIR / ".secret_key"
_MIN_SECRET_KEY_LENGTH = 32


def embedded_secret_key(path: Path) -> str:
    """The key stored at ``path``, generated there (mode 0600) on first use."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = embedded_secret_key(_SECRET_KEY_FILE)
elif not DEBUG and (
    len(SECRET_KEY) < _MIN_SECRET_KEY_LENGTH or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for DEBUG off: use at least {_MIN_SECRET_KEY_LENGTH} random "
        "characters."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "skills",
    "roles",
    "candidates",
    "jobs",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "careerpath.privacy.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page or JSON error.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpath.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careerpath.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "careerpath.wsgi.application"

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL (postgres://user@host:5432/name) selects PostgreSQL; unset, a SQLite file in the
# project folder serves the embedded run.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication (issue 9) ----------------------------------------------------------------
# Passwords: Argon2id first; the others stay listed only so that older hashes still verify (and
# are upgraded to Argon2 at the next sign-in). The validators apply wherever a password is
# chosen through Django (admin, `createsuperuser`, `changepassword`).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 12, minimum=8)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused — even with the right password — until AXES_COOLOFF_MINUTES
# after the last failure. It guards every caller of `authenticate()`: the sign-in page, the
# admin's and the API's token endpoint. The answer is `careerpath.lockout.lockout_response`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its start-up banner would print in every command and test process
AXES_LOCKOUT_CALLABLE = "careerpath.lockout.lockout_response"
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, REMOTE_ADDR is
# the client). Both the lockout and the API throttles read the client's address through it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "careerpath.lockout.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files people upload or jobs produce (imports, exports) are private: nothing serves MEDIA_ROOT
# (there is no MEDIA_URL route); they are downloaded only through access-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Job files (``jobs.models.private_storage``); under MEDIA_ROOT, never given a public URL.
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Request bodies above this size are refused (the API answers a JSON 413).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 1_048_576, minimum=1024)

# --- Headers and cookies (issue 9) -----------------------------------------------------------
# Sent on every response, in development too, so the tests and the browser see what production
# sends. HTTPS-only settings (secure cookies, HSTS, the redirect) follow DEBUG: on by default
# for a deployment, each one switchable for a plain-HTTP local run (docker-compose.yml).
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Pages read the CSRF token from the form, never from the cookie, so scripts need not see it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): nothing inline — no <script> blocks, no style=""
# attributes, no <style> blocks — and nothing from another host. Scripts set styles through
# the CSSOM (element.style.x = ...), which the policy allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Bulk imports of candidates (``candidates.imports``): the largest file and the most rows.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1_048_576, minimum=1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000, minimum=1)

# The admin's history pages are read-only (careerpath.admin_history): no "Revert" button.
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Cache ----------------------------------------------------------------------------------
# API throttle counters live in the cache. In-process memory serves one process; a deployment
# with several workers points CACHE_URL at Redis so every process counts the same requests.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, got {CACHE_URL!r}")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery ---------------------------------------------------------------------------------
# What survives which fault (README, "Operator notes"): a task is acknowledged only after it ran
# (acks_late); a pool child killed mid-task puts its message back (reject_on_worker_lost); a
# whole worker killed leaves its unacknowledged messages in Redis, redelivered once the
# visibility timeout has passed; a broker that is down, or restarted empty, loses queued
# messages, and the periodic reconciler (beat) re-enqueues every stale or missing score.
REDIS_URL = env_str("REDIS_URL")
_CONFIGURED_BROKER = env_str("CELERY_BROKER_URL", REDIS_URL)
# No broker configured: run tasks in-process so the embedded run needs no Redis (the in-memory
# transport is named only so that kombu does not warn about a missing host).
CELERY_TASK_ALWAYS_EAGER = not _CONFIGURED_BROKER
CELERY_BROKER_URL = _CONFIGURED_BROKER or "memory://localhost/"
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL) or None
# Tasks record their work in the database; nobody waits on a result. Storing none also keeps the
# web process off the result backend, whose reconnect loop made a POST hang ~20 s when Redis
# was down.
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = env_int("CELERY_RESULT_EXPIRES_SECONDS", 3600, minimum=60)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery") or "celery"

CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message reserved per pool process: a killed worker strands as few as possible.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task still running when the broker connection drops cannot be acknowledged any more; cancel
# it so its redelivered copy is the only one that runs (tasks are idempotent either way).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int(
    "CELERY_TASK_SOFT_TIME_LIMIT", max(1, CELERY_TASK_TIME_LIMIT - 60), minimum=1
)
if CELERY_TASK_SOFT_TIME_LIMIT > CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT must not exceed CELERY_TASK_TIME_LIMIT "
        f"({CELERY_TASK_SOFT_TIME_LIMIT} > {CELERY_TASK_TIME_LIMIT})."
    )
# Redis hands an unacknowledged message to another worker after this many seconds. It must
# outlast the longest task, or a task still running would be delivered (and run) twice.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 600, minimum=2)
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT "
        f"({CELERY_VISIBILITY_TIMEOUT} <= {CELERY_TASK_TIME_LIMIT}): a running task would be "
        "redelivered to another worker."
    )
# Short socket timeouts so that a dead or unreachable broker fails a publish fast (the web
# request then carries on; see careerpath.task_queue) instead of hanging.
CELERY_BROKER_CONNECT_TIMEOUT = env_int("CELERY_BROKER_CONNECT_TIMEOUT", 1, minimum=1)
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_BROKER_CONNECT_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for abandoned messages about ten times per visibility timeout (at most once a
    # minute), so a message of a killed worker comes back soon after the timeout passes.
    "unacked_restore_interval": max(1, min(60, CELERY_VISIBILITY_TIMEOUT // 10)),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": CELERY_BROKER_CONNECT_TIMEOUT,
    "socket_timeout": env_int("CELERY_BROKER_SOCKET_TIMEOUT", 1, minimum=1),
}
# One quick retry (a pooled connection gone stale after a Redis restart), then give up: the
# caller logs a warning and the reconciler enqueues the work later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# The worker itself keeps trying to reach the broker for as long as it takes.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None

# Celery beat: the reconciler re-enqueues stale or missing stored scores (messages lost with a
# broker outage or a Redis restarted empty).
SCORE_RECONCILE_SECONDS = env_int("SCORE_RECONCILE_SECONDS", 300, minimum=5)
CELERY_BEAT_SCHEDULE = {
    "reconcile-scores": {
        "task": "candidates.reconcile_scores",
        "schedule": float(SCORE_RECONCILE_SECONDS),
        # A reconcile not started within one interval is superseded by the next one.
        "options": {"expires": float(SCORE_RECONCILE_SECONDS)},
    },
}

# Data protection: candidates inactive for this many months are erased by a daily beat task
# (``candidates.purge_inactive_candidates``; see candidates.personal_data.inactive_candidates).
# 0 (the default) turns retention off. At a fixed time of day rather than every 24 hours: beat's
# interval clock starts again whenever beat restarts, so a beat restarted daily would never run it.
CANDIDATE_RETENTION_MONTHS = env_int("CANDIDATE_RETENTION_MONTHS", 0)
if CANDIDATE_RETENTION_MONTHS:
    CELERY_BEAT_SCHEDULE["purge-inactive-candidates"] = {
        "task": "candidates.purge_inactive_candidates",
        "schedule": crontab(hour=3, minute=17),
        "options": {"expires": 6 * 60 * 60.0},
    }

# Test hook, never set in a deployment: each scoring task sleeps this many milliseconds first,
# so the chaos test (tests/careerpath/test_worker_chaos.py) can kill a worker mid-task.
CAREERPATH_TASK_DELAY_MS = env_int("CAREERPATH_TASK_DELAY_MS", 0)

# --- REST framework -------------------------------------------------------------------------
# Throttle rates as DRF reads them ("<number>/<second|minute|hour|day>"); a malformed one would
# only fail on the first request, so it is checked here.
_RATE_PATTERN = re.compile(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)")


def env_rate(name: str, default: str) -> str:
    value = env_str(name, default)
    if not _RATE_PATTERN.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 60/minute (per second, minute, hour or day), "
            f"got {value!r}"
        )
    return value


API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: DRF takes the WWW-Authenticate header from the first class, and only
        # with one does it answer an anonymous request 401 (SessionAuthentication has none: 403).
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "careerpath.api.pagination.ApiPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 50, minimum=1),
    # JSON only, in and out; the parser guards size, depth, NaN, NUL (see careerpath.api.parser).
    "DEFAULT_PARSER_CLASSES": ["careerpath.api.parser.SafeJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["careerpath.api.parser.SafeJSONRenderer"],
    "EXCEPTION_HANDLER": "careerpath.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "careerpath.api.schema.CareerPathAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
        "user": env_rate("API_THROTTLE_USER", "2000/minute"),
        # POST /api/v1/auth/token/ (a password guess each): per address, besides the lockout.
        "auth-token": env_rate("API_THROTTLE_TOKEN", "10/minute"),
        # "This email is already taken" answers to one user (candidates.email_reveals).
        "candidate-email": env_rate("API_THROTTLE_CANDIDATE_EMAIL", "10/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Anonymous throttles count per client address, found as for the lockout.
    # 0 (not DRF's default None, which trusts any X-Forwarded-For a client sends) without a proxy.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "CareerPath API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "careerpath.api.schema.tighten_schema",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReasonCodeEnum": "candidates.api.serializers.REASON_CODES",
        "RequirementChangeEnum": "candidates.api.serializers.REQUIREMENT_CHANGES",
        "FitStatusEnum": "candidates.scoring.FIT_STATUSES",
    },
}


def env_log_level(name: str, default: str) -> str | int:
    """A logging level by name (``INFO``) or number (``20``). Numbers matter: a Celery worker
    started in-process exports ``CELERY_LOG_LEVEL`` as one (``40``), which every process it
    starts inherits. Anything else stops the process naming the variable."""
    value = env_str(name, default).strip()
    if value.isdigit():
        return int(value)
    if value.upper() not in logging.getLevelNamesMapping():
        raise ImproperlyConfigured(f"{name} must be a logging level such as INFO, got {value!r}")
    return value.upper()


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_log_level("LOG_LEVEL", "INFO")},
    # Eager tasks would otherwise log every run at INFO.
    "loggers": {
        "celery": {"level": env_log_level("CELERY_LOG_LEVEL", "WARNING")},
        # Django's own handler would print each 4xx/5xx line a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
