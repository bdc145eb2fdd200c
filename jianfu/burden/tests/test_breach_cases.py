"""Breaches reach supervision as one case per responsible unit, rule and period (issue 19)."""

from __future__ import annotations

import datetime as dt

from jianfu.burden import actions
from jianfu.burden.choices import Kind
from jianfu.burden.models import Breach
from jianfu.core.models import AuditEntry
from jianfu.orgs.actions import do_create_org
from jianfu.orgs.choices import OrgKind
from jianfu.supervision import actions as sv
from jianfu.supervision.choices import CaseState
from jianfu.supervision.models import Case

DAY = dt.date(2026, 3, 2)


def eight_communities(world):
    extra = [
        do_create_org(
            actor=None, code=f"61092110000{n}", name=f"第{n}社区", kind=OrgKind.COMMUNITY, parent=world.chengguan
        )
        for n in range(3, 8)
    ]
    return [world.dongguan, world.xiguan, world.qiaoshang, *extra]


def meeting(world, communities, day, reason=""):
    return actions.do_record_event(
        actor=world.township_officer,
        kind=Kind.MEETING,
        convener=world.chengguan,
        title=f"例会 {day:%m-%d}",
        occurred_on=day,
        minutes=60,
        communities=communities,
        reason=reason,
    )


def fifth_meeting(world, communities):
    for i in range(4):
        meeting(world, communities, DAY + dt.timedelta(days=i))
    return meeting(world, communities, DAY + dt.timedelta(days=10), reason="防汛紧急部署")


def test_an_over_limit_meeting_for_eight_communities_opens_one_case_listing_all_eight(world):
    communities = eight_communities(world)
    _event, breaches = fifth_meeting(world, communities)
    assert len(breaches) == 8 and Breach.objects.count() == 8
    case = Case.objects.get(source="breach")
    assert {b.case_id for b in breaches} == {case.pk}
    assert {i.community for i in case.items.all()} == set(communities)
    assert case.department == world.chengguan and case.title == "城关镇：乡镇会议每月不超过 4 次（2026 年 3 月）"
    # the case belongs to the township now that it spans its communities; one open, seven joined
    assert case.region_code == world.chengguan.region_code and case.community is None
    assert AuditEntry.objects.filter(event_type="supervision.case.open", object_id=str(case.pk)).count() == 1
    assert AuditEntry.objects.filter(event_type="supervision.case.join", object_id=str(case.pk)).count() == 7


def test_the_same_units_next_meeting_in_the_period_joins_the_open_case_with_a_note(world):
    communities = eight_communities(world)
    fifth_meeting(world, communities[:4])
    case = Case.objects.get(source="breach")
    # a 6th meeting for the first four (their lines are updated) and a 5th for the other four
    for i in range(4):
        meeting(world, communities[4:], DAY + dt.timedelta(days=i))
    meeting(world, communities, DAY + dt.timedelta(days=15), reason="迎检")
    assert Case.objects.filter(source="breach").count() == 1
    assert case.items.count() == 8 and Breach.objects.filter(case=case).count() == 8
    assert "第 6 次" in case.items.get(community=world.dongguan).summary
    notes = AuditEntry.objects.filter(object_type="supervision.case", object_id=str(case.pk))
    assert notes.filter(event_type="supervision.case.join").count() == 7
    assert notes.filter(event_type="supervision.case.item_update").count() == 4
    history = sv_history(world, case)
    assert any(h["label"] == "并入同类线索" and "第5社区" in h["reason"] for h in history)


def sv_history(world, case):
    from jianfu.supervision.selectors import case_history

    return case_history(world.county_mzj, case, as_office=True)


def test_a_breach_in_another_month_opens_its_own_case(world):
    fifth_meeting(world, [world.dongguan, world.xiguan])
    april = dt.date(2026, 4, 1)
    for i in range(5):
        meeting(world, [world.dongguan], april + dt.timedelta(days=i), reason="x" if i == 4 else "")
    assert Case.objects.filter(source="breach").count() == 2
    titles = sorted(c.title for c in Case.objects.filter(source="breach"))
    rule = "城关镇：乡镇会议每月不超过 4 次"
    assert titles == [f"{rule}（2026 年 3 月）", f"{rule}（2026 年 4 月）"]


