"""The two workflows of admission, declared once.

APPLICATION (准入申请): draft/returned → submitted (申请人提交) → first_passed (初审通过, 组织部
or 民政局) → approved / rejected / returned (领导小组审议); 初审 may also return it; the applicant
may withdraw any time before the decision. The review must be decided within the configured
working days (``REVIEW_DUE``); reviewers are reminded from three working days before.

WINDOW (年度计划申报窗口): open → closed (截止申报) → published (计划清单发布).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jianfu.core.numbering import next_number
from jianfu.core.transitions import Deadline, Edge, Workflow
from jianfu.core.typing import Actor

from .choices import AppState as S
from .choices import WindowState as W
from .models import PLAN_NUMBERS, Application, PlanWindow, plan_issuer
from .permissions import is_applicant, is_approver, is_first_reviewer, manages_window
from .recipients import tell_applicant_decided, tell_reviewers_submitted, tell_reviewers_withdrawn
from .reminders import REMIND_WITHIN, remind_review_due
from .workdays import add_working_days, review_days, working_days_between


def _can_submit(app: Application, actor: Actor) -> str | None:
    if app.has_blocking_finding:
        return "自动预审发现不予受理的问题（见预审结果），请修改后再提交。"
    if app.kind == "annual" and (app.plan_window is None or app.plan_window.state != "open"):
        return "年度计划申报窗口已关闭，请改为临时申请。"
    return None


def _stamp_submitted(app: Application, actor: Actor, reason: str) -> None:
    now = timezone.now()
    app.submitted_at = now
    app.due_date = add_working_days(timezone.localdate(now), review_days())
    app.decided_at = None


def _stamp_decided(app: Application, actor: Actor, reason: str) -> None:
    app.decided_at = timezone.now()
    app.decision_reason = reason


def _stamp_reason(app: Application, actor: Actor, reason: str) -> None:
    app.decision_reason = reason


def _add_to_lists(app: Application, actor: Actor, reason: str) -> None:
    from .lists import add_approved_item  # the lists are another app; keep the import local

    _stamp_decided(app, actor, reason)
    app.list_item_code = add_approved_item(app).code


def _review_candidates(rows: QuerySet[Application]) -> QuerySet[Application]:
    return rows.filter(due_date__isnull=False).select_related("applicant_org")


# 审查期限: submitted and first-passed applications must be decided by their due date.
REVIEW_DUE = Deadline(
    "admission.review",
    (S.SUBMITTED, S.FIRST_PASSED),
    due=lambda app: app.due_date,
    label=gettext_lazy("准入审查期限"),
    remind_before=REMIND_WITHIN,
    remind=remind_review_due,
    days_left=working_days_between,
    candidates=_review_candidates,
)

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
            notify=tell_reviewers_submitted,
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
            notify=tell_reviewers_submitted,
        ),
        Edge(
            S.SUBMITTED,
            "pass_first",
            S.FIRST_PASSED,
            is_first_reviewer,
            "初审通过",
            effect=_stamp_reason,
            extra_fields=("decision_reason",),
            notify=tell_applicant_decided,
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
            notify=tell_applicant_decided,
        ),
        Edge(
            S.FIRST_PASSED,
            "approve",
            S.APPROVED,
            is_approver,
            "审议批准",
            effect=_add_to_lists,
            extra_fields=(*DECIDED, "list_item_code"),
            notify=tell_applicant_decided,
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
            notify=tell_applicant_decided,
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
            notify=tell_applicant_decided,
        ),
        Edge(S.DRAFT, "withdraw", S.WITHDRAWN, is_applicant, "撤回", notify=tell_reviewers_withdrawn),
        Edge(S.SUBMITTED, "withdraw", S.WITHDRAWN, is_applicant, "撤回", notify=tell_reviewers_withdrawn),
        Edge(S.FIRST_PASSED, "withdraw", S.WITHDRAWN, is_applicant, "撤回", notify=tell_reviewers_withdrawn),
        Edge(S.RETURNED, "withdraw", S.WITHDRAWN, is_applicant, "撤回", notify=tell_reviewers_withdrawn),
    ],
    deadlines=[REVIEW_DUE],
)

# Buttons that need a reason typed in (the others are one click).
DANGER_ACTIONS = {"return_first", "reject", "return", "withdraw"}


def _nothing_pending(window: PlanWindow, actor: Actor) -> str | None:
    pending = window.applications.filter(state__in=[S.SUBMITTED, S.FIRST_PASSED]).count()
    return f"还有 {pending} 件年度计划申请尚未审结，不能发布。" if pending else None


def _stamp_closed(window: PlanWindow, actor: Actor, reason: str) -> None:
    window.closed_at = timezone.now()


def _stamp_published(window: PlanWindow, actor: Actor, reason: str) -> dict[str, Any]:
    window.published_at = timezone.now()
    window.doc_year = timezone.localdate(window.published_at).year
    window.doc_number = next_number(plan_issuer(window), PLAN_NUMBERS, window.doc_year)
    return {"items": window.applications.filter(state=S.APPROVED).count()}


WINDOW = Workflow(
    "admission.window",
    PlanWindow,
    "state",
    [
        Edge(
            W.OPEN,
            "close",
            W.CLOSED,
            manages_window,
            "截止年度计划申报",
            effect=_stamp_closed,
            extra_fields=("closed_at",),
        ),
        Edge(
            W.CLOSED,
            "publish",
            W.PUBLISHED,
            manages_window,
            "发布年度计划清单",
            guard=_nothing_pending,
            effect=_stamp_published,
            extra_fields=("published_at", "doc_year", "doc_number"),
        ),
    ],
    hints={
        (W.CLOSED, "close"): "该申报窗口已截止。",
        (W.PUBLISHED, "close"): "该申报窗口已截止。",
        (W.OPEN, "publish"): "请先截止申报，再发布年度计划清单。",
        (W.PUBLISHED, "publish"): "该年度计划清单已发布。",
    },
)
