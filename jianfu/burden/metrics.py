"""Burden in hours (Standard Cost Model: minutes × occurrences, summed), read from the rollups.

A region's figures come from rollup rows one level below it (a county reads township rows, a
province or city reads county rows, a township reads community rows), so a dashboard sums a few
thousand rows however large the ledger grows. Periods are whole months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from jianfu.orgs.models import Org
from jianfu.orgs.scoping import prefix_q
from jianfu.orgs.tree import grassroots_of

from .choices import HOURS_PER_STAFF_YEAR, REPORT_KINDS, RULE_SHORT, Kind, Listed, SourceLevel
from .models import Breach, Rollup


def child_depth(prefix: str) -> int:
    n = len(prefix)
    if n < 6:
        return 6
    if n < 9:
        return 9
    return 12


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months, m = [], month_start(start)
    while m <= end:
        months.append(m)
        if m.year == dt.MAXYEAR and m.month == 12:
            break
        m = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return months


def add_months(month: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after (or before, n < 0) ``month``'s."""
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    return add_months(month_start(day), 1) - dt.timedelta(days=1)


def partial_months(period: tuple[dt.date, dt.date]) -> list[dt.date]:
    """Months the period only partly covers. Rollups are monthly, so such a month counts whole."""
    start, end = period
    marks = []
    if start.day != 1:
        marks.append(month_start(start))
    if end != month_end(end) and month_start(end) not in marks:
        marks.append(month_start(end))
    return marks


