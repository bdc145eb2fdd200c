"""Every edge of the 通报 workflow (supervision/transitions.py NOTICE), for every role: the
county's supervising office publishes (and numbers) it; everyone else is refused, nothing changes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.core.models import DocumentCounter
from jianfu.supervision import actions
from jianfu.supervision.choices import NoticeState as S
from jianfu.supervision.transitions import NOTICE
from jianfu.testing_workflows import Step, WorkflowWalk

pytestmark = pytest.mark.django_db


def at_draft(world):
    today = timezone.localdate()
    return actions.do_create_notice(actor=world.county_mzj, period_start=today.replace(day=1), period_end=today)


def then_numbered(world, notice, user):
    assert notice.number == 1 and notice.published_by == user and notice.doc_no.endswith("〕1号")


WALK = WorkflowWalk(
    NOTICE,
    at={S.DRAFT: at_draft},
    allowed=("county_mzj", "county_zzb"),
    footprint=lambda notice: list(DocumentCounter.objects.values_list("kind", "last")),
    steps=[
        Step(S.DRAFT, "publish", lambda w, n, u: actions.do_publish_notice(n, actor=u), then=then_numbered),
    ],
)


def test_the_walk_covers_every_edge_of_the_notice_workflow():
    WALK.assert_covers_every_edge()


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_each_role_on_each_notice_edge_moves_and_audits_or_is_refused(world, edge, persona):
    WALK.check(world, edge, persona, people=world.users)
