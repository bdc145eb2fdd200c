"""Writing the audit log. Only actions call ``record``."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from . import auditchain
from .context import current_request_id
from .models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of ``obj`` as JSON-safe values (foreign keys as their ids)."""
    data: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        data[name] = _jsonable(getattr(obj, attname))
    return data


def record(
    actor: Any,
    event_type: str,
    obj: models.Model | None = None,
    *,
    org: Any = None,
    region_code: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one audit entry. ``org`` defaults to the actor's org, ``region_code`` to the object's."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if org is None and actor is not None:
        org = getattr(actor, "org", None)
    if region_code is None:
        region_code = getattr(obj, "region_code", None) or getattr(org, "region_code", "") or ""
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_name=(actor.get_full_name() or actor.username) if actor is not None else "系统",
        org=org,
        region_code=region_code,
        event_type=event_type,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        reason=reason,
        request_id=current_request_id(),
    )
    with transaction.atomic():
        auditchain.link(entry)
        entry.save(force_insert=True)
    return entry
