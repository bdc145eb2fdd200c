"""Every edge of the list-version workflow (catalog/transitions.py), for every role: the
jurisdiction's list owners publish the draft; everyone else is refused and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.catalog.actions import do_add_item, do_open_draft, do_publish_version
from jianfu.catalog.choices import VersionStatus as S
from jianfu.catalog.models import ListItem
from jianfu.catalog.transitions import VERSION
from jianfu.core.errors import ActionError, Conflict
from jianfu.testing_workflows import Step, WorkflowWalk

from .conftest import BASE_ITEMS

pytestmark = pytest.mark.django_db


def at_draft(world):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    for data in BASE_ITEMS:
        do_add_item(world.county, actor=world.county_mzj, data=data)
    return draft


def publish(world, draft, user):
    do_publish_version(draft, actor=user, effective_date=dt.date(2026, 3, 1), note="第一版")


def then_published(world, version, user):
    assert version.number == 1 and version.published_by == user and version.effective_date == dt.date(2026, 3, 1)


WALK = WorkflowWalk(
    VERSION,
    at={S.DRAFT: at_draft},
    allowed=("county_mzj", "county_zzb"),
    footprint=lambda version: ListItem.objects.count(),
    steps=[Step(S.DRAFT, "publish", publish, then=then_published)],
)


def test_the_walk_covers_every_edge_of_the_version_workflow():
    WALK.assert_covers_every_edge()


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_each_role_on_each_version_edge_moves_and_audits_or_is_refused(world, edge, persona):
    WALK.check(world, edge, persona, people=world.users)


def test_a_published_or_empty_draft_is_refused_with_a_message(world):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    with pytest.raises(ActionError, match="没有任何事项"):
        publish(world, draft, world.county_mzj)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and draft.number is None
    do_add_item(world.county, actor=world.county_mzj, data=BASE_ITEMS[0])
    publish(world, draft, world.county_mzj)
    with pytest.raises(Conflict, match="已发布或已被放弃"):
        publish(world, draft, world.county_zzb)
