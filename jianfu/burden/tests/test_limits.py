"""Each limit at, below and above its threshold; the pre-check, the reason, breaches and cases."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.burden import actions
from jianfu.burden.choices import Kind, RuleCode
from jianfu.burden.models import Breach, LedgerEntry
from jianfu.core.errors import ActionError, NotAllowed, NotFound
from jianfu.supervision.models import Case

from .factories import publish_lists

DAY = dt.date(2026, 3, 2)


def event(world, n=1, *, actor="township_officer", convener=None, kind=Kind.MEETING, day=DAY, reason="", comms=None):
    user = world.users[actor]
    out = None
    for i in range(n):
        out = actions.do_record_event(
            actor=user,
            kind=kind,
            convener=convener or user.org,
            title=f"例会{i + 1}",
            occurred_on=day + dt.timedelta(days=i),
            minutes=60,
            communities=comms or [world.dongguan, world.xiguan],
            reason=reason,
        )
    return out


def test_four_township_meetings_a_month_are_within_the_limit(world):
    event(world, 3)
    assert not actions.check_event(
        actor=world.township_officer,
        kind=Kind.MEETING,
        convener=world.chengguan,
        occurred_on=DAY,
        communities=[world.dongguan],
    )  # below: the 4th would be fine
    event(world, 1, day=DAY + dt.timedelta(days=10))
    assert LedgerEntry.objects.filter(kind=Kind.MEETING).count() == 8
    assert not Breach.objects.exists()  # at the threshold: no breach


def test_a_fifth_township_meeting_needs_a_reason_and_becomes_a_breach_and_a_case(world):
    event(world, 4)
    findings = actions.check_event(
        actor=world.township_officer,
        kind=Kind.MEETING,
        convener=world.chengguan,
        occurred_on=DAY,
        communities=[world.dongguan],
    )
    assert [f.count for f in findings] == [5] and "第 5 次" in findings[0].message
    with pytest.raises(ActionError, match="请填写理由"):
        event(world, 1, day=DAY + dt.timedelta(days=20))
    assert LedgerEntry.objects.count() == 8  # nothing saved
    _ev, breaches = event(world, 1, day=DAY + dt.timedelta(days=20), reason="防汛紧急部署")
    assert len(breaches) == 2
    b = Breach.objects.get(community=world.dongguan)
    assert b.rule_code == RuleCode.TOWNSHIP_MEETINGS and b.count == 5 and b.limit == 4
    assert b.entries.count() == 5 and b.reason == "防汛紧急部署" and b.department == world.chengguan
    assert Case.objects.get(pk=b.case_id).source == "breach"
    assert "乡镇会议每月不超过 4 次" in b.case.rule_ref


def test_a_sixth_meeting_in_the_month_updates_the_same_breach_and_case(world):
    event(world, 4)
    event(world, 1, day=DAY + dt.timedelta(days=20), reason="防汛紧急部署")
    event(world, 1, day=DAY + dt.timedelta(days=21), reason="迎检")
    b = Breach.objects.get(community=world.dongguan)
    assert b.count == 6 and b.entries.count() == 6
    assert "防汛紧急部署" in b.reason and "迎检" in b.reason
    # one case for the township, the month and the rule, both communities listed; 东关's line says 6
    case = Case.objects.get(source="breach")
    assert b.case == case and {i.community for i in case.items.all()} == {world.dongguan, world.xiguan}
    assert "第 6 次" in case.items.get(community=world.dongguan).summary


def test_meetings_in_another_month_start_a_new_count(world):
    event(world, 4)
    event(world, 1, day=dt.date(2026, 4, 1))
    assert not Breach.objects.exists()


def precheck(world, *, actor, kind, day, convener=None):
    user = world.users[actor]
    return actions.check_event(
        actor=user, kind=kind, convener=convener or user.org, occurred_on=day, communities=[world.dongguan]
    )


def test_county_meetings_are_limited_to_two_a_year(world):
    # below: one meeting, and the pre-check of a second finds nothing
    event(world, 1, actor="county_mzj", comms=[world.dongguan])
    assert precheck(world, actor="county_mzj", kind=Kind.MEETING, day=dt.date(2026, 6, 1)) == []
    assert not Breach.objects.exists() and not Case.objects.exists()
    # at: the second is recorded without a reason and without a breach
    ev, none = event(world, 1, actor="county_mzj", day=dt.date(2026, 6, 1), comms=[world.dongguan])
    assert none == [] and ev.override_reason == "" and not Breach.objects.exists()
    assert LedgerEntry.objects.filter(kind=Kind.MEETING, community=world.dongguan).count() == 2
    # above: the third is refused without a reason (nothing saved), then breaks the limit with one
    findings = precheck(world, actor="county_mzj", kind=Kind.MEETING, day=dt.date(2026, 9, 1))
    assert [f.count for f in findings] == [3] and "第 3 次" in findings[0].message
    with pytest.raises(ActionError, match="请填写理由"):
        event(world, 1, actor="county_mzj", day=dt.date(2026, 9, 1), comms=[world.dongguan])
    assert LedgerEntry.objects.count() == 2
    _, breaches = event(
        world, 1, actor="county_mzj", day=dt.date(2026, 9, 1), comms=[world.dongguan], reason="上级要求"
    )
    assert [b.rule_code for b in breaches] == [RuleCode.COUNTY_MEETINGS] and breaches[0].count == 3
    assert breaches[0].limit == 2 and breaches[0].department == world.mzj and breaches[0].entries.count() == 3
    assert Case.objects.get(pk=breaches[0].case_id).source == "breach"


def test_county_meetings_count_per_calendar_year(world):
    event(world, 2, actor="county_mzj", comms=[world.dongguan], day=dt.date(2025, 11, 3))
    _, none = event(world, 2, actor="county_mzj", comms=[world.dongguan], day=dt.date(2026, 1, 5))
    assert none == [] and not Breach.objects.exists()


def test_township_inspections_are_limited_to_three_a_month(world):
    # below: two, and the pre-check of a third finds nothing
    event(world, 2, kind=Kind.INSPECTION)
    assert precheck(world, actor="township_officer", kind=Kind.INSPECTION, day=dt.date(2026, 3, 20)) == []
    # at: the third is recorded without a reason and without a breach
    _, none = event(world, 1, kind=Kind.INSPECTION, day=dt.date(2026, 3, 20))
    assert none == [] and not Breach.objects.exists()
    assert LedgerEntry.objects.filter(kind=Kind.INSPECTION, community=world.dongguan).count() == 3
    # above: the fourth is refused without a reason, then recorded as a breach with one
    findings = precheck(world, actor="township_officer", kind=Kind.INSPECTION, day=dt.date(2026, 3, 25))
    assert [f.count for f in findings] == [4] and "第 4 次" in findings[0].message
    with pytest.raises(ActionError, match="请填写理由"):
        event(world, 1, kind=Kind.INSPECTION, day=dt.date(2026, 3, 25))
    assert LedgerEntry.objects.filter(kind=Kind.INSPECTION).count() == 6  # 3 × 2 communities, none added
    _, breaches = event(world, 1, kind=Kind.INSPECTION, day=dt.date(2026, 3, 25), reason="安全检查")
    assert {b.rule_code for b in breaches} == {RuleCode.TOWNSHIP_INSPECTIONS}
    b = Breach.objects.get(community=world.dongguan)
    assert b.count == 4 and b.limit == 3 and b.reason == "安全检查" and b.department == world.chengguan
    # township inspections and township meetings are counted apart: a meeting the same month is fine
    _, none = event(world, 1, kind=Kind.MEETING, day=dt.date(2026, 3, 26))
    assert none == []


def test_a_county_department_may_not_inspect_communities_directly(world):
    with pytest.raises(ActionError, match="直接检查社区"):
        event(world, 1, actor="dept_officer", kind=Kind.INSPECTION)
    _, breaches = event(world, 1, actor="dept_officer", kind=Kind.INSPECTION, reason="专项督查")
    assert {b.rule_code for b in breaches} == {RuleCode.DEPT_INSPECTION}
    # A county department's meeting is a county meeting, not a direct inspection.
    _, none = event(world, 1, actor="dept_officer", kind=Kind.MEETING, comms=[world.dongguan])
    assert none == []


def test_only_the_convener_org_may_be_named_and_only_communities_in_scope(world):
    with pytest.raises(NotAllowed):
        event(world, 1, convener=world.jianchi)
    with pytest.raises(NotFound):
        event(world, 1, comms=[world.heqiao])
    with pytest.raises(NotAllowed):
        event(world, 1, actor="community_worker")


def entry(world, **kw):
    values = dict(
        actor=world.community_worker,
        kind=Kind.FORM,
        community=world.dongguan,
        source_org=world.wjj,
        occurred_on=DAY,
        minutes=30,
        listed=None,
    )
    values.update(kw)
    return actions.do_record_entry(**values)


def test_one_vote_veto_is_a_breach_and_a_plain_assessment_is_not(world):
    entry(world, kind=Kind.ASSESSMENT, source_org=world.chengguan)
    assert not Breach.objects.exists()
    entry(world, kind=Kind.ASSESSMENT, is_veto=True)
    assert Breach.objects.get().rule_code == RuleCode.VETO


def test_forms_must_be_listed_and_within_their_listed_frequency(world):
    items = publish_lists(world)
    entry(world, list_item=items["F-01"])  # monthly form, 1st in March: fine
    entry(world, list_item=items["F-01"], occurred_on=dt.date(2026, 4, 3))  # 1st in April: fine
    assert not Breach.objects.exists()
    entry(world, list_item=items["F-01"], occurred_on=dt.date(2026, 3, 20))  # 2nd in March: above
    b = Breach.objects.get()
    assert b.rule_code == RuleCode.FORMS and b.count == 2 and b.entries.count() == 2
    entry(world, note="临时摸底表")  # not on the list at all
    assert Breach.objects.filter(rule_code=RuleCode.FORMS).count() == 2
    assert LedgerEntry.objects.filter(listed=False).count() == 1


def test_a_twice_yearly_form_may_be_filled_twice(world):
    items = publish_lists(world)
    entry(world, list_item=items["F-02"])
    entry(world, list_item=items["F-02"], occurred_on=dt.date(2026, 8, 1))
    assert not Breach.objects.exists()
    entry(world, list_item=items["F-02"], occurred_on=dt.date(2026, 9, 1))
    assert Breach.objects.get().count == 3


@pytest.mark.parametrize(
    ("kind", "code", "rule"),
    [
        (Kind.PLAQUE, "M-01", RuleCode.PLAQUES),
        (Kind.APP, "S-01", RuleCode.APPS),
        (Kind.CERTIFICATE, "C-01", RuleCode.CERTIFICATES),
    ],
)
def test_only_listed_plaques_apps_and_certificates(world, kind, code, rule):
    items = publish_lists(world)
    entry(world, kind=kind, list_item=items[code])
    assert not Breach.objects.exists()
    entry(world, kind=kind, note="对口挂牌")
    assert Breach.objects.get().rule_code == rule


def test_an_item_of_the_wrong_list_is_refused(world):
    items = publish_lists(world)
    with pytest.raises(ActionError, match="清单事项"):
        entry(world, kind=Kind.PLAQUE, list_item=items["F-01"])
    assert not LedgerEntry.objects.exists()


def test_a_county_may_tighten_but_not_loosen_a_limit(world):
    actions.do_set_rule(world.county, actor=world.county_mzj, code=RuleCode.TOWNSHIP_MEETINGS, limit=2)
    event(world, 2)
    with pytest.raises(ActionError, match="不超过 2 次"):
        event(world, 1, day=dt.date(2026, 3, 28))
    with pytest.raises(ActionError, match="只能收紧"):
        actions.do_set_rule(world.county, actor=world.county_mzj, code=RuleCode.TOWNSHIP_MEETINGS, limit=6)
    with pytest.raises(NotAllowed):
        actions.do_set_rule(world.county, actor=world.other_county_officer, code=RuleCode.TOWNSHIP_MEETINGS, limit=1)
    with pytest.raises(NotAllowed):
        actions.do_set_rule(world.county, actor=world.township_officer, code=RuleCode.TOWNSHIP_MEETINGS, limit=1)
