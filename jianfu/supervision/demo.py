"""Demo supervision data for 汉阴县: cases in every state, a 督办单 for 卫生健康局 (wjj) to answer,
an overdue one for 公安局, and one published 通报 — so 民政局 (mzj) sees a queue at first login."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jianfu.orgs.models import Org, User

from . import actions
from .choices import CaseSource
from .models import Notice

COUNTY = "610921"


def _open(source: str, title: str, description: str, *, department: str | None, community: Org | None, **kw):
    return actions.do_open_case(
        actor=None,
        source=source,
        region_code=community.region_code if community else COUNTY,
        title=title,
        description=description,
        department=Org.objects.filter(code=department).first() if department else None,
        community=community,
        **kw,
    )


def _substantiate(case, mzj, reason: str):
    actions.do_move_case(case, "verify", actor=mzj)
    return actions.do_move_case(case, "substantiate", actor=mzj, reason=reason)


@transaction.atomic
def load() -> None:
    if Notice.objects.filter(region_code=COUNTY).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=["mzj", "wjj", "rsj", "dongguan"])}
    if len(users) < 4:
        return
    mzj, rsj = users["mzj"], users["rsj"]
    dongguan = Org.objects.filter(code=f"{COUNTY}100001").first()
    today = timezone.localdate()
    now = timezone.now()

    # Waiting in the queue: a refusal, a worker's report, an anonymous public report.
    _open(
        CaseSource.REFUSAL,
        "公安局要求社区上门登记流动人口并录入系统",
        "县公安局通过工作群向东关社区派发流动人口上门登记任务，该事项未列入社区工作事项清单，社区已拒收。",
        department=f"{COUNTY}D06",
        community=dongguan,
        rule_ref="未入清单事项：社区一律不接",
    )
    actions.do_submit_worker_report(
        actor=users["dongguan"],
        title="卫健局要求社区出具家庭医生签约证明",
        description="本月卫健局要求社区为签约居民逐户出具签约证明并盖章，每户约 10 分钟。",
        department=Org.objects.get(code=f"{COUNTY}D04"),
    )
    _open(
        CaseSource.PUBLIC_REPORT,
        "社区门口挂了七块部门牌子",
        "城关镇某社区办公楼外挂有多块部门牌子，居民反映看不懂哪里办事。",
        department=None,
        community=None,
        reporter_contact="匿名",
    )
    verifying = _open(
        CaseSource.BREACH,
        "城关镇本月第 5 次召集社区开会",
        "负担台账显示城关镇本月已召集社区负责人会议 5 次，超过每月 4 次的限额。",
        department=f"{COUNTY}100T01",
        community=dongguan,
        rule_ref="乡镇召集社区会议每月不超过 4 次",
    )
    actions.do_move_case(verifying, "verify", actor=mzj)

    # A 督办单 for 卫生健康局 to answer (demo user wjj).
    ordered = _open(
        CaseSource.REFUSAL,
        "卫健局要求社区开展餐饮店食品安全检查",
        "县卫生健康局要求东关社区对辖区 23 家餐饮店开展食品安全检查并报送检查台账。",
        department=f"{COUNTY}D04",
        community=dongguan,
        rule_ref="负面清单：对辖区企业的安全检查",
    )
    _substantiate(ordered, mzj, "经调阅工作群记录并电话核实，情况属实。")
    actions.do_issue_order(
        ordered,
        actor=mzj,
        facts="你局于近期通过工作群要求东关社区对辖区 23 家餐饮店开展食品安全检查并报送检查台账。",
        rule="负面清单：社区不作为对辖区企业安全检查的责任主体",
        rectification="立即撤回该项任务，由你局依法履行监管职责；书面回复整改情况并附撤回通知。",
        deadline=today + dt.timedelta(days=10),
    )

    # An overdue 督办单 (公安局), escalated.
    late = _open(
        CaseSource.WORKER_REPORT,
        "公安局要求社区每周报送矛盾纠纷排查表",
        "公安局要求社区每周一报送矛盾纠纷排查表，与综治表格内容重复。",
        department=f"{COUNTY}D06",
        community=dongguan,
        rule_ref="填报表格清单：同类表格合并，一次采集",
    )
    _substantiate(late, mzj, "核实属实，与综治报表重复。")
    actions.do_issue_order(
        late,
        actor=mzj,
        facts="你局要求社区每周报送矛盾纠纷排查表，与已列入清单的综治报表重复。",
        rule="填报表格清单：同类表格合并，一次采集",
        rectification="停止要求社区单独报送，改为共享综治报表数据。",
        deadline=today - dt.timedelta(days=5),
        now=now - dt.timedelta(days=20),
    )
    actions.do_escalate_overdue(now=now)

    # Closed: 人社局 rectified on time.
    closed = _open(
        CaseSource.REFUSAL,
        "人社局要求社区出具就业状况证明",
        "人社局要求社区为失业登记人员出具就业状况证明。",
        department=f"{COUNTY}D05",
        community=dongguan,
        rule_ref="证明事项清单：可部门间核查的不得要求社区出具",
    )
    _substantiate(closed, mzj, "属实。")
    order = actions.do_issue_order(
        closed,
        actor=mzj,
        facts="你局要求社区为失业登记人员出具就业状况证明。",
        rule="证明事项清单：可部门间核查的不得要求社区出具",
        rectification="改为告知承诺或部门间数据核查。",
        deadline=today + dt.timedelta(days=5),
    )
    actions.do_reply(order, actor=rsj, text="已发文停止要求社区出具该证明，改为个人告知承诺。")
    actions.do_decide_reply(closed, actor=mzj, accept=True, reason="整改到位。")

    # Not substantiated.
    dismissed = _open(
        CaseSource.PUBLIC_REPORT,
        "社区要求居民参加防诈骗宣传",
        "社区组织居民参加防诈骗宣传活动。",
        department=f"{COUNTY}D06",
        community=None,
    )
    actions.do_move_case(dismissed, "verify", actor=mzj)
    actions.do_move_case(dismissed, "dismiss", actor=mzj, reason="宣传教育属协助清单内社区职责，不属于违规摊派。")

    notice = actions.do_create_notice(
        actor=mzj,
        period_start=today.replace(day=1) if today.day > 1 else today - dt.timedelta(days=1),
        period_end=today,
        good_examples="县人力资源和社会保障局接到督办单后当即发文整改，以个人告知承诺替代社区证明，值得推广。",
    )
    actions.do_publish_notice(notice, actor=mzj)
