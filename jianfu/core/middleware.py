from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse

from . import audit
from .context import new_request_id, reset_request, reset_request_id, set_request, set_request_id

_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane X-Request-ID from a proxy) for the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token, request_token = set_request_id(request_id), set_request(request)
        try:
            response = self.get_response(request)
        finally:
            reset_request(request_token)
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


access_log = logging.getLogger("jianfu.access")


class AccessLogMiddleware:
    """One ``jianfu.access`` line per request — method, path (without the query string, which may
    carry residents' names), status, milliseconds, user, request id (by the log format) — and the
    request's count and latency for ``/metrics``. Sits inside RequestIdMiddleware, so both carry
    the id; static files are answered by WhiteNoise before it (the reverse proxy logs those)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from . import metrics
        from .logs import username_of

        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        metrics.observe(request, response.status_code, seconds)
        access_log.info(
            "%s %s %s %dms user=%s",
            request.method,
            request.path[:300],
            response.status_code,
            round(seconds * 1000),
            username_of(request),
        )
        return response


class ExportAuditMiddleware:
    """Audits every file a signed-in user downloads (Excel, PDF, attachments): 等保 asks that data
    leaving the system be recorded. One place, so no export view can forget it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        if (
            response.status_code == 200
            and disposition.startswith("attachment")
            and getattr(user, "is_authenticated", False)
        ):
            name = disposition.split("filename*=UTF-8''", 1)[-1] if "filename*=" in disposition else disposition
            audit.record(
                user,
                "core.export",
                None,
                after={
                    "path": request.path[:300],
                    "query": request.META.get("QUERY_STRING", "")[:300],
                    "file": unquote(name)[:200],
                },
            )
        return response


class TextBoundaryMiddleware:
    """The one boundary for what a request may carry (issue 20, points 3 and 6), pages and API:

    - a body larger than ``MAX_REQUEST_BYTES`` (``JIANFU_MAX_REQUEST_MB``) is answered 413 in
      Chinese before anything reads it (waitress refuses far larger bodies itself);
    - the path, the query string and the form fields must hold no NUL, control character or lone
      surrogate (``core.text``), else 400 with a Chinese message — identically on SQLite and
      PostgreSQL, where they would otherwise fail differently. JSON bodies are checked by the API's
      parser (``api.api.TextCheckingParser``) with the same rule.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.core.exceptions import RequestDataTooBig

        from .errorviews import refuse
        from .text import BadText, check_pairs, check_value

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return refuse(request, 413)
        try:
            check_value(request.path_info, "")
            check_pairs((key, value) for key, values in request.GET.lists() for value in values)
            if request.method == "POST" and request.content_type in self.FORM_TYPES:
                check_pairs((key, value) for key, values in request.POST.lists() for value in values)
        except BadText as exc:
            return refuse(request, 400, exc.message)
        except RequestDataTooBig:
            return refuse(request, 413)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every answer (settings.py explains the
    policy). A response that set its own CSP keeps it (downloads carry a sandboxing one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
