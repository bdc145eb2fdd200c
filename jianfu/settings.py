"""Django settings for Jianfu, read from environment variables.

Every knob an operator may turn is a ``JIANFU_*`` variable (see docs/configuration.md); nothing
here needs editing for a deployment. The demo (``jianfu demo``) sets ``JIANFU_DEMO=1``, which
allows a generated secret key kept in the data directory and the demo accounts' shared password.
"""

from __future__ import annotations

import datetime as _dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("JIANFU_DEBUG")
TESTING = env_bool("JIANFU_TESTING")
DATA_DIR = Path(os.environ.get("JIANFU_DATA_DIR") or REPO_DIR / "var").resolve()
# `jianfu demo` marks its data directory, so that later commands on the same data (`jianfu token`,
# `jianfu manage …`) run in demo mode too. A production secret key always wins over the marker.
DEMO_MARKER = DATA_DIR / "DEMO"
DEMO_MODE = env_bool("JIANFU_DEMO") or (not os.environ.get("JIANFU_SECRET_KEY") and DEMO_MARKER.exists())


def _secret_key() -> str:
    key = os.environ.get("JIANFU_SECRET_KEY", "")
    if key:
        return key
    if not (DEMO_MODE or DEBUG or TESTING):
        raise ImproperlyConfigured("JIANFU_SECRET_KEY must be set in production (a random string of 50+ characters).")
    # Demo/development: a key generated once and kept in the data directory, so sessions
    # survive restarts but no key is ever committed.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Fernet keys for residents' personal data at rest (core/crypto.py); the first encrypts, all
# decrypt (rotation, docs/security.md). Required in production (checked below, secB block); the
# demo and the tests derive one from SECRET_KEY.
FIELD_KEYS = env_list("JIANFU_FIELD_KEY", "")
ALLOWED_HOSTS = env_list("JIANFU_ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEMO_MODE or DEBUG) else "")
if TESTING:
    ALLOWED_HOSTS += ["testserver", "127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("JIANFU_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "jianfu.core",
    "jianfu.orgs",
    "jianfu.notify",
    "jianfu.catalog",
    "jianfu.matching",
    "jianfu.admission",
    "jianfu.dispatch",
    "jianfu.burden",
    "jianfu.supervision",
    "jianfu.drafts",
    "jianfu.events",
    "jianfu.formsreg",
    "jianfu.certs",
    "jianfu.assess",
    "jianfu.projects",
    "jianfu.campaigns",
    "jianfu.api",
]
if TESTING:
    INSTALLED_APPS.append("jianfu.core.tests.workflow_app")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jianfu.core.middleware.SecurityHeadersMiddleware",  # secB: CSP, Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jianfu.core.middleware.RequestIdMiddleware",
    "jianfu.core.middleware.AccessLogMiddleware",  # access log and /metrics counts (docs/operations.md)
    "jianfu.core.middleware.TextBoundaryMiddleware",  # secB: body cap (413), NUL/controls/surrogates
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jianfu.orgs.middleware.ActiveUserMiddleware",
    "jianfu.core.middleware.ExportAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jianfu.urls"
WSGI_APPLICATION = "jianfu.wsgi.application"

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
                "jianfu.core.context_processors.jianfu",
            ],
            # {% translate %} / {% blocktranslate %} in every template without {% load i18n %}.
            "builtins": ["django.templatetags.i18n"],
        },
    },
]

# Database: JIANFU_DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/jianfu; default SQLite file.
DATABASE_URL = os.environ.get("JIANFU_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'jianfu.sqlite3'}"
if DATABASE_URL.startswith("sqlite"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE makes a writing transaction
        # take the write lock at BEGIN, which is what select_for_update means on SQLite.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    if TESTING:
        # A file, not Django's shared in-memory database: concurrency tests need SQLite's real
        # locking (busy_timeout), which shared-cache memory databases do not honour.
        import tempfile

        DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"jianfu-test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jianfu_cache",
    }
}

AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jianfu.orgs.passwords.DemoPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The shared password of the demo accounts; refused for login and as a new password unless
# JIANFU_DEMO is on.
DEMO_PASSWORD = "jianfu-demo-2026"
# Failed logins allowed per account name and per client address within the window.
LOGIN_MAX_FAILURES = int(os.environ.get("JIANFU_LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("JIANFU_LOGIN_LOCKOUT_SECONDS", "900"))

# --- Sign-in and 三员分立 (issue 20 points 1-2; docs/security.md) -------------------------------
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "jianfu.orgs.middleware.SecurityGateMiddleware",
)
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "jianfu.orgs.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "jianfu.orgs.passwords.UsernameInPasswordValidator"},
    {"NAME": "jianfu.orgs.passwords.ChinesePatternValidator"},
]
# Roles that must sign in with a TOTP second factor (anyone may enrol voluntarily). Tests and the
# demo default to none, so the test world's personas and demo visitors sign in with a password.
OTP_REQUIRED_ROLES = env_list(
    "JIANFU_OTP_REQUIRED_ROLES", "" if (TESTING or DEMO_MODE) else "sysadmin,secadmin,auditor"
)
OTP_TOTP_ISSUER = os.environ.get("JIANFU_OTP_ISSUER", "减负平台")
OTP_TOTP_THROTTLE_FACTOR = 1
# Days a password stays valid before its owner must change it (0: never expires; the demo: off).
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("JIANFU_PASSWORD_MAX_AGE_DAYS", "0" if DEMO_MODE else "90"))
# Days an API token stays valid after issue.
TOKEN_MAX_AGE_DAYS = int(os.environ.get("JIANFU_TOKEN_MAX_AGE_DAYS", "90"))
# A session unused this long ends (besides the absolute SESSION_COOKIE_AGE from sign-in).
IDLE_TIMEOUT_MINUTES = int(os.environ.get("JIANFU_IDLE_TIMEOUT_MINUTES", "30"))
# Single sign-on through the province's 统一身份认证 (issue 18 point 3; docs/security.md). OIDC is on
# when an issuer is set, CAS when a server URL is set; either maps an identity to an EXISTING
# account (orgs.sso), never creates one. JIANFU_PASSWORD_LOGIN=0 removes the password form.
OIDC_ISSUER = os.environ.get("JIANFU_OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("JIANFU_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("JIANFU_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("JIANFU_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("JIANFU_OIDC_SCOPES", "openid")
OIDC_CLAIM = os.environ.get("JIANFU_OIDC_CLAIM", "sub")
OIDC_TIMEOUT = int(os.environ.get("JIANFU_OIDC_TIMEOUT", "10"))
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/login/"
_CAS_URL = os.environ.get("JIANFU_CAS_SERVER_URL", "").strip().rstrip("/")
CAS_SERVER_URL = _CAS_URL + "/" if _CAS_URL else ""  # python-cas joins "login" and "p3/serviceValidate" to it
CAS_VERSION = os.environ.get("JIANFU_CAS_VERSION", "3")
CAS_USERNAME_ATTRIBUTE = os.environ.get("JIANFU_CAS_ATTRIBUTE", "cas:user")
CAS_CREATE_USER = False
# django-cas-ng fills its defaults in at import; the ones its client reads are set here, so that
# they do not depend on when the package was first imported.
CAS_EXTRA_LOGIN_PARAMS, CAS_RENEW, CAS_PROXY_CALLBACK, CAS_SESSION_FACTORY = None, False, None, None
CAS_VERIFY_SSL_CERTIFICATE = True
SSO_MATCH_USERNAME = env_bool("JIANFU_SSO_MATCH_USERNAME")
SSO_LABEL = os.environ.get("JIANFU_SSO_LABEL", "统一身份认证")
PASSWORD_LOGIN = env_bool("JIANFU_PASSWORD_LOGIN", default=True)
# Ask the roles of OTP_REQUIRED_ROLES for our TOTP code after single sign-on too (off: the
# identity provider's sign-in counts as the second factor).
SSO_LOCAL_OTP = env_bool("JIANFU_SSO_LOCAL_OTP")
AUTHENTICATION_BACKENDS += ["jianfu.orgs.sso_oidc.Backend", "jianfu.orgs.sso_cas.Backend"]
# --- end of sign-in block ---------------------------------------------------------------------

# The working-day calendar (core/calendar.py): the State Council's holidays and make-up working
# days (调休) from the chinese-calendar package, plus the deployment's own days off and days worked
# ("2027-01-01,2027-01-02"), which win; they also declare a year the package does not cover yet.
CALENDAR_HOLIDAYS = env_list("JIANFU_HOLIDAYS")
CALENDAR_WORKDAYS = env_list("JIANFU_WORKDAYS")
for _name, _days in (("JIANFU_HOLIDAYS", CALENDAR_HOLIDAYS), ("JIANFU_WORKDAYS", CALENDAR_WORKDAYS)):
    for _day in _days:
        try:
            _dt.date.fromisoformat(_day)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{_name}: {_day!r} is not a date (YYYY-MM-DD).") from exc

# Domain settings (defaults from the seeds; each deployment may tighten them).
# Admission: review period in working days (西城 uses 15) and the burden (hours per community per
# year) above which the pre-check warns.
ADMISSION_REVIEW_WORKING_DAYS = int(os.environ.get("JIANFU_REVIEW_WORKING_DAYS", "15"))
ADMISSION_BURDEN_THRESHOLD_HOURS = os.environ.get("JIANFU_BURDEN_THRESHOLD_HOURS", "24")
# Burden ledger: how far in the future an entry may be dated.
BURDEN_HORIZON_DAYS = int(os.environ.get("JIANFU_LEDGER_HORIZON_DAYS", "30"))
# Supervision: evidence file size, and anonymous public reports allowed per address per hour.
SUPERVISION_MAX_EVIDENCE_BYTES = int(float(os.environ.get("JIANFU_MAX_EVIDENCE_MB", "5")) * 1024 * 1024)
SUPERVISION_PUBLIC_REPORTS_PER_WINDOW = int(os.environ.get("JIANFU_PUBLIC_REPORTS_PER_HOUR", "5"))
SUPERVISION_PUBLIC_REPORT_WINDOW_SECONDS = 3600
# Resident survey answers allowed per client address per hour (a family or a community hall shares
# one address; many answers within minutes are flagged for review, not refused).
ASSESS_SURVEY_ANSWERS_PER_WINDOW = int(os.environ.get("JIANFU_SURVEY_ANSWERS_PER_HOUR", "30"))
# Grid events: answer times by urgency ("2h" = hours, "7d" = working days; 接诉即办's defaults),
# photo size, and residents' reports allowed per address per hour.
EVENTS_DEADLINES = dict(
    item.split("=", 1)
    for item in env_list("JIANFU_EVENT_DEADLINES", "emergency=2h,urgent=24h,normal=7d,low=15d")
    if "=" in item
)
# Resident projects (民生微实事): public proposals and vote attempts per address and hour, photo size.
PROJECTS_PUBLIC_PROPOSALS_PER_WINDOW = int(os.environ.get("JIANFU_PROJECT_PROPOSALS_PER_HOUR", "5"))
PROJECTS_VOTE_ATTEMPTS_PER_WINDOW = int(os.environ.get("JIANFU_PROJECT_VOTES_PER_HOUR", "60"))
PROJECTS_MAX_PHOTO_BYTES = int(float(os.environ.get("JIANFU_PROJECT_PHOTO_MB", "5")) * 1024 * 1024)
EVENTS_MAX_PHOTO_BYTES = int(float(os.environ.get("JIANFU_EVENT_PHOTO_MB", "8")) * 1024 * 1024)
EVENTS_PUBLIC_REPORTS_PER_WINDOW = int(os.environ.get("JIANFU_EVENT_REPORTS_PER_HOUR", "5"))
# The 举报电话 every public page shows: "0915-1234567" for all counties, or per county
# "610921=0915-1234567,610922=0915-7654321" (an entry without "=" is the default for the others).
REPORT_PHONES: dict[str, str] = {
    (part.split("=", 1)[0].strip() if "=" in part else ""): part.split("=", 1)[-1].strip()
    for part in env_list("JIANFU_REPORT_PHONE")
}
# Official documents (公文, GB/T 9704-2012; docs/documents.md): the folder holding licensed
# 方正小标宋简体/仿宋_GB2312/黑体/楷体_GB2312 font files (open Noto CJK faces otherwise), and each
# issuer's 机关代字 for the 发文字号: "610921D02=横民发,610921=横减负办,610921:supervision.notice=横减通"
# keyed by org code or region code, optionally narrowed to one document kind (core.numbering.KINDS).
FONT_DIR = os.environ.get("JIANFU_FONT_DIR", "")
DOC_PREFIXES: dict[str, str] = {
    part.split("=", 1)[0].strip(): part.split("=", 1)[1].strip()
    for part in env_list("JIANFU_DOC_PREFIXES")
    if "=" in part
}
# How long a community may withdraw its refusal of a task (minutes; 0 turns the undo off).
DISPATCH_REFUSAL_UNDO_MINUTES = int(os.environ.get("JIANFU_REFUSAL_UNDO_MINUTES", "10"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = os.environ.get("JIANFU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
# The zh-Hans catalogue (jianfu/locale/zh_Hans/LC_MESSAGES/django.po): UI wording is corrected
# there, not in code; `jianfu messages` compiles it (also run by `jianfu assets`).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("JIANFU_MEDIA_DIR") or DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING or DEMO_MODE)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The demo and development serve static files straight from the app folders; production serves
# the compressed, cache-busted copies that `jianfu migrate` collects into STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG or TESTING or DEMO_MODE
if DEBUG or TESTING or DEMO_MODE:
    # WhiteNoise warns about a missing STATIC_ROOT until collectstatic has run once.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security. Behind HTTPS (the production default) cookies are secure and HSTS is on; the demo
# serves plain HTTP on 127.0.0.1 and turns these off. JIANFU_HTTPS=0 for an HTTP-only intranet.
HTTPS = env_bool("JIANFU_HTTPS", default=not (DEMO_MODE or DEBUG or TESTING))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("JIANFU_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("JIANFU_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = False
# Header a trusted reverse proxy sets to the real client address (e.g. X-Real-IP), for rate limits.
CLIENT_IP_HEADER = os.environ.get("JIANFU_CLIENT_IP_HEADER", "")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a public-internet registry; it does not apply to a government intranet.
    "security.W021",
]

# --- secB (issue 20 points 3-6): request limits, proxy, CSP, personal data -----------------------
# The largest request body (uploads included) the platform reads: above it a Chinese 413 page
# (core.middleware.TextBoundaryMiddleware). Form fields without files are capped at 10 MB by
# Django; waitress (`jianfu serve`) refuses bodies over twice the cap before buffering them.
MAX_REQUEST_BYTES = int(float(os.environ.get("JIANFU_MAX_REQUEST_MB", "30")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = min(10 * 1024 * 1024, MAX_REQUEST_BYTES)
# Excel imports (core.xlsx.check_parts): the largest unpacked part and the unpacked total.
XLSX_MAX_PART_BYTES = int(float(os.environ.get("JIANFU_XLSX_MAX_PART_MB", "20")) * 1024 * 1024)
XLSX_MAX_TOTAL_BYTES = int(float(os.environ.get("JIANFU_XLSX_MAX_TOTAL_MB", "50")) * 1024 * 1024)
# Reverse proxy: the addresses (or networks) whose X-Forwarded-For/-Proto/-Host `jianfu serve`
# honours (core/proxy.py); from anyone else those headers are dropped. JIANFU_BEHIND_PROXY=1 alone
# trusts a proxy on the same machine.
TRUSTED_PROXIES = env_list("JIANFU_TRUSTED_PROXIES", "127.0.0.1,::1" if env_bool("JIANFU_BEHIND_PROXY") else "")
from jianfu.core.proxy import csrf_origins, parse_proxies  # noqa: E402 (needs nothing from Django)

try:
    parse_proxies(TRUSTED_PROXIES)
except ValueError as exc:
    raise ImproperlyConfigured(f"JIANFU_TRUSTED_PROXIES: {exc}") from exc
# CSRF: the origins of the allowed host names (https; http too on an HTTP-only intranet), plus
# any listed in JIANFU_CSRF_TRUSTED_ORIGINS.
CSRF_TRUSTED_ORIGINS = csrf_origins(ALLOWED_HOSTS, https=HTTPS, extra=CSRF_TRUSTED_ORIGINS)
# Content-Security-Policy (core.middleware.SecurityHeadersMiddleware): scripts only from our own
# static files, never inline. Inline style *attributes* stay allowed (style-src-attr: the heat
# table's colour and ECharts' SVG use them; they cannot run code); <style> elements do not.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Residents' personal data at rest (core/crypto.py): production must set JIANFU_FIELD_KEY — a key
# derived from SECRET_KEY would silently make every stored phone and ID number unreadable the day
# the secret key is rotated. The demo and the tests derive one.
if not FIELD_KEYS and not (DEMO_MODE or DEBUG or TESTING):
    raise ImproperlyConfigured(
        "JIANFU_FIELD_KEY must be set in production (a Fernet key: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())").'
    )
from jianfu.core.crypto_keys import check_keys  # noqa: E402 (needs nothing from Django)

try:
    check_keys(FIELD_KEYS)
except ValueError as exc:
    raise ImproperlyConfigured(f"JIANFU_FIELD_KEY: {exc}") from exc
# Files the platform writes (the SQLite database, uploads, the secret key) are readable by its own
# account only: `jianfu` sets umask 077 (cli.py); uploads are chmod-ed explicitly as well.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
# --- end secB -------------------------------------------------------------------------------------

# Logs (docs/operations.md): one line each on standard error with time, level, request id and
# user (core/logs.py), plus one access line per request (logger "jianfu.access"; JIANFU_ACCESS_LOG=0
# turns it off). WeasyPrint and fontTools write hundreds of INFO lines per PDF: WARNING and up only.
from jianfu.core.logs import FORMAT as LOG_FORMAT  # noqa: E402 (needs no configured Django)

LOG_LEVEL = os.environ.get("JIANFU_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "jianfu.core.logs.RequestContextFilter"}},
    "formatters": {"line": {"format": LOG_FORMAT}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_context"], "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "jianfu.access": {"level": "INFO" if env_bool("JIANFU_ACCESS_LOG", default=True) else "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Prometheus metrics at /metrics (core/metrics.py): closed (404) unless a bearer token or allowed
# scraper addresses/networks are set. Queues counted at each scrape: name -> (model, filter).
METRICS_TOKEN = os.environ.get("JIANFU_METRICS_TOKEN", "")
METRICS_ALLOW = env_list("JIANFU_METRICS_ALLOW")
try:
    parse_proxies(METRICS_ALLOW)
except ValueError as exc:
    raise ImproperlyConfigured(f"JIANFU_METRICS_ALLOW: {exc}") from exc
METRICS_QUEUES: dict[str, tuple[str, dict[str, object]]] = {
    "notifications_unread": ("notify.Notification", {"read_at__isnull": True}),
}

# --- notify18 (issue 18 point 4): notifications out (docs/notifications.md) ----------------------
# E-mail through Django's SMTP backend; no JIANFU_EMAIL_HOST, no e-mail.
EMAIL_HOST = os.environ.get("JIANFU_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("JIANFU_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("JIANFU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("JIANFU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("JIANFU_EMAIL_STARTTLS")
EMAIL_USE_SSL = env_bool("JIANFU_EMAIL_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("JIANFU_EMAIL_FROM", "jianfu@localhost")
EMAIL_SUBJECT_PREFIX = "[简负] "
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("JIANFU_EMAIL_STARTTLS and JIANFU_EMAIL_SSL exclude each other: set one.")
# The platform's address as people reach it, for the links in messages sent out.
NOTIFY_BASE_URL = os.environ.get("JIANFU_BASE_URL", "").rstrip("/")
# Group robots: the deployment-wide 钉钉 robot (webhook with access_token, and its 加签 secret) and
# 企业微信 robot (its webhook key, or a full webhook URL for a private deployment); per org, a JSON
# file maps org codes to their own robots (a department's group), nearest org first.
NOTIFY_DINGTALK_WEBHOOK = os.environ.get("JIANFU_DINGTALK_WEBHOOK", "")
NOTIFY_DINGTALK_SECRET = os.environ.get("JIANFU_DINGTALK_SECRET", "")
NOTIFY_WECOM_WEBHOOK = os.environ.get("JIANFU_WECOM_WEBHOOK", "") or (
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + os.environ["JIANFU_WECOM_KEY"]
    if os.environ.get("JIANFU_WECOM_KEY")
    else ""
)
NOTIFY_ROBOTS_FILE = os.environ.get("JIANFU_NOTIFY_ROBOTS", "")
from jianfu.notify.robots import load_robots  # noqa: E402 (needs nothing from Django)

try:
    NOTIFY_ROBOTS = load_robots(NOTIFY_ROBOTS_FILE)
except ValueError as exc:
    raise ImproperlyConfigured(f"JIANFU_NOTIFY_ROBOTS: {exc}") from exc
# A generic SMS gateway hook: POST {"phone", "text"} as JSON, with a bearer token when set.
NOTIFY_SMS_URL = os.environ.get("JIANFU_SMS_URL", "")
NOTIFY_SMS_TOKEN = os.environ.get("JIANFU_SMS_TOKEN", "")
NOTIFY_HTTP_TIMEOUT = float(os.environ.get("JIANFU_NOTIFY_TIMEOUT", "10"))
# Retries by `jianfu notify-deliver`: wait RETRY_SECONDS, then twice as long each time, at most
# MAX_ATTEMPTS tries, after which the delivery is listed as failed for the system administrator.
NOTIFY_MAX_ATTEMPTS = int(os.environ.get("JIANFU_NOTIFY_MAX_ATTEMPTS", "6"))
NOTIFY_RETRY_SECONDS = int(os.environ.get("JIANFU_NOTIFY_RETRY_SECONDS", "60"))
# The outgoing queue on /metrics (core/metrics.py counts these at each scrape).
METRICS_QUEUES["notifications_out_pending"] = ("notify.Delivery", {"status": "pending"})
METRICS_QUEUES["notifications_out_failed"] = ("notify.Delivery", {"status": "failed"})
# --- end notify18 ---------------------------------------------------------------------------------
