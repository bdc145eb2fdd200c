"""Demo ledger for 汉阴县: fifteen months (Sep 2025 – Nov 2026) of what landed on each community.

The county's slimmer second list version takes effect on 2026-05-01 (as the catalog demo publishes
it), so the story at first open is:
heavy, largely unlisted burden before, a visible cut after; 卫健局, 应急管理局 and 住建局 push the
most; a few townships keep calling a 5th meeting a month (breaches handed to supervision).
Rows are bulk-inserted (the loader is the platform, actor None) and the rollups rebuilt after.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db import transaction

from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import prefix_q
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import rollups
from .choices import Kind, RuleCode, SourceLevel
from .models import Breach, LedgerEntry
from .rules import case_group, rule_for

COUNTY = "610921"
START = dt.date(2025, 9, 1)
LISTS_PUBLISHED = dt.date(2026, 5, 1)
MONTHS = 15
# Departments that push the most (code suffix → weight); the rest weigh 1.
HEAVY = {"D04": 4, "D08": 3, "D07": 3, "D05": 2, "D11": 2}
# kind → (per community per month before, after, minutes, listed share before, after)
PROFILE = {
    Kind.TASK: (7, 4, 90, 0.45, 0.9),
    Kind.FORM: (9, 2, 40, 0.3, 0.95),
    Kind.LEDGER: (4, 2, 60, 0.3, 0.9),
    Kind.CERTIFICATE: (8, 2, 15, 0.35, 1.0),
    Kind.APP: (1.2, 0.3, 30, 0.2, 0.9),
    Kind.PLAQUE: (0.3, 0.02, 120, 0.2, 1.0),
    Kind.ASSESSMENT: (0.5, 0.15, 180, 0.3, 1.0),
}


def _month(i: int) -> dt.date:
    y, m = divmod(START.month - 1 + i, 12)
    return dt.date(START.year + y, m + 1, 1)


def _count(rng: random.Random, mean: float) -> int:
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0)


@transaction.atomic
def load() -> None:
    # Loaded already if the demo year's first month has entries (other demos, such as a task the
    # dispatch demo completes, add entries dated today, so "any entry" is not the test).
    if LedgerEntry.objects.within(COUNTY).filter(occurred_on__lt=_month(1)).exists():
        return
    county = Org.objects.filter(code=COUNTY).first()
    if county is None:
        return
    rng = random.Random(921)
    communities = list(Org.objects.filter(prefix_q(COUNTY), kind__in=GRASSROOTS_KINDS).select_related("parent"))
    depts = list(Org.objects.filter(parent=county, kind=OrgKind.DEPARTMENT, dept_kind="functional"))
    weights = [HEAVY.get(d.code[-3:], 1) for d in depts]
    township_depts = defaultdict(list)
    for d in Org.objects.filter(
        prefix_q(COUNTY, "parent__region_code"), parent__kind=OrgKind.TOWNSHIP, kind=OrgKind.DEPARTMENT
    ):
        township_depts[d.parent_id].append(d)
    # Two townships keep over-convening (a 5th/6th meeting a month) until the lists take effect.
    townships = sorted({c.parent_id for c in communities if c.parent_id is not None})
    noisy = set(townships[1:3])
    rows: list[LedgerEntry] = []

    def add(
        c: Org, source: Org, level: str, kind: str, day: dt.date, minutes: int, listed: bool | None, note: str = ""
    ) -> None:
        rows.append(
            LedgerEntry(
                region_code=c.region_code,
                community=c,
                source_org=source,
                source_level=level,
                kind=kind,
                occurred_on=day,
                minutes=minutes,
                listed=listed,
                note=note,
            )
        )

    for i in range(MONTHS):
        month = _month(i)
        after = month >= LISTS_PUBLISHED
        days = 28
        for c in communities:
            township = c.parent
            if township is None:  # every community sits under a township; a stray one gets no rows
                continue
            for kind, (before_n, after_n, minutes, before_listed, after_listed) in PROFILE.items():
                share = after_listed if after else before_listed
                for _ in range(_count(rng, after_n if after else before_n)):
                    source = rng.choices(depts, weights)[0] if rng.random() < 0.7 else township
                    level = SourceLevel.COUNTY_DEPT if source in depts else SourceLevel.TOWNSHIP
                    add(
                        c,
                        source,
                        level,
                        kind,
                        month + dt.timedelta(days=rng.randrange(days)),
                        max(5, int(rng.gauss(minutes, minutes / 4))),
                        rng.random() < share,
                    )
            n_meet = (
                (rng.choice([5, 5, 6]) if township.pk in noisy else rng.choice([3, 4]))
                if not after
                else rng.choice([2, 3, 4])
            )
            for k in range(n_meet):
                convener = township if k % 2 == 0 or not township_depts[township.pk] else township_depts[township.pk][0]
                level = SourceLevel.TOWNSHIP if convener == township else SourceLevel.TOWNSHIP_DEPT
                add(
                    c,
                    convener,
                    level,
                    Kind.MEETING,
                    month + dt.timedelta(days=min(27, k * 6 + 1)),
                    90,
                    None,
                    "乡镇例会",
                )
            for k in range(rng.choice([2, 3, 3]) if not after else rng.choice([1, 1, 2])):
                add(
                    c,
                    township,
                    SourceLevel.TOWNSHIP,
                    Kind.INSPECTION,
                    month + dt.timedelta(days=3 + k * 8),
                    120,
                    None,
                    "乡镇检查",
                )
            if not after and rng.random() < 0.08:
                d = rng.choices(depts, weights)[0]
                add(
                    c,
                    d,
                    SourceLevel.COUNTY_DEPT,
                    Kind.INSPECTION,
                    month + dt.timedelta(days=15),
                    150,
                    None,
                    "部门直接检查",
                )
        if i in (1, 7):  # the county convenes everyone twice a year
            for c in communities:
                add(
                    c,
                    county,
                    SourceLevel.COUNTY,
                    Kind.MEETING,
                    month + dt.timedelta(days=20),
                    180,
                    None,
                    "县级工作会议",
                )
    LedgerEntry.objects.bulk_create(rows, batch_size=2000)
    rollups.rebuild(COUNTY)
    _breaches(communities)


def _breaches(communities: list[Org]) -> None:
    """Breach records (and supervision cases) for the demo's over-limit meetings and inspections."""
    rule_meet = rule_for(RuleCode.TOWNSHIP_MEETINGS, COUNTY)
    rule_dept = rule_for(RuleCode.DEPT_INSPECTION, COUNTY)
    by_cm = defaultdict(list)
    qs = LedgerEntry.objects.within(COUNTY).filter(kind__in=[Kind.MEETING, Kind.INSPECTION])
    for e in qs.select_related("source_org", "community").order_by("occurred_on", "id"):
        if e.kind == Kind.MEETING and e.source_level in (SourceLevel.TOWNSHIP, SourceLevel.TOWNSHIP_DEPT):
            by_cm[(e.community_id, e.occurred_on.replace(day=1))].append(e)
        elif e.kind == Kind.INSPECTION and e.source_level == SourceLevel.COUNTY_DEPT and rule_dept is not None:
            _breach(rule_dept, e.community, e.source_org, e.occurred_on, "", 1, [e], f"{e.source_org.name}直接检查社区")
    for (_c, month), entries in by_cm.items():
        if rule_meet is not None and len(entries) > (rule_meet.limit or 0):
            last = entries[-1]
            period = f"{month.year} 年 {month.month} 月"
            _breach(
                rule_meet,
                last.community,
                last.community.parent,
                last.occurred_on,
                period,
                len(entries),
                entries,
                f"{last.community.name}：{period}第 {len(entries)} 次乡镇会议，超过每月 4 次",
            )


def _breach(rule, community, department, day, period, count, entries, description) -> None:
    b = Breach.objects.create(
        region_code=community.region_code,
        rule=rule,
        rule_code=rule.code,
        community=community,
        department=department,
        occurred_on=day,
        period=period,
        count=count,
        limit=rule.limit,
        description=description,
        reason="（演示数据）",
    )
    b.entries.set(entries)
    # One case per unit, rule and period, as the ledger's actions hand breaches over.
    key, label = case_group(rule, period, day)
    b.case = do_open_case(
        actor=None,
        source=CaseSource.BREACH,
        region_code=community.region_code,
        title=f"{department.name}：{rule.title}（{label}）",
        description=f"{department.name}在{label}违反“{rule.title}”，涉及的社区和台账见本案所列超限记录。",
        rule_ref=rule.title,
        community=community,
        department=department,
        source_obj=b,
        group_key=key,
        item=description,
        occurred_on=day,
    )
    b.save(update_fields=["case"])
