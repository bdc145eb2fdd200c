from __future__ import annotations

from django import template

from jianfu.core.events import label
from jianfu.orgs.choices import ROLE_SHORT, Role

register = template.Library()


@register.filter
def event_label(event_type: str) -> str:
    return label(event_type)


@register.filter
def role_short(role: str) -> str:
    try:
        return str(ROLE_SHORT[Role(role)])
    except ValueError:
        return ""
