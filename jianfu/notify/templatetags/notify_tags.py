"""The unread count for the bell in the top bar (a tag, so no settings change is needed)."""

from __future__ import annotations

from typing import Any

from django import template

from jianfu.notify.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notify_unread(context: Any) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    cache = getattr(request, "_notify_unread", None) if request is not None else None
    if cache is None:
        cache = unread_count(user)
        if request is not None:
            request._notify_unread = cache
    return cache
