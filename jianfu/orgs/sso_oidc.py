"""OIDC sign-in (authorization code flow) through mozilla-django-oidc, on top of ``sso``.

The provider is found by discovery (``JIANFU_OIDC_ISSUER`` + ``/.well-known/openid-configuration``,
fetched once per process); the id_token must be signed with the provider's published key
(RS256 by default), carry our nonce, our client id in ``aud`` and the configured issuer in
``iss`` (mozilla-django-oidc checks neither of the last two, so ``verify_token`` does).
The identity is the claim ``JIANFU_OIDC_CLAIM`` (``sub``) of the id_token, else of userinfo.
"""

from __future__ import annotations

import threading
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import sso

BACKEND = "jianfu.orgs.sso_oidc.Backend"
_DISCOVERY_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


def discovery() -> dict[str, Any]:
    """The provider's metadata, fetched once per process and issuer."""
    issuer = settings.OIDC_ISSUER.rstrip("/")
    with _lock:
        if issuer not in _discovered:
            response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            _discovered[issuer] = response.json()
        return _discovered[issuer]


def forget_discovery() -> None:
    with _lock:
        _discovered.clear()


def oidc_setting(attr: str, *args: Any) -> Any:
    """mozilla-django-oidc's settings lookup, with the provider's endpoints from discovery."""
    if attr in _DISCOVERY_KEYS:
        value = discovery().get(_DISCOVERY_KEYS[attr])
        if value:
            return value
    if hasattr(settings, attr):
        return getattr(settings, attr)
    if args:
        return args[0]
    raise ImproperlyConfigured(f"Setting {attr} not found")


class Backend(OIDCAuthenticationBackend):
    """Maps the verified identity to a linked account (``sso.resolve``); never creates one."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for every password sign-in and every session's user: the
        # provider's endpoints (discovery, over HTTP) are looked up only for an OIDC callback.
        self.UserModel = get_user_model()

    def get_user(self, user_id: int) -> Any:
        return ModelBackend.get_user(self, user_id)  # an inactive account has no session user

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if request is None or "code" not in request.GET or not sso.enabled("oidc"):
            return None  # a password sign-in, or OIDC switched off
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, ImproperlyConfigured, requests.RequestException, ValueError) as exc:
            sso.refuse_invalid(request, "oidc", f"{type(exc).__name__}: {exc}"[:300])
            return None

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != discovery().get("issuer", settings.OIDC_ISSUER):
            raise SuspiciousOperation("id_token issuer mismatch")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token audience mismatch")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claim = settings.OIDC_CLAIM
        subject = payload.get(claim)
        if subject is None:
            subject = self.get_userinfo(access_token, id_token, payload).get(claim)
        subject = str(subject or "")
        found = sso.resolve("oidc", subject)
        if isinstance(found, sso.Refusal):
            sso.do_record_refusal(self.request, "oidc", subject, found)
            return None
        return found


class LoginView(OIDCAuthenticationRequestView):
    """Redirects the browser to the provider's authorization endpoint (404 when OIDC is off)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        View.__init__(self, *args, **kwargs)  # the provider's endpoint is looked up in get()

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso.enabled("oidc"):
            raise Http404
        try:
            super().__init__()
        except (requests.RequestException, ValueError, ImproperlyConfigured) as exc:
            sso.refuse_unreachable(request, "oidc", f"{type(exc).__name__}: {exc}"[:300])
            return HttpResponseRedirect(reverse("login"))
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: sign in the linked account, or back to 登录 with the reason."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not sso.enabled("oidc"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def login_failure(self) -> HttpResponse:
        if not self.request.session.get(sso.REFUSAL_KEY):
            sso.refuse_invalid(self.request, "oidc", "callback without a valid code or state")
        return HttpResponseRedirect(reverse("login"))

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # a state this browser never asked for (replay, forgery)
            sso.refuse_invalid(request, "oidc", str(exc)[:300])
            return HttpResponseRedirect(reverse("login"))

    def login_success(self) -> HttpResponse:
        # mozilla-django-oidc calls auth.login itself; mark the session and audit the sign-in.
        response = super().login_success()
        sso.mark_signed_in(self.request, self.user, "oidc")
        return response
