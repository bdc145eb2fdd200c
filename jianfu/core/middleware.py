from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse

from . import audit
from .context import new_request_id, reset_request_id, set_request_id

_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane X-Request-ID from a proxy) for the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
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
