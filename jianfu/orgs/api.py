"""API: who am I, and the org tree I may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest

from .choices import ROLE_SHORT, OrgKind, Role
from .models import Org
from .scoping import jurisdiction, visible_orgs

PREFIX = ""
router = Router(tags=["组织与用户"])


class OrgOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    dept_kind: str
    region_code: str
    parent_code: str | None
    is_generated: bool


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    org: OrgOut | None
    jurisdiction: OrgOut | None


def _org_out(org: Org) -> dict:
    return {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "kind_label": org.get_kind_display(),
        "dept_kind": org.dept_kind,
        "region_code": org.region_code,
        "parent_code": org.parent.code if org.parent is not None else None,
        "is_generated": org.is_generated,
    }


@router.get("/me", response=MeOut, summary="当前用户")
def me(request: AuthedRequest) -> dict:
    user = request.user
    division = jurisdiction(user)
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "role": user.role,
        "role_label": str(ROLE_SHORT.get(Role(user.role), "")) if user.role else "",
        "org": _org_out(user.org) if user.org else None,
        "jurisdiction": _org_out(division) if division else None,
    }


@router.get("/orgs", response=Page[OrgOut], summary="可见的组织机构树（扁平列表，含上级编码；分页）")
def orgs(request: HttpRequest, paging: Query[PageQuery], kind: str = "") -> dict[str, Any]:
    qs = visible_orgs(request.user).filter(is_active=True).select_related("parent").order_by("code")
    if kind:
        qs = qs.filter(kind=kind)
    rows = qs.values("code", "name", "kind", "dept_kind", "region_code", "is_generated", "parent__code")
    labels = dict(OrgKind.choices)
    return page_of(request, rows, paging, lambda r: {
        **{k: v for k, v in r.items() if k != "parent__code"},
        "parent_code": r["parent__code"],
        "kind_label": labels[r["kind"]],
    })  # fmt: skip
