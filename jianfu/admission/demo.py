"""Demo admission applications in 汉阴县, in every state, so each role finds work at first login.

Run by ``jianfu demo`` after the lists are published (catalog.demo). Idempotent: skipped when
any application exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jianfu.core.errors import ActionError
from jianfu.orgs.models import Org, User

from . import actions
from .models import Application

COUNTY = "610921"


def _data(title: str, description: str, **over: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "kind": "adhoc",
        "affairs": "government",
        "title": title,
        "description": description,
        "basis": "《中华人民共和国城市居民委员会组织法》第三条；县委办、县政府办关于减轻城乡社区负担的实施意见",
        "category": "assist",
        "community_roles": ["contact", "publicity"],
        "funding_amount": "2000",
        "funding_source": "部门年度预算",
        "frequency_count": "1",
        "frequency_unit": "quarter",
        "minutes_per_occurrence": "90",
        "target_scope": "all",
        "applies_to": "both",
        "start_date": today.isoformat(),
        "end_date": dt.date(today.year + 1, 12, 31).isoformat(),
    }
    data.update(over)
    return data


@transaction.atomic
def load() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["mzj", "zzb", "ldxz", "wjj", "rsj"])}
    county = Org.objects.filter(code=COUNTY).first()
    if county is None or len(users) < 5 or Application.objects.within(COUNTY).exists():
        return
    wjj, rsj, mzj, ldxz = (users[k] for k in ("wjj", "rsj", "mzj", "ldxz"))

    def create(actor: Any, title: str, description: str, **over: Any) -> Application:
        return actions.do_create_application(actor=actor, data=_data(title, description, **over))

    def submit(app: Application) -> Application:
        return actions.do_submit_application(app, actor=app.applicant)

    # 已批准, and in the lists draft: what the demo task "已准入" rests on.
    app = submit(
        create(
            wjj,
            "协助开展第五次全国经济普查入户登记",
            "配合普查员入户，核实辖区个体经营户名单，动员居民如实申报。",
            basis="《全国经济普查条例》第十条、第二十三条",
            community_roles=["home_visit", "mobilise"],
            funding_amount="3000",
            funding_source="县统计局普查专项经费",
            frequency_unit="year",
            minutes_per_occurrence="240",
        )
    )
    actions.do_pass_first_review(app, actor=mzj, reason="依据充分，经费已落实。")
    actions.do_approve_application(app, actor=ldxz, reason="同意准入，纳入清单。")

    # 待审议 (领导小组).
    app = submit(
        create(
            rsj,
            "协助开展就业困难人员入户摸底",
            "联系辖区就业困难人员，协助入户登记就业意愿。",
            community_roles=["contact", "home_visit"],
        )
    )
    actions.do_pass_first_review(app, actor=mzj, reason="同意提交领导小组审议。")

    # 待初审 by 民政局, one of them overdue.
    submit(create(wjj, "协助开展适龄儿童疫苗补种查漏", "通知家长带适龄儿童到卫生院查验接种证，宣传补种政策。"))
    late = submit(
        create(rsj, "协助开展城乡居民养老保险待遇资格认证", "联系辖区领取养老金人员，协助行动不便老人完成认证。")
    )
    Application.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))

    # 待初审 by 组织部 (party affairs).
    submit(
        create(
            rsj,
            "协助开展流动党员排查登记",
            "摸排辖区外出务工流动党员，协助登记联系方式。",
            affairs="party",
            category="duty",
            community_roles=[],
            funding_amount="1000",
            funding_source="县委组织部党建工作经费",
        )
    )

    # 退回修改.
    app = submit(create(wjj, "协助开展老年人防诈骗宣传", "每季度在社区开展一次防诈骗宣传，发放宣传资料。"))
    actions.do_return_application(
        app, actor=mzj, reason="与清单“协助开展老年人健康服务宣传”内容相近，请说明区别或合并。"
    )

    # 不予准入.
    app = submit(
        create(
            rsj,
            "每月报送辖区公益性岗位人员考勤表",
            "社区每月汇总公益性岗位人员考勤并报送人社局。",
            category="form",
            community_roles=[],
            funding_amount="1200",
            funding_source="县人社局部门预算",
            frequency_unit="month",
            minutes_per_occurrence="60",
        )
    )
    actions.do_pass_first_review(app, actor=mzj)
    actions.do_reject_application(app, actor=ldxz, reason="考勤管理属用人单位职责，不应由社区承担。")

    # 草稿, and a draft the pre-check blocked (negative list).
    create(wjj, "协助开展家庭医生签约服务宣传", "宣传家庭医生签约政策，动员居民签约。")
    blocked = create(
        wjj,
        "社区牵头开展占道经营整治",
        "由社区负责辖区占道经营和市容秩序整治，每周巡查。",
        category="service",
        community_roles=[],
        funding_amount="5000",
        funding_source="部门工作经费",
        frequency_unit="week",
    )
    try:
        submit(blocked)
    except ActionError:
        pass  # stays a draft with its findings, as a department would see it

    # The 2027 annual plan window, with one application in it.
    actions.do_open_plan_window(county, actor=mzj, year=timezone.localdate().year + 1)
    submit(
        create(
            wjj,
            "协助开展重点人群健康随访（年度计划）",
            "协助卫生院联系辖区高血压、糖尿病患者，按季度通知随访。",
            kind="annual",
        )
    )
