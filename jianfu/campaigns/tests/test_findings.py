"""Inspections (明察暗访) find problems; townships rectify; the county accepts or returns; an
overdue unresolved item becomes a supervision case; monthly reports, one per month."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.campaigns import actions
from jianfu.campaigns.models import Finding, Inspection, MonthlyReport
from jianfu.campaigns.transitions import FINDING
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.transitions import sweep_all
from jianfu.supervision.models import Case

from .conftest import day, photo


def inspect(world, campaign, *, target=None, deadline=None, findings="门外仍挂对口牌子\n仍有8个工作群"):
    return actions.do_record_inspection(
        campaign,
        actor=world.county_zzb,
        target=target or world.dongguan,
        date=day(-20),
        group="联合检查组",
        method="covert",
        findings=findings,
        deadline=deadline or day(5),
    )


def test_an_inspection_turns_each_finding_into_a_rectification_item_for_the_township(world, campaign):
    inspection = inspect(world, campaign)
    found = list(inspection.findings.order_by("id"))
    assert [f.description for f in found] == ["门外仍挂对口牌子", "仍有8个工作群"]
    assert all(f.township == world.chengguan and f.region_code == world.dongguan.code for f in found)
    assert all(f.stage.name == "整改落实" for f in found)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"deadline": "2026-02-30"}, "格式不正确"),
        ({"findings": "<script>x</script>"}, "HTML 标签"),
        ({"deadline": "2000-01-02"}, "早于"),
    ],
)
def test_bad_inspection_input_saves_nothing(world, campaign, kw, message):
    with pytest.raises(ActionError, match=message):
        inspect(world, campaign, **kw)
    assert not Inspection.objects.exists() and not Finding.objects.exists()


def test_a_deadline_before_the_current_stage_start_is_refused(world, campaign):
    with pytest.raises(ActionError, match="早于当前“实施”阶段的开始日期"):
        actions.do_record_inspection(
            campaign,
            actor=world.county_mzj,
            target=world.chengguan,
            date=day(-90),
            group="检查组",
            method="open",
            findings="问题",
            deadline=day(-80),
        )


def test_another_countys_org_cannot_be_inspected_and_others_cannot_inspect(world, campaign):
    with pytest.raises(ActionError, match="本县"):
        inspect(world, campaign, target=world.other_community)
    for who in ("township_officer", "dept_officer", "other_county_officer"):
        with pytest.raises(NotAllowed):
            actions.do_record_inspection(
                campaign, actor=world.users[who], target=world.dongguan, date=day(-1), group="x", method="open",
                findings="x", deadline=day(3),
            )  # fmt: skip
    assert not Finding.objects.exists()


def test_the_township_rectifies_with_evidence_and_the_county_returns_then_accepts(world, campaign):
    finding = inspect(world, campaign).findings.first()
    with pytest.raises(ActionError, match="佐证材料"):
        actions.do_rectify_finding(finding, actor=world.township_officer, text="已摘牌")
    with pytest.raises(NotAllowed):
        actions.do_rectify_finding(finding, actor=world.township2_officer, text="已摘牌", files=[photo()])
    moved = actions.do_rectify_finding(finding, actor=world.township_officer, text="已摘牌", files=[photo()])
    assert moved.state == "submitted" and moved.files.count() == 1
    with pytest.raises(ActionError, match="理由"):
        actions.do_return_finding(moved, actor=world.county_mzj, reason="")
    returned = actions.do_return_finding(moved, actor=world.county_mzj, reason="照片看不清")
    assert returned.state == "open" and returned.returns == 1
    actions.do_rectify_finding(returned, actor=world.township_officer, text="重新拍照")
    accepted = actions.do_accept_finding(returned, actor=world.county_mzj)
    assert accepted.state == "accepted"


def test_a_stage_with_an_open_finding_cannot_close(world, campaign):
    for who in ("township_officer", "township2_officer"):
        user = world.users[who]
        for item in campaign.items.filter(township=user.org):
            actions.do_update_item(item, actor=user, status="done", owner="x", note="完成")
    inspect(world, campaign, findings="门外仍挂对口牌子")
    actions.do_close_stage(campaign.stages.get(position=1), actor=world.county_mzj)
    actions.do_close_stage(campaign.stages.get(position=2), actor=world.county_mzj)
    with pytest.raises(ActionError, match="0 项台账任务、1 项整改事项未完成"):
        actions.do_close_stage(campaign.stages.get(position=3), actor=world.county_mzj)


def test_the_morning_sweep_turns_an_overdue_open_item_into_one_supervision_case(world, campaign):
    finding = inspect(world, campaign, findings="仍有8个工作群", deadline=day(-2)).findings.get()
    waiting = inspect(world, campaign, findings="另一个问题", deadline=day(-2)).findings.get()
    actions.do_rectify_finding(waiting, actor=world.township_officer, text="已整改", files=[photo()])
    result = sweep_all()[FINDING.name]
    finding.refresh_from_db()
    case = Case.objects.get()
    assert finding.case_id == case.pk and case.source == "campaign_overdue"
    assert case.region_code == world.dongguan.code and "仍有8个工作群" in case.title
    assert len(result.overdue) == 1
    sweep_all()
    assert Case.objects.count() == 1  # once only; the submitted item waits for the county


def test_one_monthly_report_per_month_and_late_ones_are_marked(world, campaign):
    now = timezone.localdate()
    last = (now.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    old = (last - dt.timedelta(days=1)).replace(day=1)
    report = actions.do_submit_report(campaign, actor=world.township_officer, month=f"{old:%Y-%m}", text="进展")
    assert report.is_late and report.snapshot and report.snapshot[0]["status"] == "todo"
    with pytest.raises(ActionError, match="每月只报送一次"):
        actions.do_submit_report(campaign, actor=world.township_officer, month=f"{old:%Y-%m}", text="再报")
    with pytest.raises(ActionError, match="月份格式"):
        actions.do_submit_report(campaign, actor=world.township_officer, month="2026-13", text="进展")
    future = (now.replace(day=28) + dt.timedelta(days=5)).replace(day=1)
    with pytest.raises(ActionError, match="未来"):
        actions.do_submit_report(campaign, actor=world.township_officer, month=f"{future:%Y-%m}", text="进展")
    with pytest.raises(NotAllowed):
        actions.do_submit_report(campaign, actor=world.county_mzj, month=f"{last:%Y-%m}", text="进展")
    assert MonthlyReport.objects.count() == 1


def test_the_progress_counts_overdue_items_reports_and_cases_per_township(world, campaign):
    from jianfu.campaigns.selectors import months_due, progress

    inspect(world, campaign, findings="仍有8个工作群", deadline=day(-2))
    sweep_all()
    old = months_due(campaign)[0]
    actions.do_submit_report(campaign, actor=world.township_officer, month=f"{old:%Y-%m}", text="补报")
    rows = {r.township.name: r for r in progress(world.county_mzj, campaign)}
    town = rows["城关镇"]
    assert (town.total, town.done, town.overdue_items) == (5, 0, 5)  # the first stage's rows are past due
    assert (town.findings_open, town.findings_overdue, town.cases) == (1, 1, 1)
    assert (town.reports, town.late_reports, town.missing_reports) == (1, 1, len(months_due(campaign)) - 1)
    assert rows["涧池镇"].reports == 0 and rows["涧池镇"].findings_open == 0
    assert [r.township.name for r in progress(world.township2_officer, campaign)] == ["涧池镇"]
