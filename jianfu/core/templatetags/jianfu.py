from __future__ import annotations

from django import template

from jianfu.core.changes import describe
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
