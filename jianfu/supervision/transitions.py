"""The two workflows of supervision, one table each.

CASE: received → verifying → substantiated / unsubstantiated → 督办单 issued → department
replies → accepted (closed) or sent back; 回头看 can reopen a closed case. A 督办单 not answered by
its deadline is escalated by the daily sweep (``ORDER_DUE``).

NOTICE (通报): draft → published, numbered on publication (〔2026〕3号, core.numbering).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from jianfu.core.numbering import format_number, next_number
from jianfu.core.transitions import Deadline, Edge, Workflow
from jianfu.core.typing import Actor
from jianfu.orgs.tree import county_code

from .choices import CaseState as S
from .choices import NoticeState
from .hooks import (
    describe_escalated,
    escalate_order,
    open_order_due,
    tell_department_ordered,
    tell_department_sent_back,
    tell_office_replied,
)
from .models import NOTICE_NUMBERS, Case, Notice
from .permissions import is_case_department, supervises


def _stamp_substantiated(case: Case, actor: Actor, reason: str) -> None:
    case.finding = reason
    case.decided_at = case.substantiated_at = timezone.now()


def _stamp_unsubstantiated(case: Case, actor: Actor, reason: str) -> None:
    case.finding = reason
    case.decided_at = timezone.now()


def _stamp_closed(case: Case, actor: Actor, reason: str) -> None:
    case.closed_at = timezone.now()


def _reopen(case: Case, actor: Actor, reason: str) -> None:
    case.closed_at = None
    case.reopen_count += 1
    case.substantiated_at = timezone.now()


def _needs_department(case: Case, actor: Actor) -> str | None:
    return None if case.department_id else "请先确定责任单位。"


# 整改期限: a case waits in "ordered" until the department replies, by the 督办单's deadline.
ORDER_DUE = Deadline(
    "supervision.order",
    (S.ORDERED,),
    due=open_order_due,
    label=gettext_lazy("督办单整改期限"),
    overdue=escalate_order,
    describe=describe_escalated,
)

CASE = Workflow(
    "supervision.case",
    Case,
    "state",
    [
        Edge(S.RECEIVED, "verify", S.VERIFYING, allowed=supervises, label=gettext_lazy("开始核查")),
        Edge(
            S.VERIFYING,
            "substantiate",
            S.SUBSTANTIATED,
            allowed=supervises,
            label=gettext_lazy("核查属实"),
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
            label=gettext_lazy("核查不属实"),
            needs_reason=True,
            effect=_stamp_unsubstantiated,
            extra_fields=("finding", "decided_at"),
        ),
        Edge(
            S.SUBSTANTIATED,
            "issue_order",
            S.ORDERED,
            allowed=supervises,
            label=gettext_lazy("下发督办单"),
            guard=_needs_department,
            notify=tell_department_ordered,
        ),
        Edge(
            S.ORDERED,
            "reply",
            S.REPLIED,
            allowed=is_case_department,
            label=gettext_lazy("部门回复整改情况"),
            notify=tell_office_replied,
        ),
        Edge(
            S.REPLIED,
            "accept",
            S.CLOSED,
            allowed=supervises,
            label=gettext_lazy("验收办结"),
            effect=_stamp_closed,
            extra_fields=("closed_at",),
        ),
        Edge(
            S.REPLIED,
            "send_back",
            S.ORDERED,
            allowed=supervises,
            label=gettext_lazy("退回重新整改"),
            needs_reason=True,
            notify=tell_department_sent_back,
        ),
        Edge(
            S.CLOSED,
            "reopen",
            S.SUBSTANTIATED,
            allowed=supervises,
            label=gettext_lazy("回头看发现反弹，重新督办"),
            needs_reason=True,
            effect=_reopen,
            extra_fields=("closed_at", "reopen_count", "substantiated_at"),
        ),
    ],
    deadlines=[ORDER_DUE],
)

# Moves made from the case page with only a reason; the others have their own forms and actions.
SIMPLE_ACTIONS = ("verify", "substantiate", "dismiss", "accept", "send_back")


def _number_notice(notice: Notice, actor: Actor, reason: str) -> dict[str, Any]:
    """Publication freezes the notice and gives it the county's next 通报 number for the year."""
    notice.published_at = notice.published_at or timezone.now()
    notice.published_by = actor
    notice.year = timezone.localtime(notice.published_at).year
    notice.number = next_number(county_code(notice.region_code), NOTICE_NUMBERS, notice.year)
    return {"doc_no": format_number(notice.year, notice.number)}


NOTICE = Workflow(
    "supervision.notice",
    Notice,
    "state",
    [
        Edge(
            NoticeState.DRAFT,
            "publish",
            NoticeState.PUBLISHED,
            allowed=supervises,
            label=gettext_lazy("发布通报"),
            effect=_number_notice,
            extra_fields=("published_at", "published_by", "year", "number"),
        ),
    ],
    hints={(NoticeState.PUBLISHED, "publish"): "该通报已发布。"},
)
