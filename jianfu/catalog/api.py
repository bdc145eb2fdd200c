"""API of the lists (清单). Reading published versions is public (no token); importing and
publishing need a list owner of that jurisdiction (token or session)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile

from jianfu.core.errors import NotAllowed, NotFound
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import in_scope

from . import actions, selectors
from .models import ListItem, ListVersion
from .permissions import can_edit_lists
from .reduction import Cut
from .workload import WorkloadOut, workload_out

PREFIX = "lists"
router = Router(tags=["社区工作事项清单"])


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


class VersionSummary(Schema):
    number: int | None
    status: str
    title: str
    note: str
    effective_date: dt.date | None
    published_at: dt.datetime | None
    full_review: bool
    item_count: int


class ProvenanceOut(Schema):
    """Where an item comes from, as its source document states it (出处)."""

    issuer: str
    doc_number: str
    issued_on: dt.date | None
    level: str
    level_label: str
    batch: str
    adopted_from: str


class ItemOut(WorkloadOut):
    code: str
    title: str
    category: str
    category_label: str
    cert_kind: str
    statutory: bool
    basis: str
    department_code: str | None
    department_name: str | None
    scope: str
    process: str
    conditions: str
    bodies: list[str]
    community_types: list[str]
    plaque_kind: str
    plaque_position: str
    plaque_quota: int | None
    provenance: ProvenanceOut
    review_date: dt.date | None
    jurisdiction_hours: Decimal
    url: str


class TotalOut(Schema):
    label: str
    items: int
    burden_items: int
    hours: Decimal
    jurisdiction_hours: Decimal


class VersionOut(VersionSummary):
    region_code: str
    jurisdiction: str
    totals: TotalOut
    by_category: list[TotalOut]
    by_department: list[TotalOut]
    items: list[ItemOut]


class VersionsOut(Schema):
    region_code: str
    jurisdiction: str
    versions: list[VersionSummary]


class ChangeOut(Schema):
    code: str
    title: str
    fields: list[dict[str, str]]


class BriefItem(Schema):
    code: str
    title: str
    category: str


class CutOut(Schema):
    """One row of the reduction: burden items (and hours) before → after, and what was cancelled."""

    key: str
    label: str
    items_before: int
    items_after: int
    cancelled: int
    added: int
    items_cut_pct: Decimal | None
    hours_before: Decimal
    hours_after: Decimal
    hours_cut_pct: Decimal | None


class DiffOut(Schema):
    region_code: str
    from_version: int
    to_version: int
    added: list[BriefItem]
    removed: list[BriefItem]
    changed: list[ChangeOut]
    unchanged: int
    items_before: int
    items_after: int
    items_cut_pct: Decimal | None
    hours_before: Decimal
    hours_after: Decimal
    hours_cut_pct: Decimal | None
    items_cancelled: int
    items_added: int
    by_category: list[CutOut]
    by_body: list[CutOut]


class ImportOut(Schema):
    region_code: str
    draft_items: int
    detail: str


class PublishIn(Schema):
    effective_date: dt.date
    note: str = ""
    title: str = ""
    full_review: bool = False


def _summary(version: ListVersion, count: int | None = None) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "title": version.title,
        "note": version.note,
        "effective_date": version.effective_date,
        "published_at": version.published_at,
        "full_review": version.full_review,
        "item_count": count if count is not None else version.items.count(),
    }


def _total(t: selectors.Total) -> dict[str, Any]:
    return {
        "label": t.label,
        "items": t.items,
        "burden_items": t.burden_items,
        "hours": t.hours.quantize(Decimal("0.1")),
        "jurisdiction_hours": t.jurisdiction_hours.quantize(Decimal("0.1")),
    }


def _item(item: ListItem, owner: Org, communities: dict[str, int]) -> dict[str, Any]:
    department = item.department
    return {
        **workload_out(item),
        "code": item.code,
        "title": item.title,
        "category": item.category,
        "category_label": item.get_category_display(),
        "cert_kind": item.cert_kind,
        "statutory": item.statutory,
        "basis": item.basis,
        "department_code": department.code if department is not None else None,
        "department_name": department.name if department is not None else None,
        "scope": item.scope,
        "process": item.process,
        "conditions": item.conditions,
        "bodies": list(item.bodies or []),
        "community_types": list(item.community_types or []),
        "plaque_kind": item.plaque_kind,
        "plaque_position": item.plaque_position,
        "plaque_quota": item.plaque_quota,
        "provenance": {
            "issuer": item.issuer,
            "doc_number": item.doc_number,
            "issued_on": item.issued_on,
            "level": item.source_level,
            "level_label": item.get_source_level_display() if item.source_level else "",
            "batch": item.batch,
            "adopted_from": item.adopted_from,
        },
        "review_date": item.review_date,
        "jurisdiction_hours": item.hours_per_community * communities[item.applies_to],
        "url": f"/public/lists/{owner.region_code}/items/{item.code}/",
    }


def _cut(c: Cut) -> dict[str, Any]:
    return {
        "key": c.key,
        "label": c.label,
        "items_before": c.before,
        "items_after": c.after,
        "cancelled": c.cancelled,
        "added": c.added,
        "items_cut_pct": c.items_pct,
        "hours_before": c.hours_before.quantize(Decimal("0.1")),
        "hours_after": c.hours_after.quantize(Decimal("0.1")),
        "hours_cut_pct": c.hours_pct,
    }


def _version_out(owner: Org, version: ListVersion) -> dict[str, Any]:
    totals = selectors.totals_of(version)
    items = [_item(i, owner, totals.communities) for i in selectors.items_of(version)]
    return {
        **_summary(version, len(items)),
        "region_code": owner.region_code,
        "jurisdiction": owner.name,
        "totals": _total(totals.all),
        "by_category": [_total(t) for t in totals.by_category],
        "by_department": [_total(t) for t in totals.by_department],
        "items": items,
    }


@router.get(
    "/{region_code}",
    response={200: VersionOut, 404: ErrorOut},
    auth=None,
    summary="现行清单（最新发布版本及其全部事项，公开）",
)
def current(request: HttpRequest, region_code: str) -> Any:
    owner = selectors.public_owner(region_code)
    version = selectors.current_version(owner)
    if version is None:
        raise NotFound(_("该辖区尚未发布清单。"))
    return _version_out(owner, version)


@router.get(
    "/{region_code}/versions",
    response={200: VersionsOut, 404: ErrorOut},
    auth=None,
    summary="已发布的全部版本（公开）",
)
def versions(request: HttpRequest, region_code: str) -> Any:
    owner = selectors.public_owner(region_code)
    from django.db.models import Count

    qs = selectors.published_versions(owner).annotate(n=Count("items"))
    return {
        "region_code": owner.region_code,
        "jurisdiction": owner.name,
        "versions": [_summary(v, v.n) for v in qs],
    }


@router.get(
    "/{region_code}/versions/{number}",
    response={200: VersionOut, 404: ErrorOut},
    auth=None,
    summary="某一已发布版本及其全部事项（公开）",
)
def version(request: HttpRequest, region_code: str, number: int) -> Any:
    owner = selectors.public_owner(region_code)
    return _version_out(owner, selectors.get_public_version(owner, number))


@router.get(
    "/{region_code}/diff",
    response={200: DiffOut, 404: ErrorOut},
    auth=None,
    summary="两个已发布版本的差异：新增、删除、逐字段修改，事项和工时的变化，按类别和按村/社区的精简率（公开）",
)
def diff(request: HttpRequest, region_code: str, to: int, from_: int = Query(..., alias="from")) -> Any:
    owner = selectors.public_owner(region_code)
    old = selectors.get_public_version(owner, from_)
    new = selectors.get_public_version(owner, to)
    d = selectors.diff_versions(old, new)
    red = selectors.reduction(old, new)
    brief = lambda i: {"code": i.code, "title": i.title, "category": i.category}  # noqa: E731
    return {
        "region_code": owner.region_code,
        "from_version": old.number,
        "to_version": new.number,
        "added": [brief(i) for i in d.added],
        "removed": [brief(i) for i in d.removed],
        "changed": [
            {
                "code": c.code,
                "title": c.title,
                "fields": [{"field": f, "before": a, "after": b} for f, a, b in c.fields],
            }
            for c in d.changed
        ],
        "unchanged": d.unchanged,
        "items_before": red.total.before,
        "items_after": red.total.after,
        "items_cut_pct": red.items_pct,
        "hours_before": red.before.hours.quantize(Decimal("0.1")),
        "hours_after": red.after.hours.quantize(Decimal("0.1")),
        "hours_cut_pct": red.hours_pct,
        "items_cancelled": red.total.cancelled,
        "items_added": red.total.added,
        "by_category": [_cut(c) for c in red.categories],
        "by_body": [_cut(c) for c in red.bodies],
    }


def _owner_for_write(request: HttpRequest, region_code: str) -> Org:
    owner = selectors.public_owner(region_code)
    # Another jurisdiction's lists are not editable from here at all: answer as if absent.
    if selectors.owner_for_user(request.user) != owner and not in_scope(request.user, owner.region_code):
        raise NotFound(_("未找到该辖区。"))
    if not can_edit_lists(request.user, owner):
        raise NotAllowed(_("只有本辖区的县级民政、组织部门可以编辑清单。"))
    return owner


@router.post(
    "/{region_code}/import",
    response={200: ImportOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Excel 导入到草稿（全部或全不；错误逐行列出；疑似重复事项 409，confirm_duplicates=true 确认）",
)
def import_(
    request: HttpRequest,
    region_code: str,
    file: UploadedFile = File(...),  # noqa: B008
    confirm_duplicates: bool = False,
) -> Any:
    owner = _owner_for_write(request, region_code)
    draft = actions.do_import_items(owner, actor=request.user, upload=file, confirm_duplicates=confirm_duplicates)
    n = draft.items.count()
    return {"region_code": owner.region_code, "draft_items": n, "detail": f"已导入 {n} 项到草稿。"}


@router.post(
    "/{region_code}/publish",
    response={200: VersionSummary, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="将草稿发布为新版本（清单管理员）",
)
def publish(request: HttpRequest, region_code: str, payload: PublishIn) -> Any:
    owner = _owner_for_write(request, region_code)
    draft = selectors.draft_version(owner)
    if draft is None:
        raise NotFound(_("当前没有草稿可发布。"))
    published = actions.do_publish_version(
        draft,
        actor=request.user,
        effective_date=payload.effective_date,
        note=payload.note,
        title=payload.title,
        full_review=payload.full_review,
    )
    return _summary(published)
