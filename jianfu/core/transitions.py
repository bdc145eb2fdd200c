"""The transition engine: each workflow declares its edges in one table; ``Workflow.apply`` runs them.

A workflow module (``<app>/transitions.py``) writes its table once::

    APPLICATION = Workflow("admission.application", Application, "state", [
        Edge("submitted", "accept", "reviewing", allowed=is_reviewer, label="受理", notify=tell_applicant),
        ...
    ], deadlines=[Deadline("review", ("reviewing",), due=lambda a: a.due_date, remind=remind_reviewers)])

and actions call ``APPLICATION.apply(application, "accept", actor=user, reason=...)``. The engine
locks the row, refuses illegal, unauthorised and no-op transitions, runs the edge's guard and
effect, writes the audit entry ``from → to, actor, reason, at`` and, once the transaction has
committed, the edge's ``notify`` hook. Deadlines are swept daily by ``manage.py sweep_deadlines``.

Every callable of a table takes the object first and the actor second: ``allowed(obj, actor)``,
``guard(obj, actor)``, ``effect(obj, actor, reason)``, ``notify(obj, actor, move)``. The actor is
a user, or None for the system (see ``core.typing.Actor``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import audit, events
from .errors import ActionError, Conflict, NotAllowed
from .typing import Actor

log = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)

Allowed = Callable[[Any, Actor], bool]
# Returns a Chinese message when the move may not happen now (or raises ActionError with a field).
Guard = Callable[[Any, Actor], "str | None"]
# Changes made on the locked row before it is saved; may return extra facts for the audit entry.
Effect = Callable[[Any, Actor, str], "dict[str, Any] | None"]
Notify = Callable[[Any, Actor, "Move"], None]


def anyone(obj: Any, actor: Actor) -> bool:
    return True


def system_only(obj: Any, actor: Actor) -> bool:
    """For edges only the system takes (a sweep), never a person."""
    return actor is None


@dataclass(frozen=True)
class Edge:
    """One allowed move: in state ``source``, ``action`` leads to ``target`` for those ``allowed``."""

    source: str
    action: str
    target: str
    allowed: Allowed = anyone
    label: str | Promise = ""
    needs_reason: bool = False
    # Checked on the locked row, after ``changes`` are set on it (so it can judge them).
    guard: Guard | None = None
    # Extra changes made on the locked row before it is saved (e.g. stamping a decision date).
    effect: Effect | None = None
    extra_fields: tuple[str, ...] = field(default_factory=tuple)
    # Run after the transaction commits (never for a move that rolled back); a failure is logged,
    # the committed move stands. Usually calls notify.actions.notify_on_commit.
    notify: Notify | None = None


@dataclass(frozen=True)
class Move:
    """A move that happened: what the ``notify`` hook is told."""

    edge: Edge
    source: str
    reason: str = ""

    @property
    def action(self) -> str:
        return self.edge.action

    @property
    def target(self) -> str:
        return self.edge.target


def calendar_days(today: dt.date, due: dt.date) -> int:
    return (due - today).days


@dataclass(frozen=True)
class Deadline:
    """An object in one of ``states`` must move on by ``due(obj)``; swept daily (``sweep_deadlines``).

    From ``remind_before`` days before the due date (counted by ``days_left``, e.g. working days)
    ``remind(obj, days_left, today)`` runs every sweep, also once the date has passed (negative
    days left); it returns how many people it told and must be idempotent per day (dedupe keys).
    Once the date has passed, ``overdue(obj, now)`` runs and returns what it escalated (the
    object, or a document of it), or None; it must escalate once: lock, mark, audit.
    """

    name: str
    states: tuple[str, ...]
    due: Callable[[Any], dt.date | None]
    label: str | Promise = ""  # what the sweep's report calls it (Chinese)
    remind_before: int | None = None
    remind: Callable[[Any, int, dt.date], int] | None = None
    overdue: Callable[[Any, dt.datetime], Any] | None = None
    days_left: Callable[[dt.date, dt.date], int] = calendar_days
    # Narrows the rows worth looking at (e.g. not yet escalated); all rows in ``states`` otherwise.
    candidates: Callable[[models.QuerySet[Any]], models.QuerySet[Any]] | None = None
    # One line for the sweep's report about an escalated thing (str() otherwise).
    describe: Callable[[Any], str] = str


@dataclass
class SweepResult:
    """What one sweep did: how many reminders it sent, what it escalated (and a line for each)."""

    reminded: int = 0
    overdue: list[Any] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


_REGISTRY: dict[str, Workflow[Any]] = {}


def workflows() -> list[Workflow[Any]]:
    """Every declared workflow (each ``transitions.py`` imported; see ``discover``)."""
    return list(_REGISTRY.values())


def discover() -> list[Workflow[Any]]:
    """Import every app's ``transitions`` module so that its workflows are registered."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("transitions")
    return workflows()


