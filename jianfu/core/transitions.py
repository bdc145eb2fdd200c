"""The transition engine: each workflow declares its edges in one table; ``Workflow.apply`` runs them.

A workflow module (``<app>/transitions.py``) writes its table once::

    APPLICATION = Workflow("admission.application", Application, "state", [
        Edge("submitted", "accept", "reviewing", allowed=is_reviewer, label="受理"),
        ...
    ])

and actions call ``APPLICATION.apply(application, "accept", actor=user, reason=...)``. The engine
locks the row, refuses illegal, unauthorised and no-op transitions, runs the edge's guard and
effect, and writes the audit entry ``from → to, actor, reason, at``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit, events
from .errors import ActionError, Conflict, NotAllowed

M = TypeVar("M", bound=models.Model)

Allowed = Callable[[Any, Any], bool]
Guard = Callable[[Any, Any], "str | None"]
Effect = Callable[[Any, Any, str], None]


def anyone(user: Any, obj: Any) -> bool:
    return True


@dataclass(frozen=True)
class Edge:
    """One allowed move: in state ``source``, ``action`` leads to ``target`` for those ``allowed``."""

    source: str
    action: str
    target: str
    allowed: Allowed = anyone
    label: str = ""
    needs_reason: bool = False
    # Returns a Chinese message when the move may not happen now (checked on the locked row).
    guard: Guard | None = None
    # Extra changes made on the locked row before it is saved (e.g. stamping a decision date).
    effect: Effect | None = None
    extra_fields: tuple[str, ...] = field(default_factory=tuple)


class Workflow(Generic[M]):
    """A state machine over one model field, declared as a table of edges."""

    def __init__(self, name: str, model: type[M], state_field: str, edges: Iterable[Edge]):
        self.name = name
        self.model = model
        self.state_field = state_field
        self.edges: dict[tuple[str, str], Edge] = {}
        for edge in edges:
            if edge.source == edge.target:
                raise ValueError(f"{name}: {edge.action} from {edge.source} is a no-op transition")
            key = (edge.source, edge.action)
            if key in self.edges:
                raise ValueError(f"{name}: duplicate edge {key}")
            self.edges[key] = edge
            events.register(f"{name}.{edge.action}", edge.label or edge.action)

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def available(self, obj: M, user: Any) -> list[Edge]:
        """The edges ``user`` may take from ``obj``'s current state (for showing buttons)."""
        state = self.state_of(obj)
        return [e for (src, _a), e in self.edges.items() if src == state and e.allowed(user, obj)]

    def actions(self) -> set[str]:
        return {action for (_s, action) in self.edges}

    def apply(self, obj: M, action: str, *, actor: Any, reason: str = "") -> M:
        """Move ``obj`` along ``action``; returns the fresh, saved row.

        Raises ``Conflict`` when the state no longer allows the action (someone else moved it
        first), ``NotAllowed`` when the actor may not, ``ActionError`` when a guard or a missing
        reason stops it. Nothing is saved in any of these cases.
        """
        if action not in self.actions():
            raise ActionError(_("未知的操作：%(action)s") % {"action": action})
        reason = (reason or "").strip()
        with transaction.atomic():
            locked = self.model._default_manager.select_for_update().get(pk=obj.pk)
            current = self.state_of(locked)
            edge = self.edges.get((current, action))
            if edge is None:
                raise Conflict(
                    _("当前状态为“%(state)s”，不能执行此操作，可能已被他人处理，请刷新后重试。")
                    % {"state": self.state_label(locked)}
                )
            if not edge.allowed(actor, locked):
                raise NotAllowed(_("您没有权限执行此操作。"))
            if edge.needs_reason and not reason:
                raise ActionError(_("请填写理由。"), field="reason")
            if edge.guard is not None:
                message = edge.guard(locked, actor)
                if message:
                    raise ActionError(message)
            setattr(locked, self.state_field, edge.target)
            if edge.effect is not None:
                edge.effect(locked, actor, reason)
            update_fields = [self.state_field, *edge.extra_fields]
            if any(f.name == "updated_at" for f in locked._meta.get_fields()):
                update_fields.append("updated_at")
            locked.save(update_fields=update_fields)
            audit.record(
                actor,
                f"{self.name}.{action}",
                locked,
                before={self.state_field: current},
                after={self.state_field: edge.target},
                reason=reason,
            )
        obj.refresh_from_db()
        return locked

    def state_label(self, obj: M) -> str:
        display = getattr(obj, f"get_{self.state_field}_display", None)
        return display() if callable(display) else self.state_of(obj)
