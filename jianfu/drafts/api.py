"""API of the draft review (发文前审核), mounted at /api/v1/drafts/."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jianfu.core.errors import ActionError
from jianfu.core.pagination import Page, PageQuery, page_of

from . import actions, selectors, service
from .models import Draft

PREFIX = "drafts"
router = Router(tags=["发文前审核"])

SCAN_BODY = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"text": {"type": "string", "description": "正文"}}}
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": ".docx / .pdf / .txt"},
                        "text": {"type": "string"},
                    },
                }
            },
        }
    }
}


def _text_of(request: HttpRequest) -> str:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise ActionError(_("请求体不是有效的 JSON。")) from None
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str):
            raise ActionError(_("请提供正文 text，或以 multipart 上传文件 file。"), field="text")
        return text
    upload = request.FILES.get("file")
    if upload is not None:
        text, _checked = service.read_upload(upload)
        return text
    text = request.POST.get("text", "")
    if not text:
        raise ActionError(_("请提供正文 text，或以 multipart 上传文件 file。"), field="text")
    return text


@router.post("/scan", summary="发文前审核：扫描文稿中给社区增加负担的条款（不保存）", openapi_extra=SCAN_BODY)
def scan(request: HttpRequest) -> dict[str, Any]:
    """Split a draft (JSON ``{"text": …}``, or multipart ``file`` = .docx/.pdf/.txt, or ``text``)
    into clauses and flag each one that puts work on communities, with the gate's verdict against
    the caller's county lists, the rule, the estimated burden and a suggested fix. Nothing is
    stored: an OA system may call it before every issue."""
    result = service.scan_text(_text_of(request), county=service.county_for(request.user))
    return result.as_dict()


# The review workflow -----------------------------------------------------------------------------


class ClauseOut(Schema):
    id: int
    index: int
    start: int
    end: int
    text: str
    kind: str
    kind_label: str
    subject: str
    verdict: str
    verdict_label: str
    basis: str
    rule: str
    fix: str
    severity: str
    frequency: str
    occurrences_per_year: int
    minutes_per_occurrence: int
    communities: int
    total_hours: float
    dismissed: bool
    note: str


class OpinionOut(Schema):
    id: int
    number: str
    decision: str
    decision_label: str
    text: str
    conditions: str
    reviewer_org: str
    created_at: dt.datetime


class DraftOut(Schema):
    id: int
    title: str
    org: str
    affairs: str
    state: str
    state_label: str
    issue_date: dt.date
    issued_on: dt.date | None
    doc_number: str
    version: int
    clause_count: int
    flagged_count: int
    total_hours: float
    case_id: int | None
    submitted_at: dt.datetime


class DraftDetailOut(DraftOut):
    text: str
    clauses: list[ClauseOut]
    opinions: list[OpinionOut]


class DecisionIn(Schema):
    decision: str
    opinion: str = ""
    conditions: str = ""
    dismissed: list[int] = []
    note: str = ""


class IssueIn(Schema):
    issued_on: str = ""
    doc_number: str = ""


class ReasonIn(Schema):
    reason: str = ""


def _draft_out(d: Draft) -> dict[str, Any]:
    return {
        "id": d.pk, "title": d.title, "org": d.org.name, "affairs": d.affairs, "state": d.state,
        "state_label": d.get_state_display(), "issue_date": d.issue_date, "issued_on": d.issued_on,
        "doc_number": d.doc_number, "version": d.version, "clause_count": d.clause_count,
        "flagged_count": d.flagged_count, "total_hours": d.total_hours, "case_id": d.case_id,
        "submitted_at": d.submitted_at,
    }  # fmt: skip


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    d = selectors.get_draft(request.user, pk)
    clauses = [
        {
            "id": c.pk,
            "index": c.index,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "kind": c.kind,
            "kind_label": c.kind_label,
            "subject": c.subject,
            "verdict": c.verdict,
            "verdict_label": c.verdict_label,
            "basis": c.basis,
            "rule": c.rule,
            "fix": c.fix,
            "severity": c.severity,
            "frequency": c.frequency,
            "occurrences_per_year": c.occurrences,
            "minutes_per_occurrence": c.minutes,
            "communities": c.communities,
            "total_hours": c.total_hours,
            "dismissed": c.dismissed,
            "note": c.note,
        }
        for c in selectors.clauses_of(d)
    ]
    opinions = [
        {
            "id": o.pk,
            "number": o.number_label,
            "decision": o.decision,
            "decision_label": o.get_decision_display(),
            "text": o.text,
            "conditions": o.conditions,
            "reviewer_org": o.reviewer_org.name,
            "created_at": o.created_at,
        }
        for o in selectors.opinions_of(d)
    ]
    return {**_draft_out(d), "text": d.text, "clauses": clauses, "opinions": opinions}


SUBMIT_BODY = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["title", "affairs", "issue_date", "text"],
                    "properties": {
                        "title": {"type": "string"},
                        "affairs": {"type": "string", "enum": ["party", "government"]},
                        "issue_date": {"type": "string", "format": "date"},
                        "text": {"type": "string"},
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "affairs": {"type": "string"},
                        "issue_date": {"type": "string", "format": "date"},
                        "file": {"type": "string", "format": "binary", "description": ".docx / .pdf / .txt"},
                        "text": {"type": "string"},
                    },
                }
            },
        }
    }
}


def _submission(request: HttpRequest) -> dict[str, Any]:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise ActionError(_("请求体不是有效的 JSON。")) from None
        if not isinstance(body, dict):
            raise ActionError(_("请求体应为 JSON 对象。"))
        return {k: body.get(k) for k in ("title", "affairs", "issue_date", "text")}
    data: dict[str, Any] = {k: request.POST.get(k, "") for k in ("title", "affairs", "issue_date", "text")}
    data["file"] = request.FILES.get("file")
    return data


@router.get("", response=Page[DraftOut], summary="可见的报审文稿（分页）")
def list_drafts(request: HttpRequest, paging: Query[PageQuery], state: str = "") -> dict[str, Any]:
    qs = selectors.drafts_for(request.user)
    if state:
        qs = qs.filter(state=state)
    return page_of(request, qs, paging, _draft_out)


@router.post("", response={201: DraftDetailOut}, summary="提交文稿审核（保存并扫描）", openapi_extra=SUBMIT_BODY)
def submit_draft(request: HttpRequest) -> Status[dict[str, Any]]:
    """A department or township submits a draft (JSON with ``text``, or multipart with ``file``)
    with its title, affairs (party / government: who reviews) and intended issue date."""
    draft = actions.do_submit_draft(actor=request.user, data=_submission(request))
    return Status(201, _detail(request, draft.pk))


@router.get("/{draft_id}", response=DraftDetailOut, summary="文稿及其涉社区条款、审核意见")
def get_draft(request: HttpRequest, draft_id: int) -> dict[str, Any]:
    return _detail(request, draft_id)


@router.post("/{draft_id}/decision", response=DraftDetailOut, summary="审核：通过 / 附条件通过 / 退回修改")
def decide(request: HttpRequest, draft_id: int, payload: DecisionIn) -> dict[str, Any]:
    draft = selectors.get_draft(request.user, draft_id)
    actions.do_review_draft(draft, actor=request.user, **payload.dict())
    return _detail(request, draft_id)


@router.post("/{draft_id}/issue", response=DraftDetailOut, summary="登记印发（须审核通过）")
def issue(request: HttpRequest, draft_id: int, payload: IssueIn) -> dict[str, Any]:
    draft = selectors.get_draft(request.user, draft_id)
    actions.do_issue_draft(
        draft, actor=request.user, issued_on=payload.issued_on or None, doc_number=payload.doc_number
    )
    return _detail(request, draft_id)


@router.post("/{draft_id}/withdraw", response=DraftDetailOut, summary="撤回文稿")
def withdraw(request: HttpRequest, draft_id: int, payload: ReasonIn) -> dict[str, Any]:
    draft = selectors.get_draft(request.user, draft_id)
    actions.do_withdraw_draft(draft, actor=request.user, reason=payload.reason)
    return _detail(request, draft_id)


@router.post("/{draft_id}/report-unreviewed", response=DraftDetailOut, summary="报告未经审核印发（转监督）")
def report_unreviewed(request: HttpRequest, draft_id: int, payload: ReasonIn) -> dict[str, Any]:
    draft = selectors.get_draft(request.user, draft_id)
    actions.do_report_unreviewed(draft, actor=request.user, reason=payload.reason)
    return _detail(request, draft_id)
