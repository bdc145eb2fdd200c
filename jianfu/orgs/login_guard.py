"""Rate limit on failed logins, per account name and per client address (no account enumeration:
the same message whether or not the account exists)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from jianfu.core import ratelimit


def _limits() -> list[tuple[str, int]]:
    # A whole office may sit behind one address, so the address gets more room than a name.
    return [("user", settings.LOGIN_MAX_FAILURES), ("ip", settings.LOGIN_MAX_FAILURES * 4)]


def is_locked(username: str, ip: str) -> bool:
    values = {"user": username, "ip": ip}
    return any(ratelimit.count(ratelimit.key(f"login-{kind}", values[kind])) >= limit for kind, limit in _limits())


def note_failure(username: str, ip: str) -> None:
    for kind, value in (("user", username), ("ip", ip)):
        ratelimit.hit(ratelimit.key(f"login-{kind}", value), settings.LOGIN_LOCKOUT_SECONDS)


def clear(username: str) -> None:
    cache.delete(ratelimit.key("login-user", username))
