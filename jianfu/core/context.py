"""Per-request context: the request id that ties audit entries to the request that wrote them."""

from __future__ import annotations

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("jianfu_request_id", default="")


def new_request_id() -> str:
    return uuid.uuid4().hex


def set_request_id(value: str) -> contextvars.Token[str]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


def current_request_id() -> str:
    """The id of the request being served, or a fresh one for work outside a request (CLI)."""
    value = _request_id.get()
    if not value:
        value = new_request_id()
        _request_id.set(value)
    return value


# The request being served, for log lines (core/logs.py reads its user without querying).
_request: contextvars.ContextVar[object | None] = contextvars.ContextVar("jianfu_request", default=None)


def set_request(request: object) -> contextvars.Token[object | None]:
    return _request.set(request)


def reset_request(token: contextvars.Token[object | None]) -> None:
    _request.reset(token)


def current_request() -> object | None:
    return _request.get()


def current_request_id_or_none() -> str:
    """The request id if a request (or a command that asked for one) set it, else ""; never makes one."""
    return _request_id.get()
