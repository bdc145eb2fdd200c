"""The JSON API under /api/v1/: each Jianfu app's ``api.router`` mounted at its ``PREFIX``."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jianfu.core.errors import ActionError

from .auth import AUTH

api = NinjaAPI(
    title="简负 Jianfu API",
    version="1",
    description=(
        "城乡社区减负增效平台接口。认证：个人令牌（Authorization: Bearer <令牌>，"
        "由 `jianfu token 用户名` 生成）或浏览器会话。"
    ),
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
    body: dict = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    if exc.errors:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]) or None, "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": "请求参数有误。", "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "未登录或令牌无效。"}, status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _mount_app_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("jianfu.") or config.name == "jianfu.api":
            continue
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        api.add_router(getattr(module, "PREFIX", ""), module.router)


_mount_app_routers()
