"""Supervision API: cases, their history and the scoreboard (signed in); public intake and look-up.

Mounted at the API root so that the public routes are exactly ``/api/v1/reports``. Departments get
the department view of a case (never the reporter); the public look-up gives status and dates only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.errors import NotFound
from jianfu.core.net import client_ip
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from . import actions, ratelimit, selectors
from .permissions import is_supervisor

PREFIX = ""
router = Router(tags=["监督督办"])


class ReportIn(Schema):
    county_code: str
    title: str
    description: str
    department_code: str = ""
    reporter_name: str = ""
    reporter_contact: str = ""


class TrackingOut(Schema):
    tracking_code: str
    state: str
    state_label: str
    received_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None


class ScoreRow(Schema):
    code: str
    department: str
    burden_hours: float
    cases: int
    orders: int
    overdue: int
    open: int


class HistoryRow(Schema):
    at: dt.datetime
    event: str
    label: str
    by: str
    before: str | None
    after: str | None
    reason: str


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()}


@router.get(
    "/supervision/cases",
    response=Page[dict[str, Any]],
    summary="监督案件列表（督办单位看全部；部门只看下发给本单位的，且不含反映人信息；分页）",
)
def list_cases(request: AuthedRequest, paging: Query[PageQuery], state: str = "") -> dict[str, Any]:
    user = request.user
    if is_supervisor(user):
        cases = selectors.office_cases(user, state=state)
        return page_of(request, cases, paging, lambda c: _jsonable(selectors.case_for_office(c)))
    cases = selectors.department_cases(user)
    if state:
        cases = cases.filter(state=state)
    return page_of(request, cases, paging, lambda c: _jsonable(selectors.case_for_department(c)))


@router.get("/supervision/cases/{case_id}", summary="一件监督案件")
def get_case(request: AuthedRequest, case_id: int) -> dict[str, Any]:
    case, as_office = selectors.visible_case(request.user, case_id)
    data = selectors.case_for_office(case) if as_office else selectors.case_for_department(case)
    data["orders"] = [
        {
            "id": o.pk,
            "doc_no": o.doc_no,
            "department": o.department.name,
            "deadline": o.deadline.isoformat(),
            "was_overdue": o.was_overdue,
            "issued_at": o.issued_at.isoformat(),
        }
        for o in case.orders.select_related("department")
    ]
    return _jsonable(data)


@router.get("/supervision/cases/{case_id}/history", response=Page[HistoryRow], summary="案件办理记录（审计日志；分页）")
def case_history(request: AuthedRequest, case_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
    case, as_office = selectors.visible_case(request.user, case_id)
    return page_of(request, selectors.case_history(request.user, case, as_office=as_office), paging)


@router.get("/supervision/scoreboard", response=Page[ScoreRow], summary="部门记分板（分页）")
def scoreboard(
    request: AuthedRequest, paging: Query[PageQuery], start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, Any]:
    today = timezone.localdate()
    start = start or dt.date(today.year, 1, 1)
    end = end or today
    rows = selectors.scoreboard(request.user, start, end)
    return page_of(request, rows, paging, lambda r: {**r, "burden_hours": float(r["burden_hours"])})


@router.post("/reports", auth=None, response={201: TrackingOut}, summary="群众匿名举报（无需登录，返回查询码）")
def submit_report(request: HttpRequest, payload: ReportIn) -> Status[dict[str, Any]]:
    if not ratelimit.allow_public_report(client_ip(request), payload.county_code[:12]):
        raise HttpError(429, ratelimit.MESSAGE)
    county = selectors.public_county(payload.county_code)
    department = None
    if payload.department_code:
        department = Org.objects.filter(code=payload.department_code).first()
        if department is None or not tree.in_division(department, tree.county_code(county.region_code)):
            raise NotFound(_("被反映的单位不在本县（区）范围内。"))
    case = actions.do_submit_public_report(
        county=county,
        title=payload.title,
        description=payload.description,
        department=department,
        reporter_name=payload.reporter_name,
        reporter_contact=payload.reporter_contact,
    )
    return Status(201, selectors.tracking_status(case.tracking_code))


@router.get(
    "/reports/{tracking_code}", auth=None, response=TrackingOut, summary="凭查询码查询举报办理状态（仅状态和日期）"
)
def track_report(request: HttpRequest, tracking_code: str) -> dict[str, Any]:
    return selectors.tracking_status(tracking_code)
