"""Token scopes (权限范围): what a service account's token may call.

Every API operation has one scope. By default it is ``<app>:read`` for GET and ``<app>:write`` for
anything else, ``<app>`` being the app whose ``api.py`` declares it; an operation names another
with ``@scope("gate:check")``. A personal token has no scopes and may call whatever its user's role
allows; a service token lists its scopes and is refused (403) anywhere else. The scope also shows
in the OpenAPI schema (``x-scope``) so another system's developer sees what to ask for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# (module, function) -> scope, for operations that name their own.
_EXPLICIT: dict[tuple[str, str], str] = {}


def scope(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give an API operation a scope of its own instead of ``<app>:read`` / ``<app>:write``."""

    def mark(view: Callable[..., Any]) -> Callable[..., Any]:
        _EXPLICIT[(view.__module__, view.__name__)] = name
        return view

    return mark


def app_of(module: str) -> str:
    return module.split(".")[1] if module.startswith("jianfu.") else module


def scope_of(module: str, function: str, method: str) -> str:
    explicit = _EXPLICIT.get((module, function))
    if explicit:
        return explicit
    return f"{app_of(module)}:{'read' if method.upper() in SAFE_METHODS else 'write'}"


# Every scope some operation needs, with its Chinese label: filled by jianfu.api when it mounts
# the routers (at start-up, ApiConfig.ready), read by the service-account page and action.
AVAILABLE: dict[str, str] = {}
LABELS = {"gate:check": "清单审查：拟派发任务的审查结论（POST /gate/check）"}


def register(name: str, tag: str) -> None:
    if name not in AVAILABLE:
        kind = name.rsplit(":", 1)[-1]
        AVAILABLE[name] = LABELS.get(name) or f"{'读取' if kind == 'read' else '写入'}：{tag}"


def available() -> dict[str, str]:
    return dict(sorted(AVAILABLE.items()))


def check_scope(view: Callable[..., Any]) -> Callable[..., Any]:
    """Ninja operation decorator: a scoped token outside its scopes gets 403 before the view runs."""

    @functools.wraps(view)
    def scoped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        token = getattr(request, "api_token", None)
        if token is not None and token.scopes:
            needed = scope_of(view.__module__, view.__name__, request.method or "GET")
            if needed not in token.scopes:
                raise HttpError(403, f"该令牌没有此接口所需的权限范围（{needed}）。")
        return view(request, *args, **kwargs)

    return scoped
