"""Every edge of the three campaign workflows, for every persona: the county's leads move
campaigns, stages and acceptances; only the owning township reports a rectification; everyone
else is refused (NotAllowed) and nothing changes."""

from __future__ import annotations

import pytest

from jianfu.campaigns import actions
from jianfu.campaigns.transitions import CAMPAIGN, FINDING, STAGE
from jianfu.testing_workflows import Step, WorkflowWalk

from .conftest import day, make_campaign, photo

LEADS = ("county_mzj", "county_zzb", "leading_group")


def _done(world, campaign):
    for who in ("township_officer", "township2_officer"):
        user = world.users[who]
        for item in campaign.items.filter(township=user.org):
            actions.do_update_item(item, actor=user, status="done", owner="x", note="完成")
    return campaign


def _one_stage(world):
    return make_campaign(world, tasksets=["apps"], stages=[("实施", day(-10), day(10))])


def campaign_draft(world):
    return make_campaign(world, start=False, tasksets=["apps"])


def campaign_running(world):
    campaign = _done(world, _one_stage(world))
    actions.do_close_stage(campaign.stages.get(), actor=world.county_mzj)
    return campaign


def stage_open(world):
    return _done(world, _one_stage(world)).stages.get()


def _finding(world):
    campaign = make_campaign(world, tasksets=["apps"])
    inspection = actions.do_record_inspection(
        campaign, actor=world.county_mzj, target=world.dongguan, date=day(-1), group="联合检查组",
        method="open", findings="门外仍挂对口牌子", deadline=day(5),
    )  # fmt: skip
    return inspection.findings.get()


def finding_submitted(world):
    finding = _finding(world)
    actions.do_rectify_finding(finding, actor=world.township_officer, text="已摘牌", files=[photo()])
    return finding


CAMPAIGN_WALK = WorkflowWalk(
    CAMPAIGN,
    at={"draft": campaign_draft, "running": campaign_running},
    steps=[
        Step("draft", "start", lambda w, c, u: actions.do_start_campaign(c, actor=u)),
        Step("running", "close", lambda w, c, u: actions.do_close_campaign(c, actor=u)),
    ],
    allowed=LEADS,
)
STAGE_WALK = WorkflowWalk(
    STAGE,
    at={"open": stage_open},
    steps=[Step("open", "close", lambda w, s, u: actions.do_close_stage(s, actor=u))],
    allowed=LEADS,
)
FINDING_WALK = WorkflowWalk(
    FINDING,
    at={"open": _finding, "submitted": finding_submitted},
    steps=[
        Step(
            "open",
            "rectify",
            lambda w, f, u: actions.do_rectify_finding(f, actor=u, text="已整改", files=[photo()]),
            allowed=("township_officer",),
        ),
        Step("submitted", "accept", lambda w, f, u: actions.do_accept_finding(f, actor=u)),
        Step("submitted", "return", lambda w, f, u: actions.do_return_finding(f, actor=u, reason="照片不清")),
    ],
    allowed=LEADS,
)
WALKS = (CAMPAIGN_WALK, STAGE_WALK, FINDING_WALK)
CASES = [(walk, key, persona) for walk in WALKS for key, persona in walk.cases()]


def test_the_walks_cover_every_edge():
    for walk in WALKS:
        walk.assert_covers_every_edge()


@pytest.mark.parametrize(("walk", "edge", "persona"), CASES, ids=[f"{w.workflow.name}-{k}-{p}" for w, k, p in CASES])
def test_every_role_on_every_edge(world, walk, edge, persona):
    walk.check(world, edge, persona, people=world.users)
