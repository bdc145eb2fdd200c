"""Demo data of 汉阴县: the burden-reduction campaign running at its 整改落实 stage — ledgers for
every township (the first stage done), monthly reports, a joint inspection's findings (one
accepted, one waiting for acceptance, one overdue and escalated to supervision, one not yet due)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jianfu.orgs.models import Org, User

from . import actions
from .choices import ItemStatus
from .models import Campaign, LedgerItem

COUNTY = "610921"
TITLE = "汉阴县城乡社区减负增效专项行动"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _photo(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@transaction.atomic
def load() -> None:
    """Idempotent: skipped when 汉阴县 already has a campaign, or without its demo accounts."""
    if Campaign.objects.within(COUNTY).exists():
        return
    mzj = User.objects.filter(username="mzj").first()
    towns = {u.username: u for u in User.objects.filter(username__in=["chengguan", "jianchi"])}
    if mzj is None or len(towns) < 2:
        return
    today = timezone.localdate()
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    campaign = actions.do_create_campaign(
        actor=mzj,
        title=TITLE,
        basis="《关于深入推进城乡社区减负增效工作的实施方案》（汉民发〔2026〕12号）",
        description="各乡镇对照任务建立工作台账，明确责任人和完成时限，每月5日前报送上月进展。",
        tasksets=["certificates", "plaques", "meetings", "apps", "evaluations"],
        stages=[
            ("实施", d(-150), d(-61)),
            ("检查评估", d(-60), d(-31)),
            ("整改落实", d(-30), d(30)),
            ("持续巩固", d(31), d(180)),
        ],
    )
    actions.do_start_campaign(campaign, actor=mzj)
    # The two demo townships keep their ledgers through the action; the other townships have no demo
    # account, so their first-stage rows are marked done directly (a loader's shortcut).
    for user in towns.values():
        for n, item in enumerate(campaign.items.filter(township=user.org).order_by("id")):
            files = [_photo(f"佐证{n + 1}.png")] if n % 3 == 0 else None
            actions.do_update_item(
                item,
                actor=user,
                status=ItemStatus.DONE,
                owner=user.get_full_name(),
                note="已完成清理并建立清单。",
                files=files,
            )
    LedgerItem.objects.filter(campaign=campaign, status=ItemStatus.TODO).update(status=ItemStatus.DONE, note="已完成。")
    group = "县委组织部、县民政局联合检查组"
    chengguan, jianchi = towns["chengguan"].org, towns["jianchi"].org
    if chengguan is None or jianchi is None:
        return
    dongguan = Org.objects.filter(code=f"{chengguan.code}001").first() or chengguan
    first = actions.do_record_inspection(
        campaign,
        actor=mzj,
        target=dongguan,
        date=d(-45),
        group=group,
        method="covert",
        summary="暗访东关社区，查看门外挂牌、室内上墙制度和工作群情况。",
        findings="社区办公场所外仍悬挂“平安建设工作站”等对口牌子\n居委会仍被拉入8个部门工作群，要求每日报送信息",
        deadline=d(-5),
    )
    second = actions.do_record_inspection(
        campaign,
        actor=mzj,
        target=jianchi,
        date=d(-40),
        group=group,
        method="open",
        summary="明察涧池镇证明事项清理和考核评比清理情况。",
        findings="镇卫生院仍要求村委会出具“无犯罪记录证明”\n镇级创建达标项目未经县委县政府批准保留",
        deadline=d(-3),
    )
    later = actions.do_record_inspection(
        campaign,
        actor=mzj,
        target=chengguan,
        date=d(-35),
        group=group,
        method="open",
        findings="镇部门召开社区工作人员会议未经主要领导批准",
        deadline=d(20),
    )
    plaque, groups = first.findings.order_by("id")
    cert, evaluation = second.findings.order_by("id")
    town_c, town_j = towns["chengguan"], towns["jianchi"]
    actions.do_rectify_finding(
        plaque, actor=town_c, text="已摘除对口牌子，保留党组织和居委会牌子。", files=[_photo("摘牌后.png")]
    )
    actions.do_accept_finding(plaque, actor=mzj)
    actions.do_rectify_finding(cert, actor=town_j, text="已通知镇卫生院改为部门间核查。", files=[_photo("通知.png")])
    actions.do_rectify_finding(
        evaluation, actor=town_j, text="已撤销未经批准的创建达标项目。", files=[_photo("文件.png")]
    )
    del groups, later  # still open: the groups item is past its deadline, the meeting item is not yet due
    actions.do_close_stage(campaign.stages.get(position=1), actor=mzj)
    actions.do_close_stage(campaign.stages.get(position=2), actor=mzj)
    # The current stage's own tasks: a 回头看 in the two demo townships, one under way.
    rectify_stage = campaign.stages.get(position=3)
    for user, status in ((town_c, ItemStatus.DOING), (town_j, ItemStatus.TODO)):
        assert user.org is not None
        item = actions.do_add_item(
            campaign,
            actor=mzj,
            township=user.org,
            stage=rectify_stage,
            title="开展“回头看”，对照清单逐项核查整改到位情况",
            deadline=d(25),
        )
        if status == ItemStatus.DOING:
            actions.do_update_item(
                item, actor=user, status=status, owner=user.get_full_name(), note="已完成8个社区的核查。"
            )
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    for user in towns.values():
        actions.do_submit_report(campaign, actor=user, month=month, text="本月完成各项清理任务，正在推进整改。")
    earlier = (month - dt.timedelta(days=1)).replace(day=1)
    actions.do_submit_report(campaign, actor=town_c, month=earlier, text="补报：已建立工作台账。")
    # The morning sweep turns the overdue, unresolved items into supervision cases.
    from .transitions import FINDING

    FINDING.sweep()
