"""Home panels of the draft review: drafts waiting for a reviewer, and a department's results."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.home import Panel, head_and_count
from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role

from . import selectors
from .choices import DraftState
from .permissions import can_draft

LINES = 5


def to_review_panel(user: Any) -> Panel | None:
    if not has_role(user, Role.LIST_OWNER):
        return None
    rows, total = head_and_count(selectors.to_review_for(user), LINES)
    lines = [
        (
            f"{d.org.name}：{d.title}（{_('%(n)s 条涉社区') % {'n': d.flagged_count}}）",
            reverse("drafts_detail", args=[d.pk]),
        )
        for d in rows
    ]
    return Panel(
        title=_("待审核的发文"),
        count=total,
        lines=lines,
        more_url=reverse("drafts_list") + "?state=mine",
        empty_text=_("暂无待审核的文稿。"),
        order=25,
    )


def results_panel(user: Any) -> Panel | None:
    if not can_draft(user):
        return None
    qs = selectors.drafts_for(user).filter(
        state__in=[DraftState.RETURNED, DraftState.PASSED, DraftState.CONDITIONAL, DraftState.SUBMITTED]
    )
    lines = [(f"【{d.get_state_display()}】{d.title}", reverse("drafts_detail", args=[d.pk])) for d in qs[:LINES]]
    returned = qs.filter(state=DraftState.RETURNED).count()
    return Panel(
        title=_("发文审核"),
        count=qs.count() or None,
        lines=lines,
        more_url=reverse("drafts_list"),
        more_label=_("全部文稿"),
        empty_text=_("暂无在审文稿。涉及社区的文件印发前须报审。"),
        tone="warn" if returned else "",
        order=45,
    )
