"""API: admission applications and decisions (mounted at /api/v1/admission)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jianfu.catalog.workload import WorkloadIn, WorkloadOut, workload_out
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest

from . import actions, selectors
from .models import Application

PREFIX = "admission"
router = Router(tags=["准入申请"])


class ApplicationIn(WorkloadIn):
    """An application; its workload fields are the list item's (``catalog.workload``)."""

    kind: str = "adhoc"
    affairs: str
    title: str
    description: str
    basis: str = ""
    category: str
    target_scope: str = "all"
    target_townships: list[str] = []
    start_date: str
    end_date: str


class ApplicationOut(WorkloadOut):
    id: int
    kind: str
    affairs: str
    state: str
    state_label: str
    title: str
    description: str
    basis: str
    category: str
    applicant_org: str
    affected_count: int
    hours_total: Decimal
    start_date: dt.date
    end_date: dt.date
    due_date: dt.date | None
    findings: list[dict]
    decision_reason: str
    list_item_code: str


class DecisionIn(Schema):
    action: str
    reason: str = ""


DECISIONS: dict[str, actions.ApplicationAction] = {
    "pass_first": actions.do_pass_first_review,
    "return": actions.do_return_application,
    "approve": actions.do_approve_application,
    "reject": actions.do_reject_application,
    "withdraw": actions.do_withdraw_application,
}


def _out(app: Application) -> dict[str, Any]:
    return {
        **{f: getattr(app, f) for f in ApplicationOut.model_fields if hasattr(app, f) and f != "applicant_org"},
        **workload_out(app),
        "state_label": app.get_state_display(),
        "applicant_org": app.applicant_org.name,
    }


@router.get("/applications", response=Page[ApplicationOut], summary="可见的准入申请（分页）")
def list_applications(
    request: HttpRequest, paging: Query[PageQuery], state: str = "", kind: str = "", q: str = ""
) -> dict[str, Any]:
    qs = selectors.filter_applications(selectors.applications_for(request.user), state=state, kind=kind, q=q)
    return page_of(request, qs, paging, _out)


@router.post("/applications", response={201: ApplicationOut}, summary="新建准入申请（草稿）")
def create_application(request: HttpRequest, payload: ApplicationIn) -> Status[dict[str, Any]]:
    app = actions.do_create_application(actor=request.user, data=payload.dict())
    return Status(201, _out(app))


@router.get("/applications/{app_id}", response=ApplicationOut, summary="准入申请详情")
def get_application(request: HttpRequest, app_id: int) -> dict:
    return _out(selectors.get_application(request.user, app_id))


@router.post("/applications/{app_id}/submit", response=ApplicationOut, summary="提交（自动预审）")
def submit_application(request: AuthedRequest, app_id: int) -> dict:
    app = selectors.get_application(request.user, app_id)
    actions.do_submit_application(app, actor=request.user)
    return _out(selectors.get_application(request.user, app_id))


@router.post(
    "/applications/{app_id}/decision", response=ApplicationOut, summary="审查决定：初审通过、退回、批准、不予准入、撤回"
)
def decide(request: HttpRequest, app_id: int, payload: DecisionIn) -> dict:
    from jianfu.core.errors import ActionError

    app = selectors.get_application(request.user, app_id)
    fn = DECISIONS.get(payload.action)
    if fn is None:
        raise ActionError(_("未知的操作，应为 pass_first、return、approve、reject 或 withdraw。"), field="action")
    fn(app, actor=request.user, reason=payload.reason)
    return _out(selectors.get_application(request.user, app_id))
