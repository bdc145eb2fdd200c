"""The review workflow of an application (准入申请), declared once.

draft/returned → submitted (申请人提交) → first_passed (初审通过, 组织部 or 民政局) →
approved / rejected / returned (领导小组审议); 初审 may also return it; the applicant may
withdraw any time before the decision.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jianfu.core.transitions import Edge, Workflow

from .choices import AppState as S
from .models import Application
from .permissions import is_applicant, is_approver, is_first_reviewer
from .workdays import add_working_days, review_days


def _can_submit(app: Application, actor: Any) -> str | None:
    if app.has_blocking_finding:
        return "自动预审发现不予受理的问题（见预审结果），请修改后再提交。"
    if app.kind == "annual" and (app.plan_window is None or app.plan_window.state != "open"):
        return "年度计划申报窗口已关闭，请改为临时申请。"
    return None


def _stamp_submitted(app: Application, actor: Any, reason: str) -> None:
    now = timezone.now()
    app.submitted_at = now
    app.due_date = add_working_days(timezone.localdate(now), review_days())
    app.decided_at = None


def _stamp_decided(app: Application, actor: Any, reason: str) -> None:
    app.decided_at = timezone.now()
    app.decision_reason = reason


def _stamp_reason(app: Application, actor: Any, reason: str) -> None:
    app.decision_reason = reason


def _add_to_lists(app: Application, actor: Any, reason: str) -> None:
    from .lists import add_approved_item  # the lists are another app; keep the import local

    _stamp_decided(app, actor, reason)
    app.list_item_code = add_approved_item(app).code


SUBMITTED = ("submitted_at", "due_date", "decided_at")
DECIDED = ("decided_at", "decision_reason")

APPLICATION = Workflow(
    "admission.application",
    Application,
    "state",
    [
        Edge(
            S.DRAFT,
            "submit",
            S.SUBMITTED,
            is_applicant,
            "提交申请",
            guard=_can_submit,
            effect=_stamp_submitted,
            extra_fields=SUBMITTED,
        ),
        Edge(
            S.RETURNED,
            "submit",
            S.SUBMITTED,
            is_applicant,
            "修改后重新提交",
            guard=_can_submit,
            effect=_stamp_submitted,
            extra_fields=SUBMITTED,
        ),
        Edge(
            S.SUBMITTED,
            "pass_first",
            S.FIRST_PASSED,
            is_first_reviewer,
            "初审通过",
            effect=_stamp_reason,
            extra_fields=("decision_reason",),
        ),
        Edge(
            S.SUBMITTED,
            "return_first",
            S.RETURNED,
            is_first_reviewer,
            "初审退回修改",
            needs_reason=True,
            effect=_stamp_decided,
            extra_fields=DECIDED,
        ),
        Edge(
            S.FIRST_PASSED,
            "approve",
            S.APPROVED,
            is_approver,
            "审议批准",
            effect=_add_to_lists,
            extra_fields=(*DECIDED, "list_item_code"),
        ),
        Edge(
            S.FIRST_PASSED,
            "reject",
            S.REJECTED,
            is_approver,
            "不予准入",
            needs_reason=True,
            effect=_stamp_decided,
            extra_fields=DECIDED,
        ),
        Edge(
            S.FIRST_PASSED,
            "return",
            S.RETURNED,
            is_approver,
            "审议退回修改",
            needs_reason=True,
            effect=_stamp_decided,
            extra_fields=DECIDED,
        ),
        Edge(S.DRAFT, "withdraw", S.WITHDRAWN, is_applicant, "撤回"),
        Edge(S.SUBMITTED, "withdraw", S.WITHDRAWN, is_applicant, "撤回"),
        Edge(S.FIRST_PASSED, "withdraw", S.WITHDRAWN, is_applicant, "撤回"),
        Edge(S.RETURNED, "withdraw", S.WITHDRAWN, is_applicant, "撤回"),
    ],
)

# Buttons that need a reason typed in (the others are one click).
DANGER_ACTIONS = {"return_first", "reject", "return", "withdraw"}
