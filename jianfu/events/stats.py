"""The numbers of 接诉即办: 办结率, 按时办结率, 一次核查通过率, 满意率 per handling unit and per
grid, the overdue list, and a community's time on residents beside its burden hours.

A period's figures (``figures``) come from three queries: the whole months from the monthly
rollups (``rollups.py``, a few thousand rows for a county's year), the days before and after them
from the events (``events_region_received``), and the overdue counts — which depend on the clock —
from the pending events past their deadline (partial index ``events_pending_deadline``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from jianfu.burden.models import Rollup as BurdenRollup
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from . import rollups
from .choices import PENDING_STATES, SATISFIED_VALUES, State
from .models import Event, Rollup

COMMUNITY_DEPTH = 12  # burden rollups at community level


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _received(start: dt.date, end: dt.date) -> Q:
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Q(received_at__gte=low, received_at__lt=high)


def period_events(prefix: str, start: dt.date, end: dt.date) -> QuerySet[Event]:
    return Event.objects.within(prefix).filter(_received(start, end))


def _counts(now: dt.datetime | None) -> dict[str, Any]:
    counts = {
        "total": Count("*"),
        "closed": Count("state", filter=Q(state=State.CLOSED)),
        "on_time": Count("state", filter=Q(state=State.CLOSED, on_time=True)),
        "verified": Count("state", filter=Q(state=State.CLOSED, micro=False)),
        "first_pass": Count("state", filter=Q(state=State.CLOSED, micro=False, first_pass=True)),
        "rated": Count("state", filter=~Q(satisfaction="")),
        "satisfied": Count("state", filter=Q(satisfaction__in=SATISFIED_VALUES)),
    }
    if now is not None:
        counts["overdue"] = Count("state", filter=Q(state__in=PENDING_STATES, deadline__lt=now))
    return counts


def _rates(r: dict[str, Any]) -> dict[str, Any]:
    r["closed_rate"] = pct(r["closed"], r["total"])
    r["on_time_rate"] = pct(r["on_time"], r["closed"])
    r["first_pass_rate"] = pct(r["first_pass"], r["verified"])
    r["satisfaction_rate"] = pct(r["satisfied"], r["rated"])
    rates = [r[k] for k in ("closed_rate", "on_time_rate", "first_pass_rate", "satisfaction_rate") if r[k] is not None]
    r["score"] = round(sum(rates) / len(rates), 1) if rates else None
    return r


UNIT = Coalesce(F("handler_id"), F("holder_id"))  # the unit ranked for an event
# What each dimension groups the events by.
DIMENSIONS: dict[str, Any] = {
    Rollup.Dimension.UNIT: UNIT,
    Rollup.Dimension.GRID: F("grid_id"),
    Rollup.Dimension.COMMUNITY: F("community_id"),
}
SUMMED = rollups.COUNTS
Figures = dict[str, dict[int, dict[str, int]]]


def _named(rows: list[dict[str, Any]], orgs: dict[int, Org] | None = None) -> list[dict[str, Any]]:
    if orgs is None:
        orgs = _orgs(rows)
    kinds = {k: str(label) for k, label in OrgKind.choices}  # get_kind_display per row is slow
    for r in rows:
        r["org"] = orgs.get(r["unit"])
        r["name"] = r["org"].name if r["org"] else "—"
        r["kind"] = kinds.get(r["org"].kind, r["org"].kind) if r["org"] else ""
    return rows


def _orgs(rows: list[dict[str, Any]]) -> dict[int, Org]:
    return Org.objects.only("id", "code", "name", "kind").in_bulk([r["unit"] for r in rows if r["unit"]])


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


Plan = tuple[tuple[dt.date, dt.date] | None, list[tuple[dt.date, dt.date, int]]]


def _plan(start: dt.date, end: dt.date) -> Plan:
    """How to count [start, end]: the months to read from the rollups (first days; the second
    exclusive) and the days to add (+1) or take away (-1) counting the events. A month cut by
    the period is counted from its events when less than half of it is inside, else read whole
    and its days outside taken away — so at most half a month of events at each end."""
    first, last = start.replace(day=1), end.replace(day=1)
    low, high = first, _next_month(last)
    days: list[tuple[dt.date, dt.date, int]] = []
    for month in sorted({first, last}):
        month_end = _next_month(month) - dt.timedelta(days=1)
        a, b = max(start, month), min(end, month_end)
        if (a, b) == (month, month_end):
            continue
        if 2 * ((b - a).days + 1) <= (month_end - month).days + 1:
            days.append((a, b, +1))
            if month == first:
                low = _next_month(month)
            if month == last:
                high = month
            continue
        if a > month:
            days.append((month, a - dt.timedelta(days=1), -1))
        if b < month_end:
            days.append((b + dt.timedelta(days=1), month_end, -1))
    return ((low, high) if low < high else None), days


def figures(
    prefix: str, start: dt.date, end: dt.date, now: dt.datetime, dims: tuple[str, ...] = tuple(DIMENSIONS)
) -> Figures:
    """The period's counts per dimension (unit, grid, community) → org id → counts: one query on
    the rollups, one on the events of the days around their months, one per dimension for overdue."""
    out: Figures = {d: {} for d in dims}

    def add(dim: str, org: int | None, r: Mapping[str, Any], names: tuple[str, ...], sign: int = 1) -> None:
        if org is None:
            return
        row = out[dim].get(org)
        if row is None:
            row = out[dim][org] = dict.fromkeys((*SUMMED, "overdue"), 0)
        for k in names:
            row[k] += sign * r[k]

    D = Rollup.Dimension
    whole, days = _plan(start, end)
    if whole is not None:
        which = Q(dimension=D.UNIT, depth=rollups.unit_depth(prefix)) if D.UNIT in dims else Q(pk__in=[])
        others = [d for d in dims if d != D.UNIT]
        if others:
            which |= Q(dimension__in=others, depth=12)
        for r in (
            Rollup.objects.within(prefix)
            .filter(which, month__gte=whole[0], month__lt=whole[1])
            .values("dimension", "org")
            .annotate(**{k: Sum(k) for k in SUMMED})
            .order_by()
        ):
            add(r["dimension"], r["org"], r, SUMMED)
    if days:
        counts = {
            **_counts(None),
            "micro": Count("state", filter=Q(micro=True)),
            "own": Count("state", filter=Q(handler=F("community"))),
        }
        every, added = Q(), Q()
        for a, b, sign in days:
            every |= _received(a, b)
            added |= _received(a, b) if sign > 0 else Q()
        raw: Any = (
            Event.objects.within(prefix)
            .filter(every)
            .annotate(sign=Case(When(added, then=Value(1)), default=Value(-1)) if added else Value(-1))
            .values("sign", **{f"k_{d}": DIMENSIONS[d] for d in dims})
            .annotate(**{k: counts[k] for k in SUMMED})
            .order_by()
        )
        for e in raw:
            for d in dims:
                add(d, e[f"k_{d}"], e, SUMMED, e["sign"])
    pending = period_events(prefix, start, end).filter(state__in=PENDING_STATES, deadline__lt=now)
    for d in dims:
        if d != D.COMMUNITY:
            for o in pending.values(key=DIMENSIONS[d]).annotate(overdue=Count("*")).order_by():
                add(d, o["key"], o, ("overdue",))
    return out


def _lines(counts: dict[int, dict[str, int]], top: int | None = None) -> list[dict[str, Any]]:
    """One line per org with events; with ``top``, only those that can be among the ``top`` by
    events (ties included, so that sorting by name afterwards cuts at the same place)."""
    items = [(org, c) for org, c in counts.items() if c["total"] > 0]
    if top is not None and len(items) > top:
        cut = sorted((c["total"] for _, c in items), reverse=True)[top - 1]
        items = [(org, c) for org, c in items if c["total"] >= cut]
    return [_rates({"unit": org, **{k: c[k] for k in COUNT_KEYS}}) for org, c in items]


def _ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Best first: the mean of the four rates, then the most closed."""
    rows.sort(key=lambda r: (-(r["score"] if r["score"] is not None else -1), -r["closed"], r["name"]))
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    return rows


