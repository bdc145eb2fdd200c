"""API authentication: a personal token (Authorization: Bearer …) or the browser session."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from jianfu.orgs.models import ApiToken, hash_token

TOUCH_EVERY = timedelta(minutes=5)


def user_for_token(raw: str) -> Any:
    """The active user a token belongs to, or None (unknown, revoked, disabled user or org)."""
    if not raw or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__org").filter(key_hash=hash_token(raw), revoked_at=None).first()
    )
    if token is None:
        return None
    user = token.user
    if not user.is_active or (user.org is not None and not user.org.is_active):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        # Bookkeeping like Django's last_login, not a business write: not audited.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]
