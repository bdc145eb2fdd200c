"""显示完整信息: residents' personal data shown in clear only after an explicit, audited POST
(个人信息保护法; issue 20 point 4). Pages show data masked; the one way to the clear values is an
action built on ``do_reveal`` and a page answered through ``personal_data_response``.

Used by grid events (the reporting resident's contact), supervision cases (the complainant) and the
certificate register (the resident's name and 身份证号, on a certificate and in the Excel export).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import audit
from .errors import NotAllowed

T = TypeVar("T")


def do_reveal(
    actor: Any,
    obj: models.Model | None,
    *,
    allowed: bool,
    refusal: str,
    event_type: str,
    fields: list[str],
    read: Callable[[], T],
    objects: Sequence[models.Model] | None = None,
) -> T:
    """Refuse (``refusal``) unless ``allowed``; else record who read which fields of ``obj`` (or of
    each of ``objects``) — never the values — and return ``read()``, the clear data."""
    if not allowed:
        raise NotAllowed(refusal)
    after: dict[str, Any] = {"fields": fields}
    if objects:
        after["objects"] = [f"{o._meta.label_lower}:{o.pk}" for o in objects][:500]
        after["count"] = len(objects)
    audit.record(actor, event_type, obj, after=after)
    return read()


def personal_data_response(response: HttpResponse) -> HttpResponse:
    """Mark a response holding personal data in clear: never kept by the browser or a proxy."""
    response["Cache-Control"] = "no-store"
    return response


def render_personal_data(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return personal_data_response(render(request, template, context))
