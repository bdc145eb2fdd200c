"""Home cards and the department scoreboard's figures from grid events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel
from jianfu.orgs.choices import OrgKind

from .choices import MAX_REJECTIONS, PENDING_STATES
from .models import Event


def queue_panel(user: Any) -> Panel | None:
    from .selectors import queue_for

    if user.org is None or user.org.kind == OrgKind.GRID:
        return None
    qs = queue_for(user)
    n = qs.count()
    if not n:
        return None
    late = qs.filter(state__in=PENDING_STATES, deadline__lt=timezone.now()).count()
    lines = [
        (f"{e.title}（{e.get_state_display()}）", reverse("events:detail", args=[e.pk]))
        for e in qs.order_by("deadline")[:5]
    ]
    if late:
        lines.insert(0, (_("其中超期 {late} 件").format(late=late), reverse("events:queue") + "?tab=late"))
    return Panel(
        title=_("网格事件待处理"), count=n, lines=lines, more_url=reverse("events:queue"), tone="warn", order=60
    )


def _by_department(user: Any, start: dt.date, end: dt.date, q: Q) -> Mapping[int, Decimal]:
    rows = (
        Event.objects.restrict(user)
        .filter(q, handler__kind=OrgKind.DEPARTMENT, received_at__date__gte=start, received_at__date__lte=end)
        .values("handler")
        .annotate(n=Count("id"))
        .values_list("handler", "n")
    )
    return {pk: Decimal(n) for pk, n in rows}


def failed_by_department(user: Any, start: dt.date, end: dt.date) -> Mapping[int, Decimal]:
    """Events a department answered that failed verification three times (counted in its assessment)."""
    return _by_department(user, start, end, Q(rejections__gte=MAX_REJECTIONS))


def overdue_by_department(user: Any, start: dt.date, end: dt.date) -> Mapping[int, Decimal]:
    rows = (
        Event.objects.restrict(user)
        .filter(holder__kind=OrgKind.DEPARTMENT, state__in=PENDING_STATES, deadline__lt=timezone.now())
        .filter(received_at__date__gte=start, received_at__date__lte=end)
        .values("holder")
        .annotate(n=Count("id"))
        .values_list("holder", "n")
    )
    return {pk: Decimal(n) for pk, n in rows}