def _by_total(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows.sort(key=lambda r: (-r["total"], r["name"]))
    return rows


def ranking(prefix: str, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """One line per handling unit (the unit that answered, or holds it while open), best first."""
    unit = Rollup.Dimension.UNIT
    return _ranked(_named(_lines(figures(prefix, start, end, now or timezone.now(), (unit,))[unit])))


def by_grid(prefix: str, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    grid = Rollup.Dimension.GRID
    return _by_total(_named(_lines(figures(prefix, start, end, now or timezone.now(), (grid,))[grid])))


def board(
    prefix: str, start: dt.date, end: dt.date, now: dt.datetime | None = None, *, grids: int = 50
) -> dict[str, Any]:
    """The ranking page's numbers from one ``figures`` pass: the units ranked, the ``grids``
    grids with the most events, the region's totals and the communities' time."""
    figs = figures(prefix, start, end, now or timezone.now())
    D = Rollup.Dimension
    units, busiest = _lines(figs[D.UNIT]), _lines(figs[D.GRID], top=grids)
    orgs = _orgs(units + busiest)
    units, busiest = _ranked(_named(units, orgs)), _by_total(_named(busiest, orgs))[:grids]
    return {
        "ranking": units,
        "grids": busiest,
        "totals": totals(prefix, start, end, rows=units),
        "time": community_time(prefix, start, end, counts=figs[D.COMMUNITY]),
    }


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


def community_time(
    prefix: str, start: dt.date, end: dt.date, *, counts: dict[int, dict[str, int]] | None = None
) -> list[dict[str, Any]]:
    """Per community: events it answered itself (of which micro-events closed on the spot) and
    events reported in it, beside the hours of burden the ledger holds for it (burden rollups)."""
    if counts is None:
        community = Rollup.Dimension.COMMUNITY
        counts = figures(prefix, start, end, timezone.now(), (community,))[community]
    reported = {pk: r["total"] for pk, r in counts.items()}
    handled = {pk: r["own"] for pk, r in counts.items()}
    micro = {pk: r["micro"] for pk, r in counts.items()}
    minutes: dict[str, int] = defaultdict(int)
    for code, mins in (
        BurdenRollup.objects.within(prefix)
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