def test_a_breach_after_the_case_was_dismissed_opens_a_new_case_linked_to_it(world):
    fifth_meeting(world, [world.dongguan, world.xiguan])
    first = Case.objects.get(source="breach")
    sv.do_move_case(first, "verify", actor=world.county_mzj)
    sv.do_move_case(first, "dismiss", actor=world.county_mzj, reason="防汛属特殊情况。")
    meeting(world, [world.dongguan], DAY + dt.timedelta(days=20), reason="再次召集")
    first.refresh_from_db()
    assert first.state == CaseState.UNSUBSTANTIATED and first.items.count() == 2  # not reopened
    second = Case.objects.exclude(pk=first.pk).get(source="breach")
    assert second.previous == first and second.state == CaseState.RECEIVED
    assert [i.community for i in second.items.all()] == [world.dongguan]
    assert Breach.objects.filter(community=world.dongguan).count() == 2  # the decided one is kept as it was


def test_direct_inspections_by_a_department_in_one_month_are_one_case(world):
    day = dt.date(2026, 3, 10)
    for community in (world.dongguan, world.xiguan):
        actions.do_record_entry(
            actor=world.county_mzj,
            kind=Kind.INSPECTION,
            community=community,
            source_org=world.wjj,
            occurred_on=day,
            minutes=60,
            listed=None,
        )
    case = Case.objects.get(source="breach")
    assert case.items.count() == 2 and "2026 年 3 月" in case.title and case.department == world.wjj


def legacy_breach_case(world, community, day, department=None):
    """A breach and its case as they were made before issue 19: one case per breach, no group."""
    from jianfu.burden.rules import rule_for

    rule = rule_for("township_meetings", community.region_code)
    department = department or world.chengguan
    breach = Breach.objects.create(
        region_code=community.region_code,
        rule=rule,
        rule_code=rule.code,
        community=community,
        department=department,
        occurred_on=day,
        period=f"{day.year} 年 {day.month} 月",
        count=5,
        limit=4,
        description=f"{community.name}：第 5 次",
    )
    breach.case = sv.do_open_case(
        actor=None,
        source="breach",
        region_code=community.region_code,
        title=f"{department.name}：乡镇会议每月不超过 4 次（{community.name}）",
        community=community,
        department=department,
        source_obj=breach,
    )
    breach.save(update_fields=["case"])
    return breach


def test_the_data_migration_folds_open_legacy_cases_of_one_group_into_the_oldest(world):
    import importlib

    from django.apps import apps

    from jianfu.core import auditchain

    migration = importlib.import_module("jianfu.burden.migrations.0003_fold_breach_cases")
    march = [legacy_breach_case(world, c, DAY) for c in (world.dongguan, world.xiguan, world.qiaoshang)]
    decided = march[2].case  # somebody already worked on this one: it is not folded
    sv.do_move_case(decided, "verify", actor=world.county_mzj)
    sv.do_move_case(decided, "substantiate", actor=world.county_mzj, reason="属实")
    april = legacy_breach_case(world, world.dongguan, dt.date(2026, 4, 2))
    folded_code = march[1].case.tracking_code

    migration.fold(apps, None)

    keep = Case.objects.get(pk=march[0].case_id)
    assert not Case.objects.filter(pk=march[1].case_id).exists()
    assert Breach.objects.get(pk=march[1].pk).case == keep
    assert [i.community for i in keep.items.all()] == [world.dongguan, world.xiguan]
    assert keep.title == "城关镇：乡镇会议每月不超过 4 次（2026 年 3 月）" and keep.community is None
    assert keep.region_code == world.chengguan.region_code
    merge = AuditEntry.objects.get(event_type="supervision.case.merge", object_id=str(keep.pk))
    assert merge.after["merged"] == [march[1].case_id] and merge.after["tracking_codes"] == [folded_code]
    assert Case.objects.get(pk=decided.pk).state == CaseState.SUBSTANTIATED  # kept as it was, with its line
    assert Case.objects.get(pk=april.case_id).items.count() == 1  # another period: its own case
    assert auditchain.verify()[1] == []  # the merge entry is a proper link of the county's chain
    # a new breach of the group now joins the kept case
    newcomer = eight_communities(world)[3]
    for i in range(4):
        meeting(world, [newcomer], DAY + dt.timedelta(days=i))
    meeting(world, [newcomer], DAY + dt.timedelta(days=9), reason="补开")
    assert Case.objects.filter(source="breach", department=world.chengguan).count() == 3
    assert keep.items.count() == 3 and Breach.objects.get(community=newcomer).case == keep
