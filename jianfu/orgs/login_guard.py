"""Rate limit on failed logins, per account name and per client address (no account enumeration:
the same message whether or not the account exists)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def _limits() -> list[tuple[str, int]]:
    # A whole office may sit behind one address, so the address gets more room than a name.
    return [("user", settings.LOGIN_MAX_FAILURES), ("ip", settings.LOGIN_MAX_FAILURES * 4)]


def is_locked(username: str, ip: str) -> bool:
    values = {"user": username, "ip": ip}
    return any((cache.get(_key(kind, values[kind])) or 0) >= limit for kind, limit in _limits())


def note_failure(username: str, ip: str) -> None:
    for kind, value in (("user", username), ("ip", ip)):
        key = _key(kind, value)
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def clear(username: str) -> None:
    cache.delete(_key("user", username))
