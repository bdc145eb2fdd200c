"""Scores computed from platform data at "compute" time (issue 14 point 3), each with how.

- 网格事件按时办结率: of the community's events closed in the scheme's year, the share closed on
  time (jianfu/events keeps ``on_time`` on the row).
- 接收任务完成率: of the tasks the community accepted in the scheme's year (jianfu/dispatch), the
  share completed. Refused tasks do not count against it: refusing unlisted work is the rule.

A community with no such events or tasks gets no computed score (the township scores it by hand).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from jianfu.dispatch.choices import TaskState
from jianfu.dispatch.models import Task
from jianfu.events.choices import State as EventState
from jianfu.events.models import Event
from jianfu.orgs import tree

from .choices import IndicatorKind, Method
from .models import Scheme


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _events(scheme: Scheme, ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Event.objects.filter(community_id__in=ids, state=EventState.CLOSED, closed_at__year=scheme.year)
        .values("community_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(on_time=True)))
        .order_by("community_id")
    )
    return {r["community_id"]: (r["ok"], r["n"]) for r in rows}


def _tasks(scheme: Scheme, ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Task.objects.filter(
            community_id__in=ids,
            created_at__year=scheme.year,
            state__in=[TaskState.ACCEPTED, TaskState.COMPLETED],
        )
        .values("community_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(state=TaskState.COMPLETED)))
        .order_by("community_id")
    )
    return {r["community_id"]: (r["ok"], r["n"]) for r in rows}


def data_scores(scheme: Scheme) -> list[tuple[Any, int, Decimal, str]]:
    """(indicator, community id, score, how) for every data-driven indicator."""
    indicators = [i for i in scheme.indicators.all() if i.kind == IndicatorKind.ITEM and i.method != Method.MANUAL]
    if not indicators:
        return []
    ids = list(tree.grassroots_of(scheme.township).values_list("pk", flat=True))
    figures = {
        Method.EVENTS_ON_TIME: (_events(scheme, ids), _("{year} 年办结网格事件 {n} 件，按时 {ok} 件")),
        Method.TASKS_COMPLETED: (_tasks(scheme, ids), _("{year} 年接收任务 {n} 项，已完成 {ok} 项")),
    }
    out = []
    for indicator in indicators:
        counts, how = figures[Method(indicator.method)]
        for community_id, (ok, n) in counts.items():
            if n:
                out.append((indicator, community_id, _share(ok, n), how.format(year=scheme.year, n=n, ok=ok)))
    return out
