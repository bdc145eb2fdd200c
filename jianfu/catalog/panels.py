"""Navigation visibility and the home panel of the lists."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.home import Panel

from .permissions import can_edit_lists
from .selectors import draft_version, owner_for_user, review_status


def has_county_lists(user: Any) -> bool:
    """Every signed-in user of a county (or below) sees the lists entry."""
    return owner_for_user(user) is not None


def lists_owner_panel(user: Any) -> Panel | None:
    """For list owners: a draft waiting to be published, and a review that is due."""
    owner = owner_for_user(user)
    if owner is None or not can_edit_lists(user, owner):
        return None
    lines: list[tuple[str, str]] = []
    draft = draft_version(owner)
    if draft is not None:
        lines.append((f"草稿待发布：{draft.title}（{draft.items.count()} 项）", reverse("catalog:draft")))
    review = review_status(owner)
    if review.due:
        lines.append(
            (
                f"清单全面复核已{'逾期' if review.overdue else '到期'}（自 {review.since:%Y-%m-%d} 起）",
                reverse("catalog:index"),
            )
        )
    if review.items_past_review:
        lines.append((f"{review.items_past_review} 项已过复核日期", reverse("catalog:index")))
    current = review.current
    return Panel(
        title=_("社区工作事项清单"),
        count=len(lines),
        lines=lines,
        more_url=reverse("catalog:index"),
        more_label="管理清单",
        empty_text=(
            f"现行第 {current.number} 版，{current.effective_date:%Y-%m-%d} 起施行；暂无待办。"
            if current
            else "尚未发布清单：新建草稿或用 Excel 导入。"
        ),
        tone="warn" if lines else "ok",
        order=60,
    )
