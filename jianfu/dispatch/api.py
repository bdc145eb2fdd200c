"""API: the dispatch gate, sending tasks and the community inbox (mounted at /api/v1/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jianfu.core.errors import ActionError, NotFound
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.scopes import scope
from jianfu.orgs.scoping import visible_orgs

from . import actions, gate, selectors
from .models import Dispatch, Task

PREFIX = ""
router = Router(tags=["任务派发与清单审查"])


class GateIn(Schema):
    title: str
    description: str = ""
    category: str = ""
    target_org: str
    list_item_code: str = ""
    application_id: int | None = None


class MatchOut(Schema):
    code: str
    title: str
    category: str
    category_label: str
    cert_kind: str | None = None
    score: float
    phrase: str = ""


class RuleOut(Schema):
    rule: str
    message: str
    severity: str = ""
    citation: str = ""


class GateOut(Schema):
    verdict: str
    verdict_label: str
    basis: str
    list_item_code: str | None
    application_id: int | None
    certificate_kind: str | None
    confidence: float
    matches: list[MatchOut]
    rules: list[RuleOut]


class SendIn(Schema):
    targets: list[str]
    title: str
    description: str = ""
    list_item_code: str = ""
    application_id: int | None = None
    deadline: str = ""
    expected_minutes: int = 0
    confirm_unlisted: bool = False


class DispatchOut(Schema):
    id: int
    title: str
    verdict: str
    basis: str
    task_count: int
    sender_org: str
    created_at: dt.datetime


class TaskOut(Schema):
    id: int
    title: str
    description: str
    community: str
    sender_org: str
    verdict: str
    verdict_label: str
    basis: str
    state: str
    deadline: dt.date | None
    expected_minutes: int
    minutes_spent: int | None
    reason: str


class RefuseIn(Schema):
    reason: str = ""


class CompleteIn(Schema):
    minutes: int


def _dispatch_out(d: Dispatch) -> dict[str, Any]:
    return {
        "id": d.pk,
        "title": d.title,
        "verdict": d.verdict,
        "basis": d.basis,
        "task_count": d.task_count,
        "sender_org": d.sender_org.name,
        "created_at": d.created_at,
    }


def _task_out(t: Task) -> dict[str, Any]:
    return {
        "id": t.pk,
        "title": t.title,
        "description": t.dispatch.description,
        "community": t.community.name,
        "sender_org": t.sender_org.name,
        "verdict": t.verdict,
        "verdict_label": t.get_verdict_display(),
        "basis": t.dispatch.basis,
        "state": t.state,
        "deadline": t.deadline,
        "expected_minutes": t.expected_minutes,
        "minutes_spent": t.minutes_spent,
        "reason": t.reason,
    }


@router.post("/gate/check", response=GateOut, summary="清单审查：拟派发任务的审查结论（不派发）")
@scope("gate:check")
def gate_check(request: HttpRequest, payload: GateIn) -> dict:
    """Verdict (listed / admitted / unlisted / negative / mismatch 依据不符 / review 待人工研判),
    the certificate kind when the task demands a certificate (allowed / forbidden), the
    confidence (0..1), the list items it matched with their similarity scores and the matched
    phrase, and the rules hit (rule, message, severity, citation). ``target_org`` is an org code
    in the caller's jurisdiction (a community, township or county); another jurisdiction's code is
    a 404; a named basis that does not exist or does not fit is a 依据不符 verdict."""
    target = visible_orgs(request.user).filter(code=payload.target_org.strip(), is_active=True).first()
    if target is None or not target.is_division:
        raise NotFound(_("未找到该接收单位。"))
    if not payload.title.strip():
        raise ActionError(_("请填写任务名称。"), field="title")
    application = actions.resolve_application(request.user, payload.application_id) if payload.application_id else None
    result = gate.check(
        target,
        title=payload.title.strip()[:200],
        description=payload.description[:4000],
        category=payload.category,
        list_item_code=payload.list_item_code.strip(),
        application=application,
        sender=getattr(request.user, "org", None),
    )
    return result.as_dict()


@router.post("/tasks", response={201: DispatchOut}, summary="派发任务（无依据的任务须 confirm_unlisted）")
def send_task(request: HttpRequest, payload: SendIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    confirm = data.pop("confirm_unlisted")
    dispatch = actions.do_send_task(actor=request.user, data=data, confirm_unlisted=confirm)
    return Status(201, _dispatch_out(dispatch))


@router.get("/tasks", response=Page[DispatchOut], summary="可见的派发记录（分页）")
def list_tasks(request: HttpRequest, paging: Query[PageQuery]) -> dict[str, Any]:
    return page_of(request, selectors.dispatches_for(request.user), paging, _dispatch_out)


@router.get("/inbox", response=Page[TaskOut], summary="本社区的任务收件箱（分页）")
def inbox(request: HttpRequest, paging: Query[PageQuery], state: str = "") -> dict[str, Any]:
    qs = selectors.inbox_for(request.user).select_related("community")
    if state:
        qs = qs.filter(state=state)
    return page_of(request, qs, paging, _task_out)


@router.post("/inbox/{task_id}/accept", response=TaskOut, summary="接收任务")
def accept(request: HttpRequest, task_id: int) -> dict:
    task = selectors.get_inbox_task(request.user, task_id)
    actions.do_accept_task(task, actor=request.user)
    return _task_out(selectors.get_inbox_task(request.user, task_id))


@router.post("/inbox/{task_id}/refuse", response=TaskOut, summary="拒收任务（未准入、负面清单任务可不填理由）")
def refuse(request: HttpRequest, task_id: int, payload: RefuseIn) -> dict:
    task = selectors.get_inbox_task(request.user, task_id)
    actions.do_refuse_task(task, actor=request.user, reason=payload.reason)
    return _task_out(selectors.get_inbox_task(request.user, task_id))


@router.post("/inbox/{task_id}/complete", response=TaskOut, summary="完成任务并填报实际用时")
def complete(request: HttpRequest, task_id: int, payload: CompleteIn) -> dict:
    task = selectors.get_inbox_task(request.user, task_id)
    actions.do_complete_task(task, actor=request.user, minutes=payload.minutes)
    return _task_out(selectors.get_inbox_task(request.user, task_id))
