"""Every edge of the task workflow (dispatch/transitions.py), for every role: only the receiving
community's worker accepts, refuses or completes; everyone else is refused and nothing changes."""

from __future__ import annotations

import pytest

from jianfu.burden.models import LedgerEntry
from jianfu.dispatch import actions
from jianfu.dispatch.choices import TaskState as S
from jianfu.dispatch.transitions import TASK
from jianfu.supervision.models import Case
from jianfu.testing_workflows import Step, WorkflowWalk

from .conftest import task_data

pytestmark = pytest.mark.django_db


def at_sent(world):
    d = actions.do_send_task(actor=world.dept_officer, data=task_data(targets=["610921100"], list_item_code="A-01"))
    return d.tasks.get(community=world.dongguan)


def at_accepted(world):
    return actions.do_accept_task(at_sent(world), actor=world.community_worker)


def at_refused(world):
    return actions.do_refuse_task(at_sent(world), actor=world.community_worker, reason="人手不足，已报镇街协调。")


def withdraw(world, task, user):
    actions.do_withdraw_refusal(task, actor=user)


def then_withdrawn(world, task, user):
    assert task.reason == "" and task.acted_by == user


def refuse(world, task, user):
    actions.do_refuse_task(task, actor=user, reason="人手不足，已报镇街协调。")


def complete(world, task, user):
    actions.do_complete_task(task, actor=user, minutes="60")


def then_refused(world, task, user):
    assert task.reason == "人手不足，已报镇街协调。" and task.acted_by == user
    assert Case.objects.filter(source_type="dispatch.task", source_id=str(task.pk)).exists()


def then_completed(world, task, user):
    assert task.minutes_spent == 60 and task.acted_by == user


WALK = WorkflowWalk(
    TASK,
    at={S.SENT: at_sent, S.ACCEPTED: at_accepted, S.REFUSED: at_refused},
    allowed=("community_worker",),
    footprint=lambda task: (Case.objects.count(), LedgerEntry.objects.count()),
    steps=[
        Step(S.SENT, "accept", lambda w, t, u: actions.do_accept_task(t, actor=u)),
        Step(S.SENT, "refuse", refuse, then=then_refused),
        Step(S.ACCEPTED, "refuse", refuse, then=then_refused),
        Step(S.REFUSED, "withdraw_refusal", withdraw, then=then_withdrawn),
        Step(S.SENT, "complete", complete, then=then_completed),
        Step(S.ACCEPTED, "complete", complete, then=then_completed),
    ],
)


def test_the_walk_covers_every_edge_of_the_task_workflow():
    WALK.assert_covers_every_edge()


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_each_role_on_each_task_edge_moves_and_audits_or_is_refused(world, lists, edge, persona):
    WALK.check(world, edge, persona, people=world.users)
