"""Home panels of admission: what waits for review, and a department's own applications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel, head_and_count

from . import selectors
from .choices import AppState
from .permissions import can_apply, is_reviewer


def review_panel(user: Any) -> Panel | None:
    if not is_reviewer(user):
        return None
    queue = selectors.review_queue(user)
    today = timezone.localdate()
    items, total = head_and_count(queue, 5)
    lines = [
        (
            f"{'【已超期】' if a.due_date and a.due_date < today else ''}{a.title} · 期限 {a.due_date:%m-%d}",
            reverse("admission_detail", args=[a.pk]),
        )
        for a in items
    ]
    return Panel(
        title=_("待审查的准入申请"),
        count=total,
        lines=lines,
        more_url=reverse("admission_list") + "?state=open",
        tone="warn" if any(a.due_date and a.due_date < today for a in items) else "",
        order=20,
    )


def my_applications_panel(user: Any) -> Panel | None:
    if not can_apply(user):
        return None
    qs = selectors.applications_for(user).exclude(state__in=[AppState.WITHDRAWN])
    lines = [(f"{a.title} · {a.get_state_display()}", reverse("admission_detail", args=[a.pk])) for a in qs[:5]]
    returned = qs.filter(state=AppState.RETURNED).count()
    return Panel(
        title=_("我的准入申请"),
        count=returned or None,
        lines=lines,
        more_url=reverse("admission_list"),
        more_label="全部申请",
        empty_text="暂无申请。确需社区协助的新工作，请先申请准入。",
        tone="warn" if returned else "",
        order=30,
    )
