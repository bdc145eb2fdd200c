"""The review of a draft, declared once: submitted → passed / passed with conditions / returned;
returned → resubmitted; passed → issued; withdrawn; and documents issued without a pass reported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from jianfu.core.transitions import Edge, Workflow

from .choices import DraftState as S
from .models import Draft
from .permissions import can_report, is_drafter, is_reviewer


def _who(check: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """The engine's ``allowed`` from a permission ``check(user, draft)`` (the one place that
    knows the engine's argument order)."""
    return lambda draft, actor: check(actor, draft)


def _stamp_issue(draft: Draft, actor: Any, reason: str) -> None:
    draft.issued_on = draft.issued_on or timezone.localdate()


def _stamp_report(draft: Draft, actor: Any, reason: str) -> None:
    draft.report_reason = reason


DRAFTER, REVIEWER, REPORTER = _who(is_drafter), _who(is_reviewer), _who(can_report)
REPORT = {"needs_reason": True, "effect": _stamp_report, "extra_fields": ("report_reason",)}

DRAFT = Workflow(
    "drafts.draft",
    Draft,
    "state",
    [
        Edge(S.SUBMITTED, "pass", S.PASSED, REVIEWER, "审核通过"),
        Edge(S.SUBMITTED, "pass_conditions", S.CONDITIONAL, REVIEWER, "附条件通过", needs_reason=True),
        Edge(S.SUBMITTED, "return", S.RETURNED, REVIEWER, "退回修改", needs_reason=True),
        Edge(S.RETURNED, "resubmit", S.SUBMITTED, DRAFTER, "修改后重新提交"),
        Edge(S.SUBMITTED, "withdraw", S.WITHDRAWN, DRAFTER, "撤回文稿"),
        Edge(S.RETURNED, "withdraw", S.WITHDRAWN, DRAFTER, "撤回文稿"),
        Edge(S.PASSED, "issue", S.ISSUED, DRAFTER, "印发", effect=_stamp_issue, extra_fields=("issued_on",)),
        Edge(S.CONDITIONAL, "issue", S.ISSUED, DRAFTER, "印发", effect=_stamp_issue, extra_fields=("issued_on",)),
        # The department issued it anyway (while pending, after a return, or after withdrawing it).
        Edge(S.SUBMITTED, "report_unreviewed", S.UNREVIEWED, REPORTER, "报告未经审核印发", **REPORT),  # type: ignore[arg-type]
        Edge(S.RETURNED, "report_unreviewed", S.UNREVIEWED, REPORTER, "报告未经审核印发", **REPORT),  # type: ignore[arg-type]
        Edge(S.WITHDRAWN, "report_unreviewed", S.UNREVIEWED, REPORTER, "报告未经审核印发", **REPORT),  # type: ignore[arg-type]
    ],
)
