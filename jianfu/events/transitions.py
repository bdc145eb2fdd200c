"""An event's route, declared once: the community handles it or passes it up, the township
handles it or whistles a department (吹哨), the department accepts, answers or returns it, and the
verifier confirms or rejects the answer. The action (actions.py) sets the new holder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from jianfu.core.transitions import Edge, Workflow

from .choices import State as S
from .models import Event
from .permissions import (
    is_community_holder,
    is_department_holder,
    is_holder,
    is_township_holder,
    is_verifier,
)


def _who(check: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """The engine's ``allowed(event, actor)`` from a permission ``check(user, event)``."""
    return lambda event, actor: check(actor, event)


def _handled(event: Event, actor: Any, reason: str) -> None:
    now = timezone.now()
    event.handler_id, event.handled_at, event.on_time = event.holder_id, now, now <= event.deadline


def _on_spot(event: Event, actor: Any, reason: str) -> None:
    _handled(event, actor, reason)
    event.closed_at, event.micro = event.handled_at, True


def _confirmed(event: Event, actor: Any, reason: str) -> None:
    event.closed_at, event.first_pass = timezone.now(), event.rejections == 0


def _rejected(event: Event, actor: Any, reason: str) -> None:
    event.rejections += 1
    event.first_pass = False


def _to_township(event: Event, actor: Any, reason: str) -> None:
    event.holder_id = event.township_id


def _to_community(event: Event, actor: Any, reason: str) -> None:
    event.holder_id = event.community_id


HANDLED = ("handler", "handled_at", "on_time")


def _handle(source: str) -> Edge:
    return Edge(source, "handle", S.HANDLED, _who(is_holder), "办理答复", effect=_handled, extra_fields=HANDLED)


EVENT = Workflow(
    "events.event",
    Event,
    "state",
    [
        _handle(S.REPORTED),
        _handle(S.TOWNSHIP),
        _handle(S.DISPATCHED),
        _handle(S.ACCEPTED),
        _handle(S.REWORK),
        Edge(
            S.REPORTED,
            "close_on_spot",
            S.CLOSED,
            _who(is_community_holder),
            "现场办结",
            needs_reason=True,
            effect=_on_spot,
            extra_fields=(*HANDLED, "closed_at", "micro"),
        ),
        Edge(
            S.REPORTED,
            "escalate",
            S.TOWNSHIP,
            _who(is_community_holder),
            "上报乡镇",
            needs_reason=True,
            effect=_to_township,
            extra_fields=("holder",),
        ),
        Edge(
            S.REWORK,
            "escalate",
            S.TOWNSHIP,
            _who(is_community_holder),
            "上报乡镇",
            needs_reason=True,
            effect=_to_township,
            extra_fields=("holder",),
        ),
        Edge(S.TOWNSHIP, "whistle", S.DISPATCHED, _who(is_township_holder), "吹哨派单", needs_reason=True),
        Edge(S.REWORK, "whistle", S.DISPATCHED, _who(is_township_holder), "吹哨派单", needs_reason=True),
        Edge(
            S.TOWNSHIP,
            "send_back",
            S.REPORTED,
            _who(is_township_holder),
            "退回社区",
            needs_reason=True,
            effect=_to_community,
            extra_fields=("holder",),
        ),
        Edge(S.DISPATCHED, "accept", S.ACCEPTED, _who(is_department_holder), "部门签收"),
        Edge(
            S.DISPATCHED,
            "return",
            S.TOWNSHIP,
            _who(is_department_holder),
            "退回（非本部门职责）",
            needs_reason=True,
            effect=_to_township,
            extra_fields=("holder",),
        ),
        Edge(
            S.ACCEPTED,
            "return",
            S.TOWNSHIP,
            _who(is_department_holder),
            "退回（非本部门职责）",
            needs_reason=True,
            effect=_to_township,
            extra_fields=("holder",),
        ),
        Edge(
            S.HANDLED,
            "confirm",
            S.CLOSED,
            _who(is_verifier),
            "核查通过",
            effect=_confirmed,
            extra_fields=("closed_at", "first_pass"),
        ),
        Edge(
            S.HANDLED,
            "reject",
            S.REWORK,
            _who(is_verifier),
            "核查不通过",
            needs_reason=True,
            effect=_rejected,
            extra_fields=("rejections", "first_pass"),
        ),
    ],
)
