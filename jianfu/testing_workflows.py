"""A reusable test of a workflow table: every edge, every role.

A workflow's test declares how to bring an object to each state (``at``) and how people take each
edge (one ``Step`` per edge, calling the real action), then lets ``WorkflowWalk`` check, for every
edge and every persona:

- the table and the steps agree (no edge untested, no step without an edge);
- a persona allowed on the edge moves the object to the target state, and the move is audited
  (``<workflow>.<action>``, the actor, ``before``/``after`` state);
- any other persona gets ``NotAllowed`` and leaves everything as it was: the row, the audit log,
  and whatever else the workflow's ``footprint`` names.

Usage (see supervision/tests/test_transition_table.py)::

    WALK = WorkflowWalk(CASE, at={"received": at_received, ...}, steps=[Step("received", "verify", verify)],
                        allowed=OFFICE, personas=PERSONAS)

    def test_the_walk_covers_every_edge():
        WALK.assert_covers_every_edge()

    @pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
    def test_every_role_on_every_edge(world, edge, persona):
        WALK.check(world, edge, persona, people=world.users)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models

from jianfu.core.errors import NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.core.transitions import Workflow

# The world's personas (jianfu/testing.py), every role and the other county.
PERSONAS: tuple[str, ...] = (
    "county_mzj",
    "county_zzb",
    "leading_group",
    "dept_officer",
    "dept_officer2",
    "township_officer",
    "township2_officer",
    "community_worker",
    "village_worker",
    "sysadmin",
    "other_county_officer",
    "other_sysadmin",
    "other_dept_officer",
)

Setup = Callable[[Any], models.Model]  # (context) -> an object in the state
Run = Callable[[Any, models.Model, Any], Any]  # (context, object, user) -> calls the action
Then = Callable[[Any, models.Model, Any], None]  # (context, moved object, user) -> extra asserts


@dataclass(frozen=True)
class Step:
    """How people take one edge of the table: the action function they call."""

    source: str
    action: str
    run: Run
    # The personas allowed on this edge (the walk's default when empty).
    allowed: tuple[str, ...] = ()
    # Further outcome assertions after an allowed move (e.g. the 督办单 was created).
    then: Then | None = None

    @property
    def key(self) -> str:
        return f"{self.source}-{self.action}"


def row_values(obj: models.Model) -> tuple[Any, ...]:
    """Every stored column of the object's row, read afresh."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return tuple(getattr(fresh, f.attname) for f in fresh._meta.concrete_fields)


class WorkflowWalk:
    """Walks every edge of ``workflow`` for every persona (see the module docstring)."""

    def __init__(
        self,
        workflow: Workflow[Any],
        *,
        at: Mapping[str, Setup],
        steps: Sequence[Step],
        allowed: tuple[str, ...] = (),
        personas: Sequence[str] = PERSONAS,
        footprint: Callable[[models.Model], Any] | None = None,
        state_only_audit: bool = False,
    ):
        self.workflow = workflow
        self.at = dict(at)
        self.steps = {step.key: step for step in steps}
        self.allowed = allowed
        self.personas = tuple(personas)
        self.footprint = footprint
        # The audit entry's after is exactly the new state (no effect adds facts to it).
        self.state_only_audit = state_only_audit

    def allowed_on(self, step: Step) -> tuple[str, ...]:
        return step.allowed or self.allowed

    def cases(self) -> list[tuple[str, str]]:
        """(edge, persona) pairs for ``pytest.mark.parametrize``."""
        return [(key, persona) for key in self.steps for persona in self.personas]

    def ids(self) -> list[str]:
        return [f"{key}-{persona}" for key, persona in self.cases()]

    def assert_covers_every_edge(self) -> None:
        """The steps are exactly the table's edges, each with a setup for its source state and at
        least one persona allowed."""
        assert {(s.source, s.action) for s in self.steps.values()} == set(self.workflow.edges)
        for step in self.steps.values():
            assert step.source in self.at, f"no setup for state {step.source}"
            assert self.allowed_on(step), f"nobody may take {step.key}?"
            assert set(self.allowed_on(step)) <= set(self.personas)

    def _trace(self, obj: models.Model) -> tuple[Any, ...]:
        extra = self.footprint(obj) if self.footprint is not None else None
        return (row_values(obj), AuditEntry.objects.count(), extra)

    def check(self, context: Any, key: str, persona: str, *, people: Mapping[str, Any]) -> None:
        """Take edge ``key`` as ``persona``: moved and audited if allowed, else NotAllowed and
        nothing changed."""
        step = self.steps[key]
        obj = self.at[step.source](context)
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        assert self.workflow.state_of(fresh) == step.source, f"setup for {step.source} gave {fresh}"
        user = people[persona]
        if persona in self.allowed_on(step):
            self._check_allowed(context, step, fresh, user)
        else:
            before = self._trace(fresh)
            with pytest.raises(NotAllowed):
                step.run(context, fresh, user)
            assert self._trace(fresh) == before, f"{persona} was refused {key} but something changed"

    def _check_allowed(self, context: Any, step: Step, obj: models.Model, user: Any) -> None:
        edge = self.workflow.edges[(step.source, step.action)]
        step.run(context, obj, user)
        moved = type(obj)._default_manager.get(pk=obj.pk)
        assert self.workflow.state_of(moved) == edge.target
        entry = (
            AuditEntry.objects.filter(
                event_type=f"{self.workflow.name}.{step.action}",
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
            )
            .order_by("-id")
            .first()
        )
        assert entry is not None, f"{step.key} was not audited"
        assert entry.actor == user
        field = self.workflow.state_field
        assert entry.before == {field: step.source}
        assert entry.after is not None and entry.after[field] == edge.target
        if self.state_only_audit:
            assert entry.after == {field: edge.target}
        if step.then is not None:
            step.then(context, moved, user)
