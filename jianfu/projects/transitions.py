"""The stages of a resident project, declared once (seed 004: 征集 → 评议 → 确定 → 实施 → 验收 → 归档)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core.transitions import Edge, Workflow
from jianfu.core.typing import Actor

from .choices import ProjectState as S
from .models import Project
from .permissions import is_community_of, is_township_of, runs_delivery


def _has_meeting_record(p: Project, actor: Actor) -> str | None:
    if not p.meeting_record.strip():
        return _("请填写评议会议记录（时间、地点、参会居民和议定事项）。")
    return None


def _has_supplier(p: Project, actor: Actor) -> str | None:
    if not p.supplier.strip():
        return _("请填写实施单位。")
    return None


def _has_milestone(p: Project, actor: Actor) -> str | None:
    if not p.milestones.exists():
        return _("尚无带照片的实施进度，不能提交验收。")
    return None


def _accepted_by_residents(p: Project, actor: Actor) -> str | None:
    if p.rounds.filter(kind="accept", state="open").exists():
        return _("验收投票尚未计票，不能归档。")
    if p.accept_yes is None:
        return _("居民验收投票尚未进行，不能归档。")
    if p.accept_yes <= (p.accept_no or 0):
        return _("居民验收未通过（同意 {yes} 户，不同意 {no} 户），请退回整改后重新验收。").format(
            yes=p.accept_yes, no=p.accept_no or 0
        )
    return None


def _clear_acceptance(p: Project, actor: Actor, reason: str) -> dict[str, object]:
    """Back to delivery: the failed acceptance stays in its round and the audit, and a new
    acceptance vote is needed."""
    before = {"accept_yes": p.accept_yes, "accept_no": p.accept_no, "satisfaction": str(p.satisfaction)}
    p.accept_yes = p.accept_no = p.satisfaction = None
    return {"failed_acceptance": before}


def _keep_reason(p: Project, actor: Actor, reason: str) -> None:
    p.reason = reason


def _either(p: Project, actor: Actor) -> bool:
    return is_community_of(p, actor) or is_township_of(p, actor)


PROJECT = Workflow(
    "projects.project",
    Project,
    "state",
    [
        Edge(
            S.PROPOSED,
            "deliberate",
            S.DELIBERATING,
            is_community_of,
            gettext_lazy("进入评议"),
            guard=_has_meeting_record,
            extra_fields=("meeting_record",),
        ),
        # The budget checks (the township's envelope) run in actions.do_approve_project, which
        # locks the envelope before it calls this edge.
        Edge(
            S.DELIBERATING,
            "approve",
            S.APPROVED,
            is_township_of,
            gettext_lazy("确定立项"),
            extra_fields=("budget", "funding_source"),
        ),
        Edge(
            S.APPROVED,
            "start",
            S.IMPLEMENTING,
            runs_delivery,
            gettext_lazy("开始实施"),
            guard=_has_supplier,
            extra_fields=("supplier",),
        ),
        Edge(S.IMPLEMENTING, "complete", S.ACCEPTING, runs_delivery, gettext_lazy("提交验收"), guard=_has_milestone),
        Edge(
            S.ACCEPTING,
            "rework",
            S.IMPLEMENTING,
            runs_delivery,
            gettext_lazy("退回整改"),
            needs_reason=True,
            effect=_clear_acceptance,
            extra_fields=("accept_yes", "accept_no", "satisfaction"),
        ),
        Edge(S.ACCEPTING, "archive", S.ARCHIVED, _either, gettext_lazy("验收归档"), guard=_accepted_by_residents),
        Edge(
            S.PROPOSED,
            "reject",
            S.REJECTED,
            _either,
            gettext_lazy("不予采纳"),
            needs_reason=True,
            effect=_keep_reason,
            extra_fields=("reason",),
        ),
        Edge(
            S.DELIBERATING,
            "reject",
            S.REJECTED,
            is_township_of,
            gettext_lazy("不予采纳"),
            needs_reason=True,
            effect=_keep_reason,
            extra_fields=("reason",),
        ),
        Edge(
            S.PROPOSED,
            "withdraw",
            S.WITHDRAWN,
            is_community_of,
            gettext_lazy("撤回"),
            needs_reason=True,
            effect=_keep_reason,
            extra_fields=("reason",),
        ),
        Edge(
            S.DELIBERATING,
            "withdraw",
            S.WITHDRAWN,
            is_community_of,
            gettext_lazy("撤回"),
            needs_reason=True,
            effect=_keep_reason,
            extra_fields=("reason",),
        ),
        Edge(
            S.APPROVED,
            "withdraw",
            S.WITHDRAWN,
            _either,
            gettext_lazy("撤回"),
            needs_reason=True,
            effect=_keep_reason,
            extra_fields=("reason",),
        ),
    ],
    hints={
        (S.IMPLEMENTING, "approve"): gettext_lazy("该项目已在实施中。"),
        (S.ARCHIVED, "complete"): gettext_lazy("该项目已归档。"),
    },
)
