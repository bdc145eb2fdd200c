"""What a community does with a task, declared once: accept, refuse, complete."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jianfu.core.transitions import Edge, Workflow

from .choices import TaskState as S
from .models import Task
from .permissions import is_community_of


def _stamp(task: Task, actor: Any, reason: str) -> None:
    task.acted_by, task.acted_at = actor, timezone.now()


def _stamp_refusal(task: Task, actor: Any, reason: str) -> None:
    _stamp(task, actor, reason)
    task.reason = reason


STAMP = ("acted_by", "acted_at")

TASK = Workflow(
    "dispatch.task",
    Task,
    "state",
    [
        Edge(S.SENT, "accept", S.ACCEPTED, is_community_of, "接收任务", effect=_stamp, extra_fields=STAMP),
        Edge(
            S.SENT,
            "refuse",
            S.REFUSED,
            is_community_of,
            "拒收任务",
            needs_reason=True,
            effect=_stamp_refusal,
            extra_fields=(*STAMP, "reason"),
        ),
        Edge(
            S.ACCEPTED,
            "refuse",
            S.REFUSED,
            is_community_of,
            "拒收任务",
            needs_reason=True,
            effect=_stamp_refusal,
            extra_fields=(*STAMP, "reason"),
        ),
        Edge(S.SENT, "complete", S.COMPLETED, is_community_of, "完成任务", effect=_stamp, extra_fields=STAMP),
        Edge(S.ACCEPTED, "complete", S.COMPLETED, is_community_of, "完成任务", effect=_stamp, extra_fields=STAMP),
    ],
)
