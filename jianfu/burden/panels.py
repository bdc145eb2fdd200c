"""Home-page panels of 负担监测."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel
from jianfu.orgs.permissions import has_role

from . import selectors
from .choices import Kind
from .permissions import can_convene, can_record


def burden_panel(user: Any) -> Panel | None:
    """Community workers: this month's burden and a quick way to add what nobody recorded.
    Officers: breaches of the last 30 days in their jurisdiction."""
    if not can_record(user):
        return None
    today = timezone.localdate()
    if has_role(user, "community_worker"):
        month = selectors.entries_for(user).filter(occurred_on__gte=today.replace(day=1))
        minutes = month.aggregate(m=Sum("minutes"))["m"] or 0
        lines = [
            (f"本月已记 {month.count()} 项，{minutes / 60:.1f} 小时", ""),
            ("补记上级未登记的会议、检查、表格…", reverse("burden_entry_new")),
        ]
        return Panel(title=_("本社区负担"), lines=lines, more_url=reverse("burden_dashboard"), order=60, empty_text="")
    recent = selectors.breaches_for(user).filter(occurred_on__gte=today - dt.timedelta(days=30))
    lines = [
        (f"{b.occurred_on:%m-%d} {b.department.name} → {b.community.name}：{b.rule.title}", reverse("burden_breaches"))
        for b in recent[:5]
    ]
    if can_convene(user):
        meetings = selectors.entries_for(user).filter(
            kind=Kind.MEETING, occurred_on__gte=today.replace(day=1), source_org=user.org
        )
        lines.append((f"本单位本月会议涉及社区 {meetings.count()} 次 · 登记会议/检查", reverse("burden_event_new")))
    return Panel(
        title=_("负担超限（近 30 天）"),
        count=recent.count(),
        lines=lines,
        more_url=reverse("burden_dashboard"),
        more_label="负担监测",
        tone="warn" if recent.exists() else "ok",
        order=70,
    )
