"""The department scoreboard's figures that other apps contribute (a registry).

Supervision is the sink other apps report into; it imports none of them. An app that knows a
per-department figure (burden: hours of community work each department caused) registers it from
its ``AppConfig.ready()``::

    from jianfu.supervision import scoreboard
    scoreboard.register("burden_hours", "造成社区负担（小时）", hours_by_department)

and the scoreboard (``selectors.scoreboard``) puts it on every department's row under ``key``
(0 for a department the figure does not mention). ``per_department(user, start, end)`` returns
``{department id: value}`` restricted to the user's jurisdiction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

PerDepartment = Callable[[Any, dt.date, dt.date], Mapping[int, Decimal]]


@dataclass(frozen=True)
class Figure:
    key: str  # the row key (also the API field), e.g. "burden_hours"
    label: str  # the column heading, in Chinese
    per_department: PerDepartment


_FIGURES: dict[str, Figure] = {}


def register(key: str, label: str, per_department: PerDepartment) -> Figure:
    """Add (or replace, on a repeated ready()) the figure ``key``."""
    figure = Figure(key, label, per_department)
    _FIGURES[key] = figure
    return figure


def figures() -> list[Figure]:
    return list(_FIGURES.values())


def values_for(user: Any, start: dt.date, end: dt.date) -> dict[str, Mapping[int, Decimal]]:
    """Every registered figure for the user's departments in the period: {key: {dept id: value}}."""
    return {f.key: f.per_department(user, start, end) for f in _FIGURES.values()}
