"""API authentication: a personal token (Authorization: Bearer …) or the browser session."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from jianfu.orgs.choices import Role
from jianfu.orgs.models import ApiToken, hash_token
from jianfu.orgs.security import do_record_token_use, must_change_password

TOUCH_EVERY = timedelta(minutes=5)


def user_for_token(raw: str) -> Any:
    """The active user a token belongs to, or None (unknown, revoked, disabled user or org)."""
    token = token_for(raw)
    return token.user if token is not None else None


def token_for(raw: str) -> ApiToken | None:
    """The live token ``raw`` names (its user active, in an active org), or None."""
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__org")
        .filter(key_hash=hash_token(raw), revoked_at=None)
        .filter(Q(expires_at=None) | Q(expires_at__gt=now))
        .first()
    )
    if token is None:
        return None
    user = token.user
    if not user.is_active or (user.org is not None and not user.org.is_active):
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        # Bookkeeping like Django's last_login; the use is audited at the same pace (等保: token use).
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        do_record_token_use(token)
    return token


def refusal_for(user: Any) -> str:
    """Why a token's owner may not call the API now ("" when they may): the gate of the pages."""
    if must_change_password(user):
        return "您的密码是临时密码或已过期，请先登录网页修改密码。"
    if user.role in (Role.SECADMIN, Role.AUDITOR):
        return "您的角色不能使用业务接口。"
    return ""


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for(token)
        if found is None:
            return None
        user = found.user
        refusal = refusal_for(user)
        if refusal:
            raise HttpError(403, refusal)
        request.user = user
        request.api_token = found  # type: ignore[attr-defined]  # its scopes: jianfu.core.scopes
        return user


class BrowserSession(APIKeyCookie):
    """The browser's session, with Django's CSRF check on writes.

    Unlike ninja's default, a request without a signed-in session is simply not authenticated
    here (so the caller gets a 401 "未登录或令牌无效"), and only a signed-in browser that forgot
    its CSRF token gets a 403, in Chinese.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(user, "is_service", False):
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and check_csrf(request):
            raise HttpError(403, "CSRF 校验失败：请刷新页面后重试（接口调用请使用令牌）。")
        return user


AUTH = [BearerToken(), BrowserSession()]
