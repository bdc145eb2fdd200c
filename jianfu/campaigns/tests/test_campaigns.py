"""A county runs a campaign in stages; townships keep their 工作台账; stages close in order."""

from __future__ import annotations

import pytest

from jianfu.campaigns import actions
from jianfu.campaigns.models import Campaign, LedgerItem, Stage
from jianfu.campaigns.tasksets import BY_KEY
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry

from .conftest import day, make_campaign, photo, stages


def test_the_county_defines_a_campaign_and_every_township_gets_its_ledger_from_the_templates(world):
    campaign = make_campaign(world, start=False)
    assert campaign.state == "draft" and campaign.region_code == "610921"
    assert [s.name for s in campaign.stages.order_by("position")] == ["实施", "检查评估", "整改落实", "持续巩固"]
    per_town = len(BY_KEY["plaques"].tasks) + len(BY_KEY["apps"].tasks)
    assert campaign.items.filter(township=world.chengguan).count() == per_town
    assert campaign.items.filter(township=world.jianchi).count() == per_town
    row = campaign.items.filter(township=world.chengguan).order_by("id").first()
    assert row.group == "规范挂牌" and "社区党组织、居民委员会" in row.title and row.deadline == day(-31)
    assert row.region_code == world.chengguan.code
    assert AuditEntry.objects.filter(event_type="campaigns.campaign.create").exists()


@pytest.mark.parametrize("who", ["township_officer", "dept_officer", "community_worker", "sysadmin"])
def test_only_the_county_leads_define_a_campaign(world, who):
    with pytest.raises(NotAllowed):
        actions.do_create_campaign(
            actor=world.users[who], title="专项行动", basis="文件", tasksets=["apps"], stages=stages()
        )
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "<script>alert(1)</script>减负"}, "HTML 标签"),
        ({"stages": [("实施", "2026-13-40", "2026-12-31")]}, "格式不正确"),
        ({"stages": [("实施", "2026-05-01", "2026-04-01")]}, "结束日期早于开始日期"),
        ({"stages": [("实施", "2026-05-01", "2026-06-01"), ("检查评估", "2026-05-15", "2026-07-01")]}, "按顺序"),
        ({"stages": [("实施", "1900-01-01", "2026-06-01")]}, "日期超出范围"),
        ({"tasksets": []}, "任务模板"),
        ({"tasksets": ["nope"]}, "未知的任务模板"),
    ],
)
def test_bad_input_defines_nothing(world, change, message):
    with pytest.raises(ActionError, match=message):
        make_campaign(world, start=False, **change)
    assert not Campaign.objects.exists() and not Stage.objects.exists() and not LedgerItem.objects.exists()


def test_a_stage_cannot_close_while_its_ledger_rows_are_open_and_says_how_many(world, campaign):
    first = campaign.stages.get(position=1)
    with pytest.raises(ActionError, match=r"还有 10 项台账任务、0 项整改事项未完成"):
        actions.do_close_stage(first, actor=world.county_mzj)
    first.refresh_from_db()
    assert first.state == "open"


def test_stages_close_in_order(world, campaign):
    second = campaign.stages.get(position=2)
    with pytest.raises(ActionError, match="请先结束“实施”阶段"):
        actions.do_close_stage(second, actor=world.county_mzj)


def _finish_ledgers(world, campaign):
    for who in ("township_officer", "township2_officer"):
        user = world.users[who]
        for item in campaign.items.filter(township=user.org):
            actions.do_update_item(item, actor=user, status="done", owner="赵敏", note="已完成")


def test_a_stage_closes_when_its_rows_are_done_and_the_campaign_after_its_stages(world, campaign):
    _finish_ledgers(world, campaign)
    for stage in campaign.stages.order_by("position"):
        with pytest.raises(NotAllowed):
            actions.do_close_stage(stage, actor=world.township_officer)
        actions.do_close_stage(stage, actor=world.county_zzb)
    closed = actions.do_close_campaign(campaign, actor=world.leading_group)
    assert closed.state == "closed"


def test_the_campaign_cannot_close_with_open_stages(world, campaign):
    with pytest.raises(ActionError, match="还有 4 个阶段未结束"):
        actions.do_close_campaign(campaign, actor=world.county_mzj)


def test_the_township_keeps_its_own_rows_with_evidence(world, campaign):
    item = campaign.items.filter(township=world.chengguan).first()
    done = actions.do_update_item(
        item, actor=world.township_officer, status="doing", owner="赵敏", note="已摸排", files=[photo()]
    )
    assert done.status == "doing" and done.files.count() == 1
    other = campaign.items.filter(township=world.jianchi).first()
    with pytest.raises(NotAllowed):
        actions.do_update_item(other, actor=world.township_officer, status="done", owner="赵敏", note="x")
    with pytest.raises(NotAllowed):
        actions.do_update_item(item, actor=world.county_mzj, status="done", owner="x", note="x")


def test_a_done_row_needs_a_progress_note_and_a_bad_file_saves_nothing(world, campaign):
    item = campaign.items.filter(township=world.chengguan).first()
    with pytest.raises(ActionError, match="进展情况"):
        actions.do_update_item(item, actor=world.township_officer, status="done", owner="赵敏", note="")
    fake = photo("报告.docx")
    with pytest.raises(ActionError, match="不符"):
        actions.do_update_item(item, actor=world.township_officer, status="doing", owner="赵敏", files=[fake])
    item.refresh_from_db()
    assert item.status == "todo" and item.files.count() == 0


def test_the_county_adds_a_task_but_not_before_its_stage_starts(world, campaign):
    stage = campaign.stages.get(position=3)
    with pytest.raises(ActionError, match="早于“整改落实”阶段的开始日期"):
        actions.do_add_item(
            campaign, actor=world.county_mzj, township=world.chengguan, stage=stage, title="回头看", deadline=day(-20)
        )
    with pytest.raises(ActionError, match="格式不正确"):
        actions.do_add_item(
            campaign,
            actor=world.county_mzj,
            township=world.chengguan,
            stage=stage,
            title="回头看",
            deadline="2026-02-30",
        )
    with pytest.raises(ActionError, match="本县"):
        actions.do_add_item(
            campaign,
            actor=world.county_mzj,
            township=world.other_township,
            stage=stage,
            title="回头看",
            deadline=day(5),
        )
    count = LedgerItem.objects.count()
    item = actions.do_add_item(
        campaign, actor=world.county_mzj, township=world.chengguan, stage=stage, title="开展回头看", deadline=day(5)
    )
    assert item.stage == stage and LedgerItem.objects.count() == count + 1


def test_another_county_cannot_act_on_the_campaign(world, campaign):
    stage = campaign.stages.get(position=1)
    with pytest.raises(NotAllowed):
        actions.do_close_stage(stage, actor=world.other_county_officer)
    with pytest.raises(NotAllowed):
        actions.do_add_item(
            campaign,
            actor=world.other_county_officer,
            township=world.chengguan,
            stage=stage,
            title="x",
            deadline=day(1),
        )
