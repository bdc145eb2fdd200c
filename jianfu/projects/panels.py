"""Home panel: the projects waiting for this user (a community's new proposals, a township's
projects to approve)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.home import Panel, head_and_count
from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role

from .choices import ProjectState
from .models import Project


def waiting_panel(user: Any) -> Panel | None:
    if has_role(user, Role.COMMUNITY_WORKER):
        qs = Project.objects.restrict(user).filter(state=ProjectState.PROPOSED)
        title = _("待评议的民生微实事建议")
    elif has_role(user, Role.TOWNSHIP_OFFICER):
        qs = Project.objects.restrict(user).filter(state=ProjectState.DELIBERATING)
        title = _("待确定的民生微实事项目")
    else:
        return None
    rows, total = head_and_count(qs.order_by("-created_at", "-id"), 5)
    lines = [(p.title, reverse("projects:detail", args=[p.pk])) for p in rows]
    return Panel(
        title=title,
        count=total or None,
        lines=lines,
        more_url=reverse("projects:list"),
        empty_text=_("暂无数据"),
        order=60,
    )
