"""Home panels of dispatch: the community's inbox, and refusals for senders."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.home import Panel, head_and_count
from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role

from . import selectors
from .choices import TaskState
from .permissions import can_send

LINES = 6  # tasks listed on the inbox card


def inbox_panel(user: Any) -> Panel | None:
    if not has_role(user, Role.COMMUNITY_WORKER):
        return None
    qs = selectors.inbox_for(user).filter(state__in=[TaskState.SENT, TaskState.ACCEPTED])
    rows, total = head_and_count(qs, LINES)
    lines = [(f"【{t.get_verdict_display()}】{t.title}", reverse("dispatch_inbox") + f"#task-{t.pk}") for t in rows]
    return Panel(
        title=_("任务收件箱"),
        count=total,
        lines=lines,
        more_url=reverse("dispatch_inbox"),
        empty_text="暂无待办任务。",
        order=10,
    )


def refusals_panel(user: Any) -> Panel | None:
    if not can_send(user):
        return None
    qs = selectors.tasks_for(user).filter(state=TaskState.REFUSED)
    if has_role(user, Role.TOWNSHIP_OFFICER):
        qs = qs.filter(sender_org=user.org)
    rows, total = head_and_count(qs.select_related("community"), 5)
    lines = [(f"{t.community.name}拒收：{t.title}", reverse("dispatch_detail", args=[t.dispatch_id])) for t in rows]
    return Panel(
        title=_("被社区拒收的任务"),
        count=total or None,
        lines=lines,
        more_url=reverse("dispatch_list"),
        more_label="全部派发",
        empty_text="暂无拒收。",
        tone="warn" if lines else "ok",
        order=40,
    )
