"""The case workflow, one table: received → verifying → substantiated / unsubstantiated →
督办单 issued → department replies → accepted (closed) or sent back; 回头看 can reopen a closed case."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jianfu.core.transitions import Edge, Workflow

from .choices import CaseState as S
from .models import Case
from .permissions import is_case_department, supervises


def _stamp_substantiated(case: Case, actor: Any, reason: str) -> None:
    case.finding = reason
    case.decided_at = case.substantiated_at = timezone.now()


def _stamp_unsubstantiated(case: Case, actor: Any, reason: str) -> None:
    case.finding = reason
    case.decided_at = timezone.now()


def _stamp_closed(case: Case, actor: Any, reason: str) -> None:
    case.closed_at = timezone.now()


def _reopen(case: Case, actor: Any, reason: str) -> None:
    case.closed_at = None
    case.reopen_count += 1
    case.substantiated_at = timezone.now()


def _needs_department(case: Case, actor: Any) -> str | None:
    return None if case.department_id else "请先确定责任单位。"


CASE = Workflow(
    "supervision.case",
    Case,
    "state",
    [
        Edge(S.RECEIVED, "verify", S.VERIFYING, allowed=supervises, label="开始核查"),
        Edge(
            S.VERIFYING,
            "substantiate",
            S.SUBSTANTIATED,
            allowed=supervises,
            label="核查属实",
            needs_reason=True,
            guard=_needs_department,
            effect=_stamp_substantiated,
            extra_fields=("finding", "decided_at", "substantiated_at"),
        ),
        Edge(
            S.VERIFYING,
            "dismiss",
            S.UNSUBSTANTIATED,
            allowed=supervises,
            label="核查不属实",
            needs_reason=True,
            effect=_stamp_unsubstantiated,
            extra_fields=("finding", "decided_at"),
        ),
        Edge(
            S.SUBSTANTIATED, "issue_order", S.ORDERED, allowed=supervises, label="下发督办单", guard=_needs_department
        ),
        Edge(S.ORDERED, "reply", S.REPLIED, allowed=is_case_department, label="部门回复整改情况"),
        Edge(
            S.REPLIED,
            "accept",
            S.CLOSED,
            allowed=supervises,
            label="验收办结",
            effect=_stamp_closed,
            extra_fields=("closed_at",),
        ),
        Edge(S.REPLIED, "send_back", S.ORDERED, allowed=supervises, label="退回重新整改", needs_reason=True),
        Edge(
            S.CLOSED,
            "reopen",
            S.SUBSTANTIATED,
            allowed=supervises,
            label="回头看发现反弹，重新督办",
            needs_reason=True,
            effect=_reopen,
            extra_fields=("closed_at", "reopen_count", "substantiated_at"),
        ),
    ],
)

# Moves made from the case page with only a reason; the others have their own forms and actions.
SIMPLE_ACTIONS = ("verify", "substantiate", "dismiss", "accept", "send_back")
