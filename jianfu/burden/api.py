"""API of 负担监测: ledger entries (create, list), breaches, and aggregated metrics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jianfu.catalog.selectors import current_items
from jianfu.core import dates
from jianfu.core.errors import ActionError, NotFound
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import prefix_q

from . import actions, metrics, selectors

PREFIX = "burden"
router = Router(tags=["负担监测"])


class EntryIn(Schema):
    community: str  # community code
    kind: str
    source_org: str  # org code
    occurred_on: dt.date
    minutes: int
    listed: bool | None = None
    list_item: str = ""  # list item code in the community's current lists
    cert_type: str = ""
    is_veto: bool = False
    note: str = ""


class EntryOut(Schema):
    id: int
    community: str
    community_name: str
    kind: str
    source_org: str
    source_org_name: str
    source_level: str
    occurred_on: dt.date
    minutes: int
    listed: bool | None
    list_item: str | None
    event_id: int | None
    cert_type: str
    note: str


class BreachOut(Schema):
    id: int
    rule: str
    rule_title: str
    community: str
    department: str
    occurred_on: dt.date
    period: str
    count: int
    limit: int | None
    description: str
    reason: str
    entry_ids: list[int]
    case_id: int | None


def _entry_out(e) -> dict:
    return {
        "id": e.pk,
        "community": e.community.code,
        "community_name": e.community.name,
        "kind": e.kind,
        "source_org": e.source_org.code,
        "source_org_name": e.source_org.name,
        "source_level": e.source_level,
        "occurred_on": e.occurred_on,
        "minutes": e.minutes,
        "listed": e.listed,
        "list_item": e.list_item.code if e.list_item_id else None,
        "event_id": e.event_id,
        "cert_type": e.cert_type,
        "note": e.note,
    }


@router.post("/entries", response={201: EntryOut}, summary="登记一条负担台账")
def create_entry(request: AuthedRequest, payload: EntryIn) -> Status[dict]:
    try:
        community = selectors.get_community(request.user, payload.community)
    except NotFound as exc:
        raise NotFound(_("未找到该社区，或不在您的辖区内。")) from exc
    source = Org.objects.filter(code=payload.source_org).first()
    if source is None:
        raise ActionError(_("找不到该来源单位编码。"), field="source_org")
    item = None
    if payload.list_item:
        item = current_items(community).filter(code=payload.list_item).first()
        if item is None:
            raise ActionError(_("现行清单中没有该事项编号。"), field="list_item")
    entry = actions.do_record_entry(
        actor=request.user,
        kind=payload.kind,
        community=community,
        source_org=source,
        occurred_on=payload.occurred_on,
        minutes=payload.minutes,
        listed=payload.listed,
        list_item=item,
        note=payload.note,
        cert_type=payload.cert_type,
        is_veto=payload.is_veto,
    )
    return Status(201, _entry_out(entry))


@router.get("/entries", response=Page[EntryOut], summary="负担台账（可按社区、类型、来源、日期筛选；分页）")
def list_entries(
    request: AuthedRequest,
    paging: Query[PageQuery],
    community: str = "",
    region: str = "",
    kind: str = "",
    source_org: str = "",
    listed: bool | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> dict[str, Any]:
    qs = selectors.entries_for(request.user)
    if community:
        qs = qs.filter(community__code=community)
    if region:
        qs = qs.filter(prefix_q(selectors.get_region(request.user, region).region_prefix))
    if kind:
        qs = qs.filter(kind=kind)
    if source_org:
        qs = qs.filter(source_org__code=source_org)
    if listed is not None:
        qs = qs.filter(listed=listed)
    if date_from:
        qs = qs.filter(occurred_on__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_on__lte=date_to)
    return page_of(request, qs.order_by("-occurred_on", "-id"), paging, _entry_out)


@router.get("/breaches", response=Page[BreachOut], summary="超限记录（分页）")
def list_breaches(
    request: AuthedRequest, paging: Query[PageQuery], rule: str = "", community: str = ""
) -> dict[str, Any]:
    qs = selectors.breaches_for(request.user).prefetch_related("entries")
    if rule:
        qs = qs.filter(rule_code=rule)
    if community:
        qs = qs.filter(community__code=community)
    return page_of(request, qs, paging, _breach_out)


def _breach_out(b: Any) -> dict[str, Any]:
    return {
        "id": b.pk,
        "rule": b.rule_code,
        "rule_title": b.rule.title,
        "community": b.community.code,
        "department": b.department.name,
        "occurred_on": b.occurred_on,
        "period": b.period,
        "count": b.count,
        "limit": b.limit,
        "description": b.description,
        "reason": b.reason,
        "entry_ids": [e.pk for e in b.entries.all()],
        "case_id": b.case_id,
    }


@router.get("/metrics", summary="某区划（含下级）的工时与次数：按类别、单位、月份")
def get_metrics(request: AuthedRequest, region: str, date_from: dt.date | None = None, date_to: dt.date | None = None):
    """``from``/``to`` are whole months (the rollups are monthly). A region outside the caller's
    jurisdiction is a 404."""
    params = request.GET
    try:
        raw_from, raw_to = params.get("from"), params.get("to")
        start = dt.date.fromisoformat(raw_from) if raw_from else date_from
        end = dt.date.fromisoformat(raw_to) if raw_to else date_to
    except ValueError as exc:
        raise ActionError(_("日期格式应为 YYYY-MM-DD。")) from exc
    today = dt.date.today()
    end = dates.clamp(end or today)
    start = dates.clamp(start or dt.date(end.year, 1, 1))
    if end < start:
        raise ActionError(_("起始日期不能晚于截止日期。"))
    org = selectors.get_region(request.user, region)
    m = metrics.metrics(org, start, end)
    return {
        "region": org.code,
        "region_name": org.name,
        "from": start,
        "to": end,
        "total": {"count": m.total_count, "hours": m.total_hours},
        "listed_hours": m.listed_hours,
        "unlisted_hours": m.unlisted_hours,
        "by_kind": m.by_kind,
        "by_department": m.by_department,
        "by_month": [{"month": f"{x['month']:%Y-%m}", "count": x["count"], "hours": x["hours"]} for x in m.by_month],
        "by_region": [{"code": c["code"], "name": c["name"], "hours": c["hours"]} for c in m.by_child],
    }
