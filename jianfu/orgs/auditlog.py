"""The audit log as the auditor (审计员) reads it: the jurisdiction's entries, filtered, and as Excel."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jianfu.core import events
from jianfu.core.models import AuditEntry

from .scoping import scope_q

EXPORT_MAX_ROWS = 50_000  # about a minute of openpyxl on a small server; filter by period for more
HEADERS = [
    "时间", "操作人", "事件", "事件代码", "对象", "对象类型", "对象编号", "变更前", "变更后", "理由",
    "区划代码", "请求号", "审计链", "序号", "哈希",
]  # fmt: skip


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_log(
    user: Any,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    actor: str = "",
    event_type: str = "",
) -> QuerySet[AuditEntry]:
    """Entries of the user's jurisdiction, newest first; the caller has checked ``can_read_audit_log``."""
    entries = AuditEntry.objects.filter(scope_q(user, "region_code")).exclude(region_code="")
    if start is not None:
        entries = entries.filter(at__gte=_day_start(start))
    if end is not None:
        entries = entries.filter(at__lt=_day_start(end + dt.timedelta(days=1)))
    actor = actor.strip()
    if actor:
        entries = entries.filter(Q(actor_name__icontains=actor) | Q(actor__username__iexact=actor))
    if event_type:
        entries = entries.filter(event_type=event_type)
    return entries.order_by("-at", "-id")


def event_type_choices(user: Any) -> list[tuple[str, str]]:
    """The event types present in the jurisdiction's log, with their Chinese names."""
    types = (
        AuditEntry.objects.filter(scope_q(user, "region_code"))
        .exclude(region_code="")
        .order_by("event_type")
        .values_list("event_type", flat=True)
        .distinct()
    )
    return [(t, f"{events.label(t)}（{t}）") for t in types]


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def export_rows(entries: QuerySet[AuditEntry]) -> Any:
    for e in entries[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
        yield [
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            events.label(e.event_type),
            e.event_type,
            e.object_repr,
            e.object_type,
            e.object_id,
            _json(e.before),
            _json(e.after),
            e.reason,
            e.region_code,
            e.request_id,
            e.chain,
            e.seq,
            e.hash,
        ]


def workbook(entries: QuerySet[AuditEntry]) -> Any:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from jianfu.core.xlsx import safe_cell

    def clean(value: Any) -> Any:  # typed sign-in names may hold control characters
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value)

    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.append(HEADERS)
    for row in export_rows(entries):
        sheet.append([clean(v) for v in row])
    return book
