from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html

from jianfu.core.calendar import coverage_notice
from jianfu.core.changes import describe
from jianfu.core.dates import presets
from jianfu.core.events import label

register = template.Library()


@register.filter
def event_label(event_type: str) -> str:
    return label(event_type)


@register.filter
def num(value: object, digits: int = 0) -> str:
    """A number for people: thousands separated (1,821), ``digits`` decimals (``|num:1`` → 1,234.5).

    Used instead of USE_THOUSAND_SEPARATOR, which would also put commas into ids in URLs.
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    digits = max(0, min(int(digits), 6))
    if digits == 0:
        return f"{round(number):,}"
    return f"{number:,.{digits}f}"


@register.filter
def changes(entry: object) -> list[object]:
    """An audit entry's changes for people (see ``jianfu.core.changes``)."""
    return list(describe(entry))  # type: ignore[arg-type]


@register.simple_tag
def calendar_notice(*values: object, attr: str = "") -> str:
    """The official calendar's warning for deadlines in a year whose holidays are not published
    (``core.calendar.coverage_notice``), or "". A value is a date or datetime, or — with ``attr`` —
    rows whose ``attr`` is one (``{% calendar_notice page.object_list attr="due_date" %}``)."""
    days: list[dt.date | dt.datetime | None] = []
    for value in values:
        if attr and not isinstance(value, dt.date):
            days.extend(getattr(row, attr, None) for row in (value or ()))  # type: ignore[attr-defined]
        elif isinstance(value, dt.date):
            days.append(value)
    message = coverage_notice(*days)
    return format_html('<div class="msg warning calendar-notice" role="note">{}</div>', message) if message else ""


@register.inclusion_tag("core/period_presets.html", takes_context=True)
def period_presets(context: dict[str, Any], start_name: str, end_name: str) -> dict[str, Any]:
    """Links that set a filter form's period to 本月/上月/本季度/…, keeping its other filters.
    ``start_name``/``end_name`` are the form's date parameters (``from``/``to``, ``start``/``end``)."""
    request = context["request"]
    current = (request.GET.get(start_name, ""), request.GET.get(end_name, ""))
    links = []
    for label_, first, last in presets(timezone.localdate()):
        query = request.GET.copy()
        query[start_name], query[end_name] = first.isoformat(), last.isoformat()
        query.pop("page", None)
        links.append({"label": label_, "url": f"?{query.urlencode()}",
                      "active": current == (first.isoformat(), last.isoformat())})  # fmt: skip
    return {"links": links}


@register.simple_tag(takes_context=True)
def export_link(context: dict[str, Any], label: str = "") -> str:
    """A link to this page's Excel export under the filters in force (``?format=xlsx``)."""
    query = context["request"].GET.copy()
    query["format"] = "xlsx"
    query.pop("page", None)
    return format_html('<a class="button small export" href="?{}">{}</a>', query.urlencode(), label or "导出 Excel")
