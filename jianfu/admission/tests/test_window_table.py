"""Every edge of the annual-plan window (admission/transitions.py WINDOW), for every role: the
county's list owners close and publish it; everyone else is refused and nothing changes."""

from __future__ import annotations

import pytest

from jianfu.admission import actions
from jianfu.admission.choices import WindowState as W
from jianfu.admission.transitions import WINDOW
from jianfu.core.errors import ActionError, Conflict
from jianfu.testing_workflows import Step, WorkflowWalk

pytestmark = pytest.mark.django_db

OWNERS = ("county_mzj", "county_zzb")


def at_open(world):
    return actions.do_open_plan_window(world.county, actor=world.county_mzj, year=2027)


def at_closed(world):
    return actions.do_close_plan_window(at_open(world), actor=world.county_mzj)


def then_closed(world, window, user):
    assert window.closed_at is not None and window.published_at is None


def then_published(world, window, user):
    assert window.published_at is not None


WALK = WorkflowWalk(
    WINDOW,
    at={W.OPEN: at_open, W.CLOSED: at_closed},
    allowed=OWNERS,
    steps=[
        Step(W.OPEN, "close", lambda w, win, u: actions.do_close_plan_window(win, actor=u), then=then_closed),
        Step(W.CLOSED, "publish", lambda w, win, u: actions.do_publish_plan(win, actor=u), then=then_published),
    ],
)


def test_the_walk_covers_every_edge_of_the_window_workflow():
    WALK.assert_covers_every_edge()


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_each_role_on_each_window_edge_moves_and_audits_or_is_refused(world, edge, persona):
    WALK.check(world, edge, persona, people=world.users)


def test_the_window_moves_only_forward_with_the_old_messages(world):
    window = at_open(world)
    with pytest.raises(Conflict, match="请先截止申报"):
        actions.do_publish_plan(window, actor=world.county_mzj)
    actions.do_close_plan_window(window, actor=world.county_mzj)
    with pytest.raises(ActionError, match="已截止"):
        actions.do_close_plan_window(window, actor=world.county_mzj)
    published = actions.do_publish_plan(window, actor=world.county_zzb)
    assert published.state == W.PUBLISHED
    with pytest.raises(Conflict):
        actions.do_publish_plan(window, actor=world.county_zzb)
