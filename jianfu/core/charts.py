"""Bar charts where people compare numbers (issue 19 point 10): the data a page hands to
``core/_bar_chart.html``, drawn by ``static/js/charts.js`` with the locally served ECharts. Every
chart sits beside the table with the same numbers, so nothing depends on the drawing; a chart with
no data says 暂无数据 instead of drawing empty axes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def bars(
    labels: Sequence[Any], series: Mapping[str, Sequence[Any]], *, unit: str = "", horizontal: bool = False
) -> dict[str, Any]:
    """A bar chart: category ``labels`` and one bar series per name. Empty (no labels, or every
    value zero or missing) gives a chart whose ``labels`` is empty, which the template shows as 暂无数据."""
    values = [v for vs in series.values() for v in vs]
    if not labels or not any(float(v or 0) for v in values):
        return {"labels": [], "series": [], "unit": unit, "horizontal": horizontal}
    return {
        "labels": [str(x) for x in labels],
        "series": [{"name": name, "data": [float(v or 0) for v in vs]} for name, vs in series.items()],
        "unit": unit,
        "horizontal": horizontal,
    }
