"""Demo resident projects of 汉阴县 (seed 004, "群众点菜、党委实施"): 城关镇 and 涧池镇 with their
annual envelopes; 东关社区's projects at every stage (one archived with its acceptance vote, one
being delivered with a milestone photo and spending, two on an open budget-limited ballot, a fresh
proposal, a rejected one); 河桥村's approved road project; a resident's proposal in a neighbouring community."""

from __future__ import annotations

import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org, User

from . import actions
from .models import Project

COUNTY = "610921"
# A 1×1 PNG, so demo milestones carry a real photo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def _photo(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def _propose(community: Org, actor: User | None, title: str, description: str, cost: str) -> Project:
    return actions.do_submit_proposal(
        actor=actor, community=community, title=title, description=description, estimated_cost=cost
    )


@transaction.atomic
def load() -> None:
    """Idempotent: skipped when 汉阴县 already has projects, or without the demo accounts."""
    if Project.objects.within(COUNTY).exists():
        return
    town = User.objects.filter(org__code=f"{COUNTY}100", role=Role.TOWNSHIP_OFFICER).first()
    town2 = User.objects.filter(org__code=f"{COUNTY}101", role=Role.TOWNSHIP_OFFICER).first()
    cw = User.objects.filter(org__code=f"{COUNTY}100001", role=Role.COMMUNITY_WORKER).first()
    vw = User.objects.filter(org__code=f"{COUNTY}101201", role=Role.COMMUNITY_WORKER).first()
    if not (town and town2 and cw and vw and town.org and town2.org and cw.org and vw.org):
        return
    year = timezone.localdate().year
    today = timezone.localdate()
    actions.do_set_envelope(town.org, actor=town, year=year, amount="500000", funding_source="镇民生微实事专项资金")
    actions.do_set_envelope(town2.org, actor=town2, year=year, amount="300000", funding_source="县级财政补助")
    dongguan, heqiao = cw.org, vw.org
    record = "居民议事会：28户代表参加，议定列入本年度民生微实事评议。"

    # Archived: proposed, deliberated, funded, delivered with a photo, accepted by residents.
    lights = _propose(
        dongguan, None, "东关街北段加装路灯", "东关街北段约300米夜间无照明，老人和学生出行不便。", "36000"
    )
    lights = actions.do_deliberate_project(lights, actor=cw, meeting_record=record)
    lights = actions.do_approve_project(lights, actor=town, budget="34000", funding_source="镇民生微实事专项资金")
    lights = actions.do_start_project(lights, actor=cw, supplier="汉阴县光明电力工程有限公司")
    actions.do_add_milestone(lights, actor=cw, title="12盏路灯安装完成", happened_on=today, files=[_photo("路灯.png")])
    actions.do_add_spending(lights, actor=cw, amount="33200", note="灯杆、灯具及安装", spent_on=today)
    lights = actions.do_move_project(lights, actor=cw, action="complete")
    accept = actions.do_open_round(actor=cw, kind="accept", title="东关街路灯验收投票", projects=[lights])
    rng = random.Random(4)
    codes = actions.do_issue_codes(accept, actor=cw, count=60)
    for code in codes[:41]:
        actions.do_cast_vote(accept, code=code, accept=rng.random() > 0.05, satisfaction=rng.choice([4, 5, 5, 5, 3]))
    actions.do_close_round(accept, actor=cw)
    actions.do_move_project(lights, actor=town, action="archive")

    # Being delivered: a milestone with its photo and a spending line.
    rails = _propose(dongguan, cw, "老旧小区楼道加装扶手", "纺织厂家属院6栋楼道无扶手，高龄老人上下楼困难。", "18000")
    rails = actions.do_deliberate_project(rails, actor=cw, meeting_record=record)
    rails = actions.do_approve_project(rails, actor=town, budget="18000", funding_source="镇民生微实事专项资金")
    rails = actions.do_start_project(rails, actor=cw, supplier="汉阴县安居建筑工程队")
    actions.do_add_milestone(
        rails, actor=cw, title="材料进场、1—3栋完工", happened_on=today, files=[_photo("扶手.png")]
    )
    actions.do_add_spending(rails, actor=cw, amount="9000", note="不锈钢扶手材料", spent_on=today)

    # On an open, budget-limited ballot (限额投票), with some households already voted.
    gym = _propose(dongguan, None, "社区广场更新健身器材", "广场健身器材老化，部分已损坏存在安全隐患。", "42000")
    play = _propose(dongguan, cw, "儿童游乐设施", "小区无儿童活动场地，居民议事会建议在广场东侧增设。", "30000")
    shade = _propose(dongguan, None, "菜市场门口遮阳棚", "夏季居民排队买菜暴晒。", "12000")
    for p in (gym, play, shade):
        actions.do_deliberate_project(p, actor=cw, meeting_record=record)
    ballot = actions.do_open_round(
        actor=cw,
        kind="select",
        title=f"{year}年东关社区民生微实事评议投票",
        projects=[gym, play, shade],
        mode="knapsack",
        budget="60000",
    )
    codes = actions.do_issue_codes(ballot, actor=cw, count=120)
    choices = [[gym.pk], [play.pk, shade.pk], [gym.pk, shade.pk], [play.pk], [shade.pk]]
    for code in codes[:53]:
        actions.do_cast_vote(ballot, code=code, picks=rng.choice(choices))

    # A fresh proposal and a rejected one.
    _propose(dongguan, None, "小区增设电动车充电桩", "电动车楼道充电有火灾隐患。", "25000")
    bad = _propose(dongguan, None, "修建社区办公楼", "扩建社区办公用房。", "800000")
    actions.do_move_project(bad, actor=town, action="reject", reason="不属于民生微实事范围（办公用房建设另有渠道）。")

    # 河桥村 (涧池镇): funded; a neighbouring community: a resident's proposal waiting.
    road = _propose(heqiao, vw, "村道安装减速带和警示牌", "河桥小学门口村道车速快，学生过马路危险。", "15000")
    road = actions.do_deliberate_project(road, actor=vw, meeting_record="村民代表会议：35名代表一致同意。")
    actions.do_approve_project(road, actor=town2, budget="14000", funding_source="县级财政补助")
    neighbour = tree.grassroots_of(COUNTY).exclude(pk__in=[dongguan.pk, heqiao.pk]).order_by("code").first()
    if neighbour is not None:
        _propose(neighbour, None, "巷道路面硬化", "雨天巷道泥泞，约80户居民出行不便。", "48000")
