from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import sso
from .choices import Role
from .security import has_otp_device, is_verified, must_change_password, otp_required


class ActiveUserMiddleware:
    """Ends the session of a user who was disabled (or whose org was) while signed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            org = user.org
            if not user.is_active or (org is not None and not org.is_active):
                logout(request)
        return self.get_response(request)


# Pages every signed-in user reaches while a step of signing in is still open (second factor,
# password change), and the only pages the security administrator and the auditor reach at all.
SIGN_IN_PAGES = {
    "login",
    "logout",
    "otp_setup",
    "otp_verify",
    "password_change",
    "sso_oidc_login",
    "sso_oidc_callback",
    "sso_cas_login",
}
ROLE_PAGES = {
    Role.AUDITOR: {"home", "my_audit", "audit_log", "healthz"},
    Role.SECADMIN: {
        "home",
        "my_audit",
        "account_security",
        "account_unlock",
        "account_otp_reset",
        "account_reset_password",
        "healthz",
    },
}
SEEN_EVERY = 60  # seconds: how often the idle clock is written to the session


def _now() -> int:
    return int(time.time())


def _refuse(request: HttpRequest, message: str, to: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=403)
    messages.warning(request, message)
    return redirect(to)


@receiver(user_logged_in)
def _stamp_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if getattr(request, "session", None) is not None:
        request.session["jf_auth_at"] = request.session["jf_seen"] = _now()


class SecurityGateMiddleware:
    """One gate for every page and API call of a signed-in browser (等保 身份鉴别 / 访问控制):

    - the session ends after ``IDLE_TIMEOUT_MINUTES`` without a request, and ``SESSION_COOKIE_AGE``
      after sign-in however busy it is;
    - until the second factor is passed (roles in ``OTP_REQUIRED_ROLES``, or anyone who enrolled),
      only the enrolment/verification pages answer;
    - until a temporary or expired password is changed, only the password page answers (the API
      says 403 in Chinese);
    - the security administrator and the auditor reach only their own pages (三员分立).

    Calls with an API token are checked in ``jianfu.api.auth`` the same way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now, session = _now(), request.session
            seen, since = session.get("jf_seen", now), session.get("jf_auth_at", now)
            idle = settings.IDLE_TIMEOUT_MINUTES > 0 and now - seen > settings.IDLE_TIMEOUT_MINUTES * 60
            if idle or now - since > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(
                    request, _("长时间未操作，已自动退出，请重新登录。") if idle else _("登录已过期，请重新登录。")
                )
            elif now - seen >= SEEN_EVERY or "jf_seen" not in session:
                session["jf_seen"] = now
                session.setdefault("jf_auth_at", now)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        name = match.url_name if match is not None else ""
        if name in ("logout", "healthz"):
            return None
        # After single sign-on the provider's sign-in stands for the second factor (unless the county
        # asks for ours too), and no local password is in use, so none must be changed.
        via_sso = sso.is_sso_session(request)
        if otp_required(user) and not is_verified(user) and (not via_sso or settings.SSO_LOCAL_OTP):
            if name in ("otp_setup", "otp_verify"):
                return None
            return _refuse(request, _("请先完成双因素认证。"), "otp_verify" if has_otp_device(user) else "otp_setup")
        if must_change_password(user) and not via_sso:
            if name in SIGN_IN_PAGES:
                return None
            return _refuse(request, _("您的密码是临时密码或已过期，请先修改密码。"), "password_change")
        allowed = ROLE_PAGES.get(user.role)
        if allowed is not None and name not in allowed | SIGN_IN_PAGES:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("您的角色不能使用业务接口。")}, status=403)
            raise PermissionDenied(_("三员分立：您的角色只能使用本角色的页面。"))
        return None
