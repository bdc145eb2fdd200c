"""Template helpers for supervision pages."""

from __future__ import annotations

from django import template

from ..choices import STATE_TONE, CaseState

register = template.Library()


@register.filter
def state_tone(state: str) -> str:
    """The tag class (ok/warn/bad/off) for a case state."""
    try:
        return STATE_TONE.get(CaseState(state), "")
    except ValueError:
        return ""
