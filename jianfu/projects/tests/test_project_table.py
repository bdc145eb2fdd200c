"""Every edge of the project workflow (projects/transitions.py), for every role: the community's
worker runs proposals and delivery, 城关镇's officer approves and archives; everyone else is
refused and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from jianfu.projects import actions
from jianfu.projects.choices import ProjectState as S
from jianfu.projects.transitions import PROJECT
from jianfu.testing_workflows import Step, WorkflowWalk

from .helpers import envelope, photo, propose, to_stage

pytestmark = pytest.mark.django_db

CW, TOWN = "community_worker", "township_officer"


def at_implementing(world: Any) -> Any:
    p = to_stage(world, "implementing")
    today = timezone.localdate().isoformat()
    actions.do_add_milestone(p, actor=world.community_worker, title="开工", happened_on=today, files=[photo()])
    return p


def at_accepting(world: Any) -> Any:
    p = to_stage(world, "accepting")
    r = actions.do_open_round(actor=world.community_worker, kind="accept", title="验收", projects=[p])
    (code,) = actions.do_issue_codes(r, actor=world.community_worker, count=1)
    actions.do_cast_vote(r, code=code, accept=True, satisfaction=4)
    actions.do_close_round(r, actor=world.community_worker)
    return p


def at_deliberating(world: Any) -> Any:
    envelope(world)
    return to_stage(world, "deliberating")


def reason(action: str) -> Any:
    return lambda w, p, u: actions.do_move_project(p, actor=u, action=action, reason="居民另有诉求")


WALK = WorkflowWalk(
    PROJECT,
    at={
        S.PROPOSED: propose,
        S.DELIBERATING: at_deliberating,
        S.APPROVED: lambda w: to_stage(w, "approved"),
        S.IMPLEMENTING: at_implementing,
        S.ACCEPTING: at_accepting,
    },
    steps=[
        Step(
            S.PROPOSED,
            "deliberate",
            lambda w, p, u: actions.do_deliberate_project(p, actor=u, meeting_record="议事会"),
            allowed=(CW,),
        ),
        Step(
            S.DELIBERATING,
            "approve",
            lambda w, p, u: actions.do_approve_project(p, actor=u, budget="1000", funding_source="镇财政"),
            allowed=(TOWN,),
        ),
        Step(
            S.APPROVED,
            "start",
            lambda w, p, u: actions.do_start_project(p, actor=u, supplier="县建安公司"),
            allowed=(CW, TOWN),
        ),
        Step(
            S.IMPLEMENTING,
            "complete",
            lambda w, p, u: actions.do_move_project(p, actor=u, action="complete"),
            allowed=(CW, TOWN),
        ),
        Step(
            S.ACCEPTING,
            "archive",
            lambda w, p, u: actions.do_move_project(p, actor=u, action="archive"),
            allowed=(CW, TOWN),
        ),
        Step(S.ACCEPTING, "rework", reason("rework"), allowed=(CW, TOWN)),
        Step(S.PROPOSED, "reject", reason("reject"), allowed=(CW, TOWN)),
        Step(S.DELIBERATING, "reject", reason("reject"), allowed=(TOWN,)),
        Step(S.PROPOSED, "withdraw", reason("withdraw"), allowed=(CW,)),
        Step(S.DELIBERATING, "withdraw", reason("withdraw"), allowed=(CW,)),
        Step(S.APPROVED, "withdraw", reason("withdraw"), allowed=(CW, TOWN)),
    ],
)


def test_the_walk_covers_every_edge_of_the_project_workflow() -> None:
    WALK.assert_covers_every_edge()


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_each_role_on_each_project_edge_moves_and_audits_or_is_refused(world: Any, edge: str, persona: str) -> None:
    WALK.check(world, edge, persona, people=world.users)
