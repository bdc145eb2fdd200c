"""Guards on what a unit sends down to communities (a task, a registered form).

An app that owns a rule about such content registers a guard in its AppConfig.ready(); the apps
that send things call ``check_sent`` inside their action's transaction, after the object is
saved. Core imports no app, so the sender need not know which rules exist (the assessment rule
lives in ``assess``, which ``dispatch`` and ``formsreg`` may not import).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Guard = Callable[..., None]
_GUARDS: dict[str, Guard] = {}


def register(name: str, guard: Guard) -> None:
    """``guard(actor=, kind=, title=, description=, obj=)`` may record a breach; it must not
    raise for content it merely flags (the send goes on and the breach stays on record)."""
    _GUARDS.setdefault(name, guard)


def check_sent(*, actor: Any, kind: str, title: str, description: str, obj: Any) -> None:
    """Run every registered guard on what ``actor`` just sent (``kind``: "task" or "form")."""
    for guard in _GUARDS.values():
        guard(actor=actor, kind=kind, title=title, description=description, obj=obj)
