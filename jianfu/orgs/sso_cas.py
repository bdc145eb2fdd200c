"""CAS sign-in (CAS 2.0/3.0 ``serviceValidate``) through django-cas-ng's client, on top of ``sso``.

``/sso/cas/login/`` sends the browser to ``JIANFU_CAS_SERVER_URL``/login with our service URL;
the server sends it back with a ticket, which the backend validates server-to-server. The
identity is the CAS user (or the attribute ``JIANFU_CAS_ATTRIBUTE``); it signs in only to the
account linked to it (``sso.resolve``) — django-cas-ng's own user creation is never used.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from django_cas_ng.utils import get_cas_client

from . import sso
from .models import User

BACKEND = "jianfu.orgs.sso_cas.Backend"


def _service_url(request: HttpRequest) -> str:
    """Our callback as the CAS server must see it (the same string at login and at validation)."""
    url = request.build_absolute_uri(reverse("sso_cas_login"))
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        url += "?" + urlencode({"next": target})
    return url


class Backend(BaseBackend):
    """Validates a CAS ticket and returns the linked account, or None (refusal recorded)."""

    def authenticate(self, request: Any, ticket: str | None = None, service: str | None = None, **kw: Any) -> Any:
        if request is None or not ticket or not service or not sso.enabled("cas"):
            return None
        try:
            username, attributes, _pgtiou = get_cas_client(service_url=service, request=request).verify_ticket(ticket)
        except (requests.RequestException, ValueError, SyntaxError) as exc:  # SyntaxError: a malformed XML answer
            sso.refuse_invalid(request, "cas", f"{type(exc).__name__}: {exc}"[:300])
            return None
        if settings.CAS_USERNAME_ATTRIBUTE != "cas:user":
            username = (attributes or {}).get(settings.CAS_USERNAME_ATTRIBUTE)
        if not username:
            sso.refuse_invalid(request, "cas", "ticket not validated")
            return None
        found = sso.resolve("cas", str(username))
        if isinstance(found, sso.Refusal):
            sso.do_record_refusal(request, "cas", str(username), found)
            return None
        return found

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id).first()


@require_GET
def cas_login(request: HttpRequest) -> HttpResponse:
    """Without a ticket: off to the CAS server. With one: validate it and sign in, or back to 登录."""
    if not sso.enabled("cas"):
        raise Http404
    service = _service_url(request)
    ticket = request.GET.get("ticket", "")
    if not ticket:
        return HttpResponseRedirect(get_cas_client(service_url=service, request=request).get_login_url())
    user = Backend().authenticate(request, ticket=ticket, service=service)
    if user is None:
        return HttpResponseRedirect(reverse("login"))
    sso.sign_in(request, user, "cas", BACKEND)
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("home"))
