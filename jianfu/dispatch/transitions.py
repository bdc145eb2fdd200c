"""What a community does with a task, declared once: accept, refuse, complete."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.transitions import Edge, Move, Workflow
from jianfu.core.typing import Actor
from jianfu.notify.actions import notify_on_commit
from jianfu.notify.choices import Kind
from jianfu.orgs import tree
from jianfu.orgs.choices import Role

from .choices import TaskState as S
from .models import Task
from .permissions import is_community_of


def _stamp(task: Task, actor: Actor, reason: str) -> None:
    task.acted_by, task.acted_at = actor, timezone.now()


def _stamp_refusal(task: Task, actor: Actor, reason: str) -> None:
    _stamp(task, actor, reason)
    task.reason = reason


def _tell_sender_refused(task: Task, actor: Actor, move: Move) -> None:
    senders = tree.officers(task.sender_org, [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER])
    notify_on_commit(
        list(senders),
        title=_("{name}拒收了任务：{title}").format(name=task.community.name, title=task.title),
        body=f"理由：{move.reason}",
        url=reverse("dispatch_detail", args=[task.dispatch_id]),
        region_code=task.region_code,
        kind=Kind.REFUSAL,
    )


def refusal_undo_until(task: Task) -> dt.datetime | None:
    """Until when the community may withdraw its refusal (JIANFU_REFUSAL_UNDO_MINUTES after it)."""
    minutes = settings.DISPATCH_REFUSAL_UNDO_MINUTES
    if task.state != S.REFUSED or task.acted_at is None or minutes <= 0:
        return None
    return task.acted_at + dt.timedelta(minutes=minutes)


def _within_undo_window(task: Task, actor: Actor) -> str | None:
    until = refusal_undo_until(task)
    if until is None or timezone.now() > until:
        return _("拒收已超过 {minutes} 分钟的撤回时限，不能撤回。如需承接，请联系派发单位重新派发。").format(
            minutes=settings.DISPATCH_REFUSAL_UNDO_MINUTES
        )
    return None


def _clear_refusal(task: Task, actor: Actor, reason: str) -> dict[str, str]:
    withdrawn = task.reason
    _stamp(task, actor, reason)
    task.reason = ""
    return {"withdrawn_reason": withdrawn}


def _tell_sender_withdrawn(task: Task, actor: Actor, move: Move) -> None:
    senders = tree.officers(task.sender_org, [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER])
    notify_on_commit(
        list(senders),
        title=_("{name}撤回了对任务的拒收：{title}").format(name=task.community.name, title=task.title),
        url=reverse("dispatch_detail", args=[task.dispatch_id]),
        region_code=task.region_code,
        kind=Kind.REFUSAL,
    )


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
            notify=_tell_sender_refused,
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
            notify=_tell_sender_refused,
        ),
        # The undo window: the same community takes its refusal back within the configured minutes;
        # the task is back in its inbox as not yet handled.
        Edge(
            S.REFUSED,
            "withdraw_refusal",
            S.SENT,
            is_community_of,
            "撤回拒收",
            guard=_within_undo_window,
            effect=_clear_refusal,
            extra_fields=(*STAMP, "reason"),
            notify=_tell_sender_withdrawn,
        ),
        Edge(S.SENT, "complete", S.COMPLETED, is_community_of, "完成任务", effect=_stamp, extra_fields=STAMP),
        Edge(S.ACCEPTED, "complete", S.COMPLETED, is_community_of, "完成任务", effect=_stamp, extra_fields=STAMP),
    ],
)
