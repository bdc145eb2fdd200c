"""Failed sign-ins (登录失败处理), counted in the database under a row lock, as django-axes does.

Two keys are counted for every attempt: the account name AT the client address ("user-ip", limit
``LOGIN_MAX_FAILURES``) and the client address alone ("ip", four times that, a whole office may
sit behind one address). Keying the account by address means that nobody elsewhere can lock a user
out of their own desk; every lock ends by itself after ``LOGIN_LOCKOUT_SECONDS`` (the cool-down),
or earlier by an unlock (``do_unlock_account``).

``reserve`` counts the attempt BEFORE the password is checked, inside one transaction holding the
row lock, so forty parallel guesses get exactly ``limit`` checks; ``succeeded`` gives the reserved
attempt back. The page says the same whether or not the account exists.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LoginAttempt


def _key(kind: str, username: str, ip: str) -> str:
    value = f"{kind}\x1f{username.strip().lower() if kind == 'user-ip' else ''}\x1f{ip}"
    return hashlib.sha256(value.encode()).hexdigest()


def _limits() -> list[tuple[str, int]]:
    return [("user-ip", settings.LOGIN_MAX_FAILURES), ("ip", settings.LOGIN_MAX_FAILURES * 4)]


def _row(kind: str, username: str, ip: str) -> LoginAttempt:
    key = _key(kind, username, ip)
    name = username.strip()[:150] if kind == "user-ip" else ""
    LoginAttempt.objects.bulk_create(
        [LoginAttempt(key=key, kind=kind, username=name, ip=ip[:64])], ignore_conflicts=True
    )
    return LoginAttempt.objects.select_for_update().get(key=key)


@transaction.atomic
def reserve(username: str, ip: str) -> bool:
    """Count one attempt for the name at the address; False when locked (do not check the password)."""
    now = timezone.now()
    window = timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    rows = [(_row(kind, username, ip), limit) for kind, limit in _limits()]
    for row, _limit in rows:
        if (row.locked_until is not None and row.locked_until <= now) or now - row.window_start > window:
            row.failures, row.window_start, row.locked_until = 0, now, None  # cool-down over: start afresh
    if any(row.locked_until is not None or row.failures >= limit for row, limit in rows):
        for row, limit in rows:
            if row.failures >= limit and row.locked_until is None:
                row.locked_until = now + window
            row.save()
        return False
    for row, _limit in rows:
        row.failures += 1
        row.save()
    return True


@transaction.atomic
def succeeded(username: str, ip: str) -> None:
    """The password was right: forget the name's failures at this address, give the address its try back."""
    LoginAttempt.objects.filter(key=_key("user-ip", username, ip)).delete()
    row = LoginAttempt.objects.select_for_update().filter(key=_key("ip", "", ip)).first()
    if row is not None and row.failures > 0 and row.locked_until is None:
        row.failures -= 1
        row.save(update_fields=["failures"])


def is_locked(username: str, ip: str) -> bool:
    """Whether the name at this address (or the address) is locked now; for display and tests."""
    now = timezone.now()
    keys = [_key(kind, username, ip) for kind, _limit in _limits()]
    return LoginAttempt.objects.filter(key__in=keys, locked_until__gt=now).exists()


def locks_of(username: str) -> list[LoginAttempt]:
    """The name's current locks (at any address), for the security administrator's page."""
    now = timezone.now()
    return list(
        LoginAttempt.objects.filter(kind="user-ip", username__iexact=username.strip(), locked_until__gt=now).order_by(
            "-locked_until", "pk"
        )
    )


def unlock(username: str) -> int:
    """Drop every count of the name (any address); returns how many locks were active."""
    active = len(locks_of(username))
    LoginAttempt.objects.filter(kind="user-ip", username__iexact=username.strip()).delete()
    return active
