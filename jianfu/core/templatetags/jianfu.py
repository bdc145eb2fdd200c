from __future__ import annotations

from django import template

from jianfu.core.events import label

register = template.Library()


@register.filter
def event_label(event_type: str) -> str:
    return label(event_type)
