"""The numbers of 接诉即办: 办结率, 按时办结率, 一次核查通过率, 满意率 per handling unit and per
grid, the overdue list, and a community's time on residents beside its burden hours.

Each figure is one grouped query over the period's events of a region (a range on region_code
plus received_at, served by ``events_region_received``), with the figures kept on the row (on time,
first pass, satisfaction), so a county's year ranks in well under a second on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from jianfu.burden.models import Rollup
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from .choices import PENDING_STATES, SATISFIED_VALUES, State
from .models import Event

COMMUNITY_DEPTH = 12  # burden rollups at community level


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def period_events(prefix: str, start: dt.date, end: dt.date) -> QuerySet[Event]:
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Event.objects.within(prefix).filter(received_at__gte=low, received_at__lt=high)


def _counts(now: dt.datetime) -> dict[str, Any]:
    return {
        "total": Count("*"),
        "closed": Count("state", filter=Q(state=State.CLOSED)),
        "on_time": Count("state", filter=Q(state=State.CLOSED, on_time=True)),
        "verified": Count("state", filter=Q(state=State.CLOSED, micro=False)),
        "first_pass": Count("state", filter=Q(state=State.CLOSED, micro=False, first_pass=True)),
        "rated": Count("state", filter=~Q(satisfaction="")),
        "satisfied": Count("state", filter=Q(satisfaction__in=SATISFIED_VALUES)),
        "overdue": Count("state", filter=Q(state__in=PENDING_STATES, deadline__lt=now)),
    }


def _rates(r: dict[str, Any]) -> dict[str, Any]:
    r["closed_rate"] = pct(r["closed"], r["total"])
    r["on_time_rate"] = pct(r["on_time"], r["closed"])
    r["first_pass_rate"] = pct(r["first_pass"], r["verified"])
    r["satisfaction_rate"] = pct(r["satisfied"], r["rated"])
    rates = [r[k] for k in ("closed_rate", "on_time_rate", "first_pass_rate", "satisfaction_rate") if r[k] is not None]
    r["score"] = round(sum(rates) / len(rates), 1) if rates else None
    return r


def _figures(qs: QuerySet[Event], key: Any, now: dt.datetime) -> list[dict[str, Any]]:
    rows = qs.annotate(unit=key).values("unit").annotate(**_counts(now)).order_by()
    return [_rates(dict(r)) for r in rows]


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    orgs = {o.pk: o for o in Org.objects.filter(pk__in=[r["unit"] for r in rows if r["unit"]])}
    for r in rows:
        r["org"] = orgs.get(r["unit"])
        r["name"] = r["org"].name if r["org"] else "—"
        r["kind"] = r["org"].get_kind_display() if r["org"] else ""
    return rows


def ranking(prefix: str, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """One line per handling unit (the unit that answered, or holds it while open), best first:
    the mean of its four rates, then the most closed."""
    rows = _named(
        _figures(period_events(prefix, start, end), Coalesce(F("handler_id"), F("holder_id")), now or timezone.now())
    )
    rows.sort(key=lambda r: (-(r["score"] if r["score"] is not None else -1), -r["closed"], r["name"]))
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    return rows


def by_grid(prefix: str, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    rows = _named(_figures(period_events(prefix, start, end).exclude(grid=None), F("grid_id"), now or timezone.now()))
    rows.sort(key=lambda r: (-r["total"], r["name"]))
    return rows


COUNT_KEYS = ("total", "closed", "on_time", "verified", "first_pass", "rated", "satisfied", "overdue")


def totals(
    prefix: str,
    start: dt.date,
    end: dt.date,
    now: dt.datetime | None = None,
    *,
    rows: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The region's figures: the sum of the ranking's lines when given (no second scan)."""
    if rows is None:
        return _rates(period_events(prefix, start, end).aggregate(**_counts(now or timezone.now())))
    return _rates({k: sum(r[k] for r in rows) for k in COUNT_KEYS})


def community_time(prefix: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per community: events it answered itself (of which micro-events closed on the spot) and
    events reported in it, beside the hours of burden the ledger holds for it (burden rollups)."""
    counts = {
        r["community"]: r
        for r in period_events(prefix, start, end)
        .values("community")
        .annotate(
            n=Count("*"),
            handled=Count("state", filter=Q(handler=F("community"))),
            micro=Count("state", filter=Q(micro=True)),
        )
        .order_by()
    }
    reported = {pk: r["n"] for pk, r in counts.items()}
    handled = {pk: r["handled"] for pk, r in counts.items()}
    micro = {pk: r["micro"] for pk, r in counts.items()}
    minutes: dict[str, int] = defaultdict(int)
    for code, mins in (
        Rollup.objects.within(prefix)
        .filter(depth=COMMUNITY_DEPTH, month__gte=start.replace(day=1), month__lte=end)
        .values("region_code")
        .annotate(m=Sum("minutes"))
        .values_list("region_code", "m")
    ):
        minutes[code] += mins or 0
    out = []
    for c in tree.grassroots_of(prefix).order_by("code"):
        n = reported.get(c.pk, 0)
        hours = round(minutes.get(c.region_code, 0) / 60, 1)
        if n or hours:
            out.append(
                {
                    "community": c,
                    "reported": n,
                    "handled": handled.get(c.pk, 0),
                    "micro": micro.get(c.pk, 0),
                    "burden_hours": hours,
                }
            )
    return out
