"""Figures other apps add to the burden dashboard and the reduction report.

Burden sits below the apps that know these figures (certificates, forms, events…), so it never
imports them: each registers a function in its ``AppConfig.ready()`` and burden renders whatever
sections come back (``burden/_sections.html``). A section is plain data — a title, a few headline
figures and a table — computed for the region and period the page shows (already a division the
user may see), so a section function needs no user and shows no personal data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Period = tuple[dt.date, dt.date]


@dataclass
class Section:
    title: str
    kpis: list[tuple[str, Any, str]] = field(default_factory=list)  # (label, value, unit)
    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""
    url: str = ""  # where the details live
    order: int = 100


DashboardFn = Callable[[Any, dt.date, dt.date], "Section | None"]  # (region, start, end)
ReportFn = Callable[[Any, Period, Period], "Section | None"]  # (region, before, after)
_DASHBOARD: list[DashboardFn] = []
_REPORT: list[ReportFn] = []


def register_dashboard(fn: DashboardFn) -> DashboardFn:
    if fn not in _DASHBOARD:
        _DASHBOARD.append(fn)
    return fn


def register_report(fn: ReportFn) -> ReportFn:
    if fn not in _REPORT:
        _REPORT.append(fn)
    return fn


def dashboard_sections(region: Any, start: dt.date, end: dt.date) -> list[Section]:
    return sorted((s for s in (fn(region, start, end) for fn in _DASHBOARD) if s is not None), key=lambda s: s.order)


def report_sections(region: Any, before: Period, after: Period) -> list[Section]:
    return sorted((s for s in (fn(region, before, after) for fn in _REPORT) if s is not None), key=lambda s: s.order)
