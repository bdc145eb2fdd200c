"""The demo jurisdiction: 汉阴县 (陕西省安康市, code 610921) with its ten real towns.

汉阴县 is the county of seed 001 (汉阴县开展社区建设提升年工作实施方案). Town names and codes are
real (Ministry of Civil Affairs); the community and village committees under them are generated
(``is_generated``) because no public offline table lists them. A small second county (石泉县) is
loaded too, so that what one county cannot see of another is visible in the demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from jianfu.core.demo import AccountLine

from .actions import do_create_org, do_create_user
from .choices import ROLE_SHORT, DeptKind, OrgKind, Role
from .divisions import load_county
from .models import Org, User

DEMO_COUNTY = "610921"  # 汉阴县
OTHER_COUNTY = "610922"  # 石泉县

# County-level departments: (code suffix, name, kind).
# County-level departments: (code suffix, name pattern with {c} for the county, kind).
COUNTY_DEPARTMENTS = [
    ("D01", "中共{c}委组织部", DeptKind.ORGANISATION),
    ("D02", "{c}民政局", DeptKind.CIVIL_AFFAIRS),
    ("D03", "{c}城乡社区减负工作领导小组", DeptKind.LEADING_GROUP),
    ("D04", "{c}卫生健康局", DeptKind.FUNCTIONAL),
    ("D05", "{c}人力资源和社会保障局", DeptKind.FUNCTIONAL),
    ("D06", "{c}公安局", DeptKind.FUNCTIONAL),
    ("D07", "{c}住房和城乡建设局", DeptKind.FUNCTIONAL),
    ("D08", "{c}应急管理局", DeptKind.FUNCTIONAL),
    ("D09", "{c}市场监督管理局", DeptKind.FUNCTIONAL),
    ("D10", "{c}教育体育科技局", DeptKind.FUNCTIONAL),
    ("D11", "{c}农业农村局", DeptKind.FUNCTIONAL),
    ("D12", "{c}退役军人事务局", DeptKind.FUNCTIONAL),
    ("D13", "{c}医疗保障局", DeptKind.FUNCTIONAL),
    ("D14", "{c}统计局", DeptKind.FUNCTIONAL),
    ("D15", "{c}司法局", DeptKind.FUNCTIONAL),
    ("D16", "{c}残疾人联合会", DeptKind.FUNCTIONAL),
]
TOWNSHIP_DEPARTMENTS = [("T01", "党政综合办公室"), ("T02", "社会事务办公室")]

URBAN_NAMES = ["东关", "西关", "南街", "北城", "新城", "月河", "凤台", "三元", "五一", "城北", "滨河", "太白"]
VILLAGE_SYLLABLES = list("青龙凤凰双河石桥柳树枫坪桃园安乐兴隆太平永丰金星红岩新华光明和平长岭梨树松林高峰清泉")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    org_code: str
    role: str


def _village_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = "".join(rng.sample(VILLAGE_SYLLABLES, 2))
        if name not in used:
            used.add(name)
            return name


def _grassroots(township: Org, index: int, rng: random.Random, used: set[str]) -> list[Org]:
    """Generated committees: the county seat gets mostly urban communities, towns mostly villages."""
    seat = index == 0
    n_urban = 5 if seat else (2 if index < 4 else 1)
    n_village = 3 if seat else 6
    orgs = []
    for i in range(n_urban):
        base = URBAN_NAMES[i] if seat else (township.name.removesuffix("镇") + ("" if i == 0 else "新区"))
        orgs.append(
            do_create_org(
                actor=None,
                code=f"{township.code}{i + 1:03d}",
                name=f"{base}社区",
                kind=OrgKind.COMMUNITY,
                parent=township,
                is_generated=True,
                staff_count=rng.choice([5, 6, 7, 8, 9]),
                sort_order=i,
            )
        )
    for j in range(n_village):
        orgs.append(
            do_create_org(
                actor=None,
                code=f"{township.code}{200 + j + 1:03d}",
                name=f"{_village_name(rng, used)}村",
                kind=OrgKind.VILLAGE,
                parent=township,
                is_generated=True,
                staff_count=rng.choice([3, 4, 5, 6]),
                sort_order=n_urban + j,
            )
        )
    return orgs


def _departments(county: Org) -> None:
    for i, (suffix, name, kind) in enumerate(COUNTY_DEPARTMENTS):
        do_create_org(
            actor=None,
            code=f"{county.code}{suffix}",
            name=name.format(c=county.name),
            kind=OrgKind.DEPARTMENT,
            parent=county,
            dept_kind=kind,
            sort_order=i,
        )


@transaction.atomic
def load_county_tree(county_code: str, *, seed: int, max_townships: int | None = None) -> Org:
    county, townships = load_county(county_code)
    if Org.objects.filter(parent=county, kind=OrgKind.DEPARTMENT).exists():
        return county
    _departments(county)
    rng = random.Random(seed)
    used: set[str] = set()
    for index, township in enumerate(townships[:max_townships]):
        for k, (suffix, name) in enumerate(TOWNSHIP_DEPARTMENTS):
            do_create_org(
                actor=None,
                code=f"{township.code}{suffix}",
                name=f"{township.name}{name}",
                kind=OrgKind.DEPARTMENT,
                parent=township,
                sort_order=k,
            )
        _grassroots(township, index, rng, used)
    return county


def demo_accounts() -> list[DemoAccount]:
    c, o = DEMO_COUNTY, OTHER_COUNTY
    return [
        DemoAccount("admin", "张建国", c, Role.SYSADMIN),
        DemoAccount("anquan", "马晓东", c, Role.SECADMIN),
        DemoAccount("shenji", "罗佳", c, Role.AUDITOR),
        DemoAccount("mzj", "李秀英", f"{c}D02", Role.LIST_OWNER),
        DemoAccount("zzb", "王志强", f"{c}D01", Role.LIST_OWNER),
        DemoAccount("ldxz", "陈明", f"{c}D03", Role.APPROVER),
        DemoAccount("wjj", "刘洋", f"{c}D04", Role.DEPT_OFFICER),
        DemoAccount("rsj", "周婷", f"{c}D05", Role.DEPT_OFFICER),
        DemoAccount("chengguan", "赵敏", f"{c}100", Role.TOWNSHIP_OFFICER),
        DemoAccount("jianchi", "吴刚", f"{c}101", Role.TOWNSHIP_OFFICER),
        DemoAccount("dongguan", "孙丽", f"{c}100001", Role.COMMUNITY_WORKER),
        DemoAccount("village", "郑海", f"{c}101201", Role.COMMUNITY_WORKER),
        DemoAccount("sq_mzj", "黄芳", f"{o}D02", Role.LIST_OWNER),
    ]


@transaction.atomic
def load() -> list[AccountLine]:
    """Load the demo jurisdiction and its accounts; safe to run again (it skips what exists)."""
    load_county_tree(DEMO_COUNTY, seed=2026)
    load_county_tree(OTHER_COUNTY, seed=2027, max_townships=2)
    accounts = demo_accounts()
    for account in accounts:
        if User.objects.filter(username=account.username).exists():
            continue
        do_create_user(
            actor=None,
            username=account.username,
            full_name=account.full_name,
            org=Org.objects.get(code=account.org_code),
            role=account.role,
            password=settings.DEMO_PASSWORD,
            _skip_password_validation=True,
        )
    orgs = {o.code: o for o in Org.objects.filter(code__in=[a.org_code for a in accounts]).select_related("parent")}
    return [
        AccountLine(a.username, a.full_name, f"{ROLE_SHORT[Role(a.role)]} · {orgs[a.org_code].full_name}")
        for a in accounts
    ]