class Workflow(Generic[M]):
    """A state machine over one model field, declared as a table of edges (and its deadlines)."""

    def __init__(
        self,
        name: str,
        model: type[M],
        state_field: str,
        edges: Iterable[Edge],
        *,
        deadlines: Iterable[Deadline] = (),
        org_of: Callable[[M], Any] | None = None,
        hints: Mapping[tuple[str, str], Any] | None = None,
        gone: Any = "",
    ):
        self.name = name
        self.model = model
        self.state_field = state_field
        # The org an audit entry names when the actor has none (the system, a loader).
        self.org_of = org_of
        # A clearer message than the generic conflict for a move users try from the wrong state
        # (state, action) → message; and the message when the row has been deleted meanwhile.
        self.hints = dict(hints or {})
        self.gone = gone
        self.edges: dict[tuple[str, str], Edge] = {}
        for edge in edges:
            if edge.source == edge.target:
                raise ValueError(f"{name}: {edge.action} from {edge.source} is a no-op transition")
            key = (edge.source, edge.action)
            if key in self.edges:
                raise ValueError(f"{name}: duplicate edge {key}")
            self.edges[key] = edge
            events.register(f"{name}.{edge.action}", edge.label or edge.action)
        self.deadlines = list(deadlines)
        _REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"<Workflow {self.name}>"

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def available(self, obj: M, actor: Actor) -> list[Edge]:
        """The edges ``actor`` may take from ``obj``'s current state (for showing buttons)."""
        state = self.state_of(obj)
        return [e for (src, _a), e in self.edges.items() if src == state and e.allowed(obj, actor)]

    def actions(self) -> set[str]:
        return {action for (_s, action) in self.edges}

    def states(self) -> set[str]:
        return {e.source for e in self.edges.values()} | {e.target for e in self.edges.values()}

    def apply(
        self,
        obj: M,
        action: str,
        *,
        actor: Actor,
        reason: str = "",
        changes: Mapping[str, Any] | None = None,
    ) -> M:
        """Move ``obj`` along ``action``; returns the fresh, saved row.

        ``changes`` are field values the action has already validated (e.g. an effective date),
        set on the locked row with the new state. Raises ``Conflict`` when the state no longer
        allows the action (someone else moved it first), ``NotAllowed`` when the actor may not,
        ``ActionError`` when a guard or a missing reason stops it. Nothing is saved in any of
        these cases.
        """
        if action not in self.actions():
            raise ActionError(_("未知的操作：%(action)s") % {"action": action})
        reason = (reason or "").strip()
        with transaction.atomic():
            # Locked until commit: two officers deciding at once are serialised here, and the
            # loser sees the winner's state (a Conflict) instead of overwriting it.
            locked = self.model._default_manager.select_for_update().filter(pk=obj.pk).first()
            if locked is None:
                raise Conflict(str(self.gone or _("该记录已被删除，请刷新后重试。")))
            current = self.state_of(locked)
            edge = self._edge_or_conflict(locked, action, actor, seen=obj)
            if edge.needs_reason and not reason:
                raise ActionError(_("请填写理由。"), field="reason")
            for name, value in (changes or {}).items():
                setattr(locked, name, value)
            if edge.guard is not None:
                message = edge.guard(locked, actor)
                if message:
                    raise ActionError(message)
            setattr(locked, self.state_field, edge.target)
            facts = edge.effect(locked, actor, reason) if edge.effect is not None else None
            self._save(locked, edge, changes)
            audit.record(
                actor,
                f"{self.name}.{action}",
                locked,
                org=self._audit_org(locked, actor),
                before={self.state_field: current},
                after={self.state_field: edge.target, **(facts or {})},
                reason=reason,
            )
            if edge.notify is not None:
                self._notify_on_commit(edge.notify, locked, actor, Move(edge, current, reason))
        obj.refresh_from_db()
        return locked

    def check(self, obj: M, action: str, *, actor: Actor) -> Edge:
        """Refuse now, without moving, what ``apply`` would refuse for the state and the actor:
        for actions that do costly work first (a pre-check) and must not do it in vain."""
        fresh = self.model._default_manager.filter(pk=obj.pk).first()
        if fresh is None:
            raise Conflict(str(self.gone or _("该记录已被删除，请刷新后重试。")))
        return self._edge_or_conflict(fresh, action, actor, seen=obj)

    def _edge_or_conflict(self, obj: M, action: str, actor: Actor, *, seen: M | None = None) -> Edge:
        """The edge for ``action`` from the row's current state, or the refusal.

        ``seen`` is the caller's copy of the row. When another user moved the row since, and the
        caller could have taken this action in the state it saw, the refusal is a ``Conflict``
        naming the current state — even where the new state has the same action for another role:
        losing a race is a 409, never a 403. Someone who could never take it gets the 403."""
        current = self.state_of(obj)
        edge = self.edges.get((current, action))
        raced = False
        if seen is not None and self.state_of(seen) != current:
            seen_edge = self.edges.get((self.state_of(seen), action))
            raced = seen_edge is not None and seen_edge.allowed(seen, actor)
        if edge is None or (raced and not edge.allowed(obj, actor)):
            raise Conflict(
                str(self.hints.get((current, action)) or "")
                or _("当前状态为“%(state)s”，不能执行此操作，可能已被他人处理，请刷新后重试。")
                % {"state": self.state_label(obj)},
                state=current,
                state_label=str(self.state_label(obj)),
            )
        if not edge.allowed(obj, actor):
            raise NotAllowed(_("您没有权限执行此操作。"))
        return edge

    def _save(self, locked: M, edge: Edge, changes: Mapping[str, Any] | None) -> None:
        update_fields = [self.state_field, *edge.extra_fields, *(changes or {})]
        if any(f.name == "updated_at" for f in locked._meta.get_fields()):
            update_fields.append("updated_at")
        locked.save(update_fields=list(dict.fromkeys(update_fields)))

    def _audit_org(self, locked: M, actor: Actor) -> Any:
        if getattr(actor, "org", None) is not None or self.org_of is None:
            return None  # audit.record takes the actor's org
        return self.org_of(locked)

    def _notify_on_commit(self, hook: Notify, locked: M, actor: Actor, move: Move) -> None:
        def run() -> None:
            try:
                hook(locked, actor, move)
            except Exception:  # logged with its traceback; the committed move stands
                log.exception("%s.%s: notify hook failed", self.name, move.action)

        transaction.on_commit(run)

    def state_label(self, obj: M) -> str:
        display = getattr(obj, f"get_{self.state_field}_display", None)
        return display() if callable(display) else self.state_of(obj)

    def sweep(self, now: dt.datetime | None = None) -> SweepResult:
        """Remind and escalate every object past or near one of this workflow's deadlines."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        result = SweepResult()
        for deadline in self.deadlines:
            rows = self.model._default_manager.filter(**{f"{self.state_field}__in": deadline.states})
            if deadline.candidates is not None:
                rows = deadline.candidates(rows)
            for obj in rows:
                due = deadline.due(obj)
                if due is None:
                    continue
                left = deadline.days_left(today, due)
                remind, before = deadline.remind, deadline.remind_before
                if remind is not None and before is not None and left <= before:
                    result.reminded += remind(obj, left, today)
                if deadline.overdue is not None and left < 0:
                    escalated = deadline.overdue(obj, now)
                    if escalated is not None:
                        result.overdue.append(escalated)
                        result.lines.append(deadline.describe(escalated))
        return result


def sweep_all(now: dt.datetime | None = None) -> dict[str, SweepResult]:
    """Sweep the deadlines of every declared workflow (``manage.py sweep_deadlines``)."""
    return {wf.name: wf.sweep(now) for wf in discover() if wf.deadlines}
