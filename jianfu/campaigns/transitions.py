"""The campaign's workflows, declared once: the campaign (草拟 → 进行中 → 已结束), its stages
(closed in order, never with open items) and the 整改 items found by inspections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core.transitions import Deadline, Edge, Workflow
from jianfu.core.typing import Actor

from .choices import CampaignState as C
from .choices import FindingState as F
from .choices import ItemStatus
from .choices import StageState as S
from .models import Campaign, Finding, Stage
from .permissions import keeps, leads


def _can_start(campaign: Campaign, actor: Actor) -> str | None:
    if not campaign.stages.exists():
        return _("专项行动还没有阶段，不能启动。")
    if not campaign.items.exists():
        return _("专项行动还没有生成乡镇工作台账，不能启动。")
    return None


def _can_close_campaign(campaign: Campaign, actor: Actor) -> str | None:
    left = campaign.stages.filter(state=S.OPEN).count()
    if left:
        return _("还有 {n} 个阶段未结束，不能结束专项行动。").format(n=left)
    return None


def open_counts(stage: Stage) -> tuple[int, int]:
    """(ledger rows not done, 整改 items not accepted) of a stage."""
    items = stage.items.exclude(status=ItemStatus.DONE).count()
    findings = stage.findings.exclude(state=F.ACCEPTED).count()
    return items, findings


def _can_close_stage(stage: Stage, actor: Actor) -> str | None:
    if stage.campaign.state != C.RUNNING:
        return _("专项行动未在进行中，不能结束阶段。")
    before = stage.campaign.stages.filter(position__lt=stage.position, state=S.OPEN).order_by("position").first()
    if before is not None:
        return _("阶段须按顺序结束：请先结束“{name}”阶段。").format(name=before.name)
    items, findings = open_counts(stage)
    if items or findings:
        return _("“{name}”阶段还有 {items} 项台账任务、{findings} 项整改事项未完成，不能结束。").format(
            name=stage.name, items=items, findings=findings
        )
    return None


def _stamp_close(stage: Stage, actor: Actor, reason: str) -> None:
    stage.closed_at, stage.closed_by = timezone.now(), actor


def _stamp_rectified(finding: Finding, actor: Actor, reason: str) -> None:
    finding.rectified_at, finding.rectified_by = timezone.now(), actor


def _stamp_decided(finding: Finding, actor: Actor, reason: str) -> None:
    finding.decided_at, finding.decided_by = timezone.now(), actor


def _stamp_returned(finding: Finding, actor: Actor, reason: str) -> dict[str, Any]:
    _stamp_decided(finding, actor, reason)
    finding.returns += 1
    return {"returns": finding.returns}


CAMPAIGN = Workflow(
    "campaigns.campaign",
    Campaign,
    "state",
    [
        Edge(C.DRAFT, "start", C.RUNNING, leads, gettext_lazy("启动专项行动"), guard=_can_start),
        Edge(C.RUNNING, "close", C.CLOSED, leads, gettext_lazy("结束专项行动"), guard=_can_close_campaign),
    ],
)

STAGE = Workflow(
    "campaigns.stage",
    Stage,
    "state",
    [
        Edge(
            S.OPEN,
            "close",
            S.CLOSED,
            leads,
            gettext_lazy("结束阶段"),
            guard=_can_close_stage,
            effect=_stamp_close,
            extra_fields=("closed_at", "closed_by"),
        )
    ],
    hints={(S.CLOSED, "close"): gettext_lazy("该阶段已经结束。")},
)


def _escalate(finding: Finding, now: dt.datetime) -> Any:
    from .actions import escalate_overdue_finding

    return escalate_overdue_finding(finding)


# An open 整改 item past its deadline becomes a supervision case (once): the sweep runs each morning.
FINDING_DUE = Deadline(
    "rectification",
    (F.OPEN,),
    due=lambda f: f.deadline,
    label=gettext_lazy("整改逾期"),
    overdue=_escalate,
    candidates=lambda qs: qs.filter(case_id__isnull=True, campaign__state=C.RUNNING),
    describe=lambda f: _("整改逾期转督办：{t}").format(t=f.description),
)

DECIDED = ("decided_at", "decided_by")

FINDING = Workflow(
    "campaigns.finding",
    Finding,
    "state",
    [
        Edge(
            F.OPEN,
            "rectify",
            F.SUBMITTED,
            keeps,
            gettext_lazy("报送整改情况"),
            effect=_stamp_rectified,
            extra_fields=("rectified_at", "rectified_by"),
        ),
        Edge(
            F.SUBMITTED,
            "accept",
            F.ACCEPTED,
            leads,
            gettext_lazy("验收通过"),
            effect=_stamp_decided,
            extra_fields=DECIDED,
        ),
        Edge(
            F.SUBMITTED,
            "return",
            F.OPEN,
            leads,
            gettext_lazy("退回重新整改"),
            needs_reason=True,
            effect=_stamp_returned,
            extra_fields=(*DECIDED, "returns"),
        ),
    ],
    deadlines=[FINDING_DUE],
)
