"""The JSON API under /api/v1/: each Jianfu app's ``api.router`` mounted at its ``PREFIX``."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.schema import DjangoGetter

from jianfu.core import scopes, text
from jianfu.core.errors import ActionError, Conflict
from jianfu.core.scopes import check_scope, scope_of

from .auth import AUTH


def _lazy_text_as_str(convert: Any) -> Any:
    def convert_result(self: DjangoGetter, result: Any) -> Any:
        result = convert(self, result)
        return str(result) if isinstance(result, Promise) else result

    return convert_result


# Choice labels and messages are lazy translations (gettext_lazy) so that the wording catalogue can
# correct them; pydantic's ``str`` accepts only real strings, so every value read into a response
# schema is resolved here, once, instead of wrapping str() round every label in every router.
DjangoGetter._convert_result = _lazy_text_as_str(DjangoGetter._convert_result)  # type: ignore[method-assign]


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese as characters, not as escapes (readable in curl and logs)."""

    json_dumps_params = {"ensure_ascii": False}


# Chinese for pydantic's validation error types (the "errors" list of a 422 answer).
VALIDATION_MESSAGES = {
    "missing": "必填。",
    "int_parsing": "应为整数。",
    "int_type": "应为整数。",
    "float_parsing": "应为数字。",
    "decimal_parsing": "应为数字。",
    "bool_parsing": "应为是或否（true/false）。",
    "date_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD。",
    "datetime_parsing": "时间格式应为 YYYY-MM-DDTHH:MM:SS。",
    "string_type": "应为文本。",
    "string_too_long": "内容过长。",
    "string_too_short": "内容过短。",
    "list_type": "应为列表。",
    "dict_type": "应为对象。",
    "json_invalid": "请求体不是有效的 JSON。",
    "greater_than_equal": "数值过小。",
    "less_than_equal": "数值过大。",
    "enum": "不是允许的取值。",
    "literal_error": "不是允许的取值。",
}


class TextCheckingParser(Parser):
    """JSON bodies go through the same text rule as form posts (core.text): a lone surrogate
    (``"\\ud800"``), a NUL or a control character is refused here, before any schema or action —
    the API half of the one boundary (the pages' half is core.middleware.TextBoundaryMiddleware)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        text.check_value(data)
        return data


# The error bodies every operation may answer, declared once in the schema (ninja only lists the
# responses a view declares): 401 when it needs a token, 400/422 when it takes parameters or a body.
ERROR_BODY = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "中文说明"},
        "field": {"type": "string", "nullable": True, "description": "出错的字段（如有）"},
    },
    "required": ["detail"],
}
VALIDATION_BODY = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "example": "请求参数有误。"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string", "nullable": True}, "message": {"type": "string"}},
            },
        },
    },
    "required": ["detail", "errors"],
}
ERROR_RESPONSES = {
    "400": ("请求体不是有效的 JSON，或含有不允许的字符", "Error"),
    "401": ("未登录、令牌无效、已过期或已吊销", "Error"),
    "403": ("无权进行此操作，或令牌没有此接口所需的权限范围", "Error"),
    "422": ("请求参数有误（逐字段说明）", "ValidationError"),
}


def _ref(name: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


class JianfuAPI(NinjaAPI):
    _operation_functions: dict[str, tuple[str, str]] = {}

    def get_openapi_operation_id(self, operation: Any) -> str:
        operation_id = super().get_openapi_operation_id(operation)
        self._operation_functions[operation_id] = (operation.view_func.__module__, operation.view_func.__name__)
        return operation_id

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault("Error", ERROR_BODY)
        schemas.setdefault("ValidationError", VALIDATION_BODY)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                function = self._operation_functions.get(operation.get("operationId", ""))
                if operation.get("security") and function:
                    operation["x-scope"] = scope_of(*function, method)
                wanted = []
                if operation.get("security"):
                    wanted += ["401", "403"]
                if operation.get("parameters") or operation.get("requestBody"):
                    wanted += ["422"]
                if operation.get("requestBody"):
                    wanted += ["400"]
                for code in wanted:
                    if code not in responses and int(code) not in responses:
                        description, ref = ERROR_RESPONSES[code]
                        responses[code] = {"description": description, **_ref(ref)}
        return schema


api = JianfuAPI(
    title="简负 Jianfu API",
    version="1",
    description=(
        "城乡社区减负增效平台接口。认证：个人令牌（Authorization: Bearer <令牌>，"
        "由 `jianfu token 用户名` 生成）或浏览器会话。"
    ),
    auth=AUTH,
    urls_namespace="api",
    renderer=ChineseJSONRenderer(),
    parser=TextCheckingParser(),
)


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
    body: dict = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    if exc.errors:
        body["errors"] = exc.errors
    if isinstance(exc, Conflict) and exc.state is not None:
        # A decision that lost a race: the client learns the state the row is in now.
        body["state"] = exc.state
        body["state_label"] = exc.state_label or ""
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", [])[1:]) or None,
            "message": VALIDATION_MESSAGES.get(e.get("type", ""), "取值无效。"),
        }
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": "请求参数有误。", "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "未登录或令牌无效。"}, status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    from django.core.exceptions import RequestDataTooBig

    from jianfu.core.errorviews import refuse

    cause = exc.__cause__  # ninja wraps whatever the parser raised in "Cannot parse request body"
    if isinstance(cause, text.BadText):
        return api.create_response(request, {"detail": cause.message, "field": cause.field or None}, status=400)
    if isinstance(cause, RequestDataTooBig):
        return refuse(request, 413)
    if isinstance(cause, ValueError):  # json.JSONDecodeError, UnicodeDecodeError
        return api.create_response(request, {"detail": VALIDATION_MESSAGES["json_invalid"]}, status=400)
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
        tag = (module.router.tags or [config.label])[0]
        for path_view in module.router.path_operations.values():
            for operation in path_view.operations:
                if operation.auth_param is None:  # public (auth=None): no token, no scope
                    continue
                function = operation.view_func
                for method in operation.methods:
                    scopes.register(scope_of(function.__module__, function.__name__, method), tag)


api.add_decorator(check_scope)
_mount_app_routers()
