"""Monthly rollups of events (``models.Rollup``), kept exact inside the transaction that changes an
event, so that the ranking reads a few thousand rows instead of a county's year of events.

Each event counts once under each of its keys (dimension, depth, region prefix, local month of
``received_at``, org): its handling unit (the handler, else the holder) at depths 6, 9 and 12, its
grid and its community at depth 12. What it counts is its vector: 受理 1, 办结, 按时办结, 应核查
(closed, not micro), 一次核查通过, 已评价, 满意, micro, answered by its own community — the same
conditions as ``stats._counts``. An action reads the locked row before and after it moves
(``kept``) and adds the difference under each key in one upsert; new events are ``added``.
Overdue is not rolled up: it depends on the clock, and the partial index
``events_pending_deadline`` answers it. ``rebuild`` recomputes everything from the events
(``manage.py rebuild_event_rollups``); a test checks live == rebuilt after random actions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone

from jianfu.orgs.tree import county_code

from .choices import SATISFIED_VALUES, State
from .models import Event, Rollup

D = Rollup.Dimension
UNIT_DEPTHS = (6, 9, 12)
COUNTS = ("total", "closed", "on_time", "verified", "first_pass", "rated", "satisfied", "micro", "own")
# The event's fields that its keys and vector depend on (read before and after an action).
FIELDS = (
    "region_code",
    "received_at",
    "state",
    "handler_id",
    "holder_id",
    "community_id",
    "grid_id",
    "on_time",
    "micro",
    "first_pass",
    "satisfaction",
)
Key = tuple[str, int, str, dt.date, int]


def unit_depth(prefix: str) -> int:
    """The depth of unit rows a report over ``prefix`` reads (a county's, a township's…)."""
    return next((d for d in UNIT_DEPTHS if len(prefix) <= d), UNIT_DEPTHS[-1])


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def vector(e: Mapping[str, Any]) -> tuple[int, ...]:
    closed = e["state"] == State.CLOSED
    checked = closed and not e["micro"]
    return (
        1,
        int(closed),
        int(closed and e["on_time"] is True),
        int(checked),
        int(checked and e["first_pass"] is True),
        int(e["satisfaction"] != ""),
        int(e["satisfaction"] in SATISFIED_VALUES),
        int(bool(e["micro"])),
        int(e["handler_id"] is not None and e["handler_id"] == e["community_id"]),
    )


def keys(e: Mapping[str, Any]) -> list[Key]:
    code, month = e["region_code"], month_of(e["received_at"])
    unit = e["handler_id"] if e["handler_id"] is not None else e["holder_id"]
    out: list[Key] = [(D.UNIT, d, code[:d], month, unit) for d in UNIT_DEPTHS]
    if e["grid_id"] is not None:
        out.append((D.GRID, 12, code, month, e["grid_id"]))
    out.append((D.COMMUNITY, 12, code, month, e["community_id"]))
    return out


def _add(deltas: dict[Key, list[int]], e: Mapping[str, Any] | None, sign: int) -> None:
    if e is None:
        return
    v = vector(e)
    for key in keys(e):
        row = deltas[key]
        for i, n in enumerate(v):
            row[i] += sign * n


def _values(event: Event) -> dict[str, Any]:
    return {f: getattr(event, f) for f in FIELDS}


def apply(deltas: Mapping[Key, list[int]]) -> None:
    """Add each key's delta to its row in one statement (creating missing rows); drop rows whose
    last event left them. Same SQL on SQLite (3.24+) and PostgreSQL."""
    # In key order: two transactions upserting the same rows lock them in the same order.
    changed = sorted((k, v) for k, v in deltas.items() if any(v))
    if not changed:
        return
    table = Rollup._meta.db_table
    cols = ("region_code", "dimension", "depth", "month", "org_id", *COUNTS)
    row = "(" + ", ".join(["%s"] * len(cols)) + ")"
    sets = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTS)
    adapt = connection.ops.adapt_datefield_value
    for start in range(0, len(changed), 500):
        chunk = changed[start : start + 500]
        params: list[Any] = []
        for (dim, depth, code, month, org), v in chunk:
            params += [code, str(dim), depth, adapt(month), org, *v]
        # Table and column names are constants of this module; every value is a parameter.
        sql = (
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES {', '.join([row] * len(chunk))} "  # noqa: S608
            f"ON CONFLICT (dimension, depth, region_code, month, org_id) DO UPDATE SET {sets}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    emptied = [k for k, v in changed if v[0] < 0]
    if emptied:
        gone = Q()
        for dim, depth, code, month, org in emptied:
            gone |= Q(dimension=dim, depth=depth, region_code=code, month=month, org_id=org)
        Rollup.objects.filter(gone, total__lte=0).delete()


def added(events: Iterable[Event]) -> None:
    """Count new events (created by an action, in its transaction)."""
    deltas: dict[Key, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    for e in events:
        _add(deltas, _values(e), +1)
    apply(deltas)


@contextmanager
def kept(event: Event) -> Iterator[None]:
    """Around an action that changes ``event``: lock and read its row before, read it after, and
    move its counts from the old keys to the new ones — all in the action's transaction."""
    with transaction.atomic():
        before = Event.objects.select_for_update().filter(pk=event.pk).values(*FIELDS).first()
        yield
        after = Event.objects.filter(pk=event.pk).values(*FIELDS).first()
        deltas: dict[Key, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
        _add(deltas, before, -1)
        _add(deltas, after, +1)
        apply(deltas)


def _recount() -> dict[str, Any]:
    """The vector as SQL aggregates (independent of ``vector``: the test compares the two)."""
    closed = Q(state=State.CLOSED)
    return {
        "total": Count("id"),
        "closed": Count("id", filter=closed),
        "on_time": Count("id", filter=closed & Q(on_time=True)),
        "verified": Count("id", filter=closed & Q(micro=False)),
        "first_pass": Count("id", filter=closed & Q(micro=False, first_pass=True)),
        "rated": Count("id", filter=~Q(satisfaction="")),
        "satisfied": Count("id", filter=Q(satisfaction__in=SATISFIED_VALUES)),
        "micro": Count("id", filter=Q(micro=True)),
        "own": Count("id", filter=Q(handler=F("community"))),
    }


@transaction.atomic
def rebuild(region_prefix: str = "") -> int:
    """Recompute the rollups (of the county of ``region_prefix``, or all) from the events;
    returns the rows written."""
    county = county_code(region_prefix) if region_prefix else ""
    Rollup.objects.within(county).delete()
    events = Event.objects.within(county).order_by()
    month = TruncMonth("received_at", output_field=Rollup._meta.get_field("month"))
    plans: list[tuple[str, int, Any]] = [(D.UNIT, d, Coalesce(F("handler_id"), F("holder_id"))) for d in UNIT_DEPTHS]
    plans += [(D.GRID, 12, F("grid_id")), (D.COMMUNITY, 12, F("community_id"))]
    written = 0
    for dim, depth, org in plans:
        qs = events.exclude(grid=None) if dim == D.GRID else events
        rows: Any = (
            qs.annotate(r_code=Substr("region_code", 1, depth), r_month=month, r_org=org)
            .values("r_code", "r_month", "r_org")
            .annotate(**_recount())
        )
        batch = [
            Rollup(
                region_code=r["r_code"],
                dimension=dim,
                depth=depth,
                month=r["r_month"],
                org_id=r["r_org"],
                **{c: r[c] for c in COUNTS},
            )
            for r in rows
        ]
        Rollup.objects.bulk_create(batch, batch_size=2000)
        written += len(batch)
    return written