def hours(minutes: int | None) -> float:
    """Minutes as hours to 0.1 h, rounding halves up (as a report on paper would)."""
    value = (Decimal(minutes or 0) / Decimal(60)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(value)


def pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _rows(prefix: str, start: dt.date, end: dt.date, depth: int | None = None) -> Any:
    return Rollup.objects.filter(
        prefix_q(prefix),
        depth=depth or child_depth(prefix),
        month__gte=month_start(start),
        month__lte=end,
    )


@dataclass
class Metrics:
    """Hours and counts of one region and period, by kind, department, month and child unit."""

    prefix: str
    start: dt.date
    end: dt.date
    total_count: int = 0
    total_hours: float = 0
    by_kind: list[dict] = field(default_factory=list)
    by_department: list[dict] = field(default_factory=list)
    by_level: list[dict] = field(default_factory=list)
    by_month: list[dict] = field(default_factory=list)
    by_child: list[dict] = field(default_factory=list)
    months: list[dt.date] = field(default_factory=list)
    listed_hours: float = 0
    unlisted_hours: float = 0
    unknown_hours: float = 0

    @property
    def listed_share(self) -> float | None:
        return pct(self.listed_hours, self.listed_hours + self.unlisted_hours)


def metrics(region: Org, start: dt.date, end: dt.date) -> Metrics:
    prefix = region.region_prefix
    rows = _rows(prefix, start, end)
    m = Metrics(prefix=prefix, start=start, end=end, months=months_between(start, end))
    kinds = dict(Kind.choices)
    for r in rows.values("kind").annotate(n=Sum("count"), mins=Sum("minutes")).order_by("-mins"):
        m.by_kind.append(
            {"kind": r["kind"], "label": kinds.get(r["kind"], r["kind"]), "count": r["n"], "hours": hours(r["mins"])}
        )
    total = rows.aggregate(n=Sum("count"), mins=Sum("minutes"))
    m.total_count, m.total_hours = total["n"] or 0, hours(total["mins"])
    dept_rows = (
        rows.values("source_org", "source_org__name", "source_org__code", "source_level")
        .annotate(n=Sum("count"), mins=Sum("minutes"))
        .order_by("-mins")
    )
    levels = dict(SourceLevel.choices)
    for r in dept_rows:
        m.by_department.append(
            {
                "code": r["source_org__code"],
                "name": r["source_org__name"],
                "level": levels.get(r["source_level"], ""),
                "count": r["n"],
                "hours": hours(r["mins"]),
            }
        )
    for r in rows.values("source_level").annotate(n=Sum("count"), mins=Sum("minutes")).order_by("-mins"):
        m.by_level.append({"level": levels.get(r["source_level"], ""), "count": r["n"], "hours": hours(r["mins"])})
    by_month = {r["month"]: r for r in rows.values("month").annotate(n=Sum("count"), mins=Sum("minutes"))}
    for month in m.months:
        r = by_month.get(month, {})
        m.by_month.append({"month": month, "count": r.get("n", 0), "hours": hours(r.get("mins"))})
    for r in rows.values("listed").annotate(mins=Sum("minutes")):
        h = hours(r["mins"])
        if r["listed"] == Listed.LISTED:
            m.listed_hours = h
        elif r["listed"] == Listed.UNLISTED:
            m.unlisted_hours = h
        else:
            m.unknown_hours = h
    m.by_child = _by_child(prefix, rows, m)
    return m


def _staff_by_child(prefix: str, depth: int) -> dict[str, int]:
    staff: dict[str, int] = defaultdict(int)
    orgs = grassroots_of(prefix)
    for code, n in orgs.exclude(staff_count=None).values_list("region_code", "staff_count"):
        if n is not None:
            staff[code[:depth]] += n
    return staff


def _by_child(prefix: str, rows: Any, m: Metrics) -> list[dict]:
    """One line per child unit (township / county / community) with hours per month (heat table)
    and the time its staff have left for residents."""
    depth = child_depth(prefix)
    cells: dict[str, dict[dt.date, float]] = defaultdict(dict)
    totals: dict[str, float] = defaultdict(float)
    for r in rows.values("region_code", "month").annotate(mins=Sum("minutes")):
        cells[r["region_code"]][r["month"]] = hours(r["mins"])
        totals[r["region_code"]] += (r["mins"] or 0) / 60
    if depth == 6:
        names = dict(Org.objects.filter(code__in=list(cells), kind="county").values_list("code", "name"))
    else:
        names = dict(
            Org.objects.filter(region_code__in=list(cells))
            .exclude(kind__in=["department", "grid"])  # both share their division's region code
            .values_list("region_code", "name")
        )
    staff = _staff_by_child(prefix, depth)
    peak = max((v for c in cells.values() for v in c.values()), default=0) or 1
    n_months = len(m.months)
    out = []
    for code in sorted(cells, key=lambda c: -totals[c]):
        available = staff.get(code, 0) * HOURS_PER_STAFF_YEAR * n_months / 12
        out.append(
            {
                "code": code,
                "name": names.get(code, code),
                "hours": round(totals[code], 1),
                "cells": [
                    {"month": mo, "hours": cells[code].get(mo, 0), "heat": round(cells[code].get(mo, 0) / peak, 2)}
                    for mo in m.months
                ],
                "staff": staff.get(code) or None,
                "left_hours": round(available - totals[code], 1) if available else None,
                "left_share": pct(available - totals[code], available) if available else None,
            }
        )
    return out


def community_time(community: Org, total_minutes: int, n_months: int) -> dict[str, Any]:
    """Staff hours available in the period, burden hours and what is left for residents."""
    available = (community.staff_count or 0) * HOURS_PER_STAFF_YEAR * n_months / 12
    burden = total_minutes / 60
    return {
        "staff": community.staff_count,
        "available": round(available, 1),
        "burden": round(burden, 1),
        "left": round(available - burden, 1) if available else None,
        "left_share": pct(available - burden, available) if available else None,
    }


def breach_counts(prefix: str, start: dt.date, end: dt.date) -> dict[str, list[dict]]:
    qs = Breach.objects.within(prefix).filter(occurred_on__gte=start, occurred_on__lte=end)
    by_rule = [
        {
            "code": r["rule_code"],
            "label": RULE_SHORT.get(r["rule_code"], r["rule_code"]),
            "count": r["n"],
        }
        for r in qs.values("rule_code").annotate(n=Count("id")).order_by("-n")
    ]
    by_dept = [
        {"name": r["department__name"], "count": r["n"]}
        for r in qs.values("department__name").annotate(n=Count("id")).order_by("-n")
    ]
    return {"by_rule": by_rule, "by_department": by_dept, "total": sum(r["count"] for r in by_rule)}


@dataclass
class ReductionLine:
    kind: str
    label: str
    before_count: int
    after_count: int
    before_hours: float
    after_hours: float
    before_sources: int
    after_sources: int
    # Months each period spans: the cut compares monthly averages, so periods of unequal length
    # (7 months against 8) do not read as a reduction.
    before_months: int = 1
    after_months: int = 1

    @property
    def equal_periods(self) -> bool:
        return self.before_months == self.after_months

    @property
    def before_monthly_count(self) -> float:
        return round(self.before_count / max(self.before_months, 1), 1)

    @property
    def after_monthly_count(self) -> float:
        return round(self.after_count / max(self.after_months, 1), 1)

    @property
    def before_monthly_hours(self) -> float:
        return round(self.before_hours / max(self.before_months, 1), 1)

    @property
    def after_monthly_hours(self) -> float:
        return round(self.after_hours / max(self.after_months, 1), 1)

    @property
    def count_cut(self) -> float | None:
        before = self.before_count / max(self.before_months, 1)
        return pct(before - self.after_count / max(self.after_months, 1), before)

    @property
    def hours_cut(self) -> float | None:
        before = self.before_hours / max(self.before_months, 1)
        return pct(before - self.after_hours / max(self.after_months, 1), before)


def reduction(region: Org, before: tuple[dt.date, dt.date], after: tuple[dt.date, dt.date]) -> list[ReductionLine]:
    """精简率: counts and hours of each kind in a baseline period and a later period, and the cut."""
    prefix = region.region_prefix
    depth = child_depth(prefix)

    def totals(period: tuple[dt.date, dt.date]) -> dict[str, dict]:
        rows = _rows(prefix, period[0], period[1], depth)
        out = {r["kind"]: r for r in rows.values("kind").annotate(n=Sum("count"), mins=Sum("minutes"))}
        for r in rows.values("kind").annotate(s=Count("source_org", distinct=True)):
            out.setdefault(r["kind"], {})["s"] = r["s"]
        return out

    b, a = totals(before), totals(after)
    kinds = dict(Kind.choices)
    lines = []
    for kind in REPORT_KINDS:
        rb, ra = b.get(kind, {}), a.get(kind, {})
        lines.append(
            ReductionLine(
                kind=kind,
                label=str(kinds[kind]),
                before_count=rb.get("n") or 0,
                after_count=ra.get("n") or 0,
                before_hours=hours(rb.get("mins")),
                after_hours=hours(ra.get("mins")),
                before_sources=rb.get("s") or 0,
                after_sources=ra.get("s") or 0,
                before_months=len(months_between(*before)),
                after_months=len(months_between(*after)),
            )
        )
    return lines


def total_line(lines: list[ReductionLine]) -> ReductionLine:
    return ReductionLine(
        kind="total",
        label=_("合计"),
        before_count=sum(x.before_count for x in lines),
        after_count=sum(x.after_count for x in lines),
        before_hours=round(sum(x.before_hours for x in lines), 1),
        after_hours=round(sum(x.after_hours for x in lines), 1),
        before_sources=0,
        after_sources=0,
        before_months=lines[0].before_months if lines else 1,
        after_months=lines[0].after_months if lines else 1,
    )
