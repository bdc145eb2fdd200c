"""Error pages in Chinese (JSON for API paths)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

MESSAGES = {
    400: "请求无效。",
    403: "您没有权限访问此页面。",
    404: "页面不存在，或您无权查看。",
    413: "提交的内容过大，超过了服务器允许的上限（%(mb)s MB）。请压缩或分批上传后重试。",
    500: "服务器内部错误，请稍后再试。如问题持续，请联系系统管理员。",
}


def _respond(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    message = detail or MESSAGES[status]
    if status == 413:
        from django.conf import settings

        message = message % {"mb": settings.MAX_REQUEST_BYTES // (1024 * 1024)}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    html = render_to_string(
        "error.html", {"status": status, "message": message}, request=request if status != 500 else None
    )
    return HttpResponse(html, status=status)


def _detail(exception: Any) -> str:
    text = str(exception) if exception is not None else ""
    # Only our own Chinese messages are shown; Django's internal English texts are not.
    return text if text and any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _respond(request, 400)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _respond(request, 403, _detail(exception))


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _respond(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _respond(request, 500)


def refuse(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    """An answer from a middleware that stops a request before any view (413, bad text)."""
    return _respond(request, status, detail)
