"""Recording entries: who may, what is refused, and the rollups that follow every change."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.burden import actions, rollups
from jianfu.burden.choices import Kind, SourceLevel
from jianfu.burden.models import LedgerEntry, Rollup
from jianfu.core.errors import ActionError, NotFound
from jianfu.core.models import AuditEntry

DAY = dt.date(2026, 3, 10)


def record(world, actor="community_worker", **kw):
    values = {
        "actor": world.users[actor] if actor else None,
        "kind": Kind.TASK,
        "community": world.dongguan,
        "source_org": world.wjj,
        "occurred_on": DAY,
        "minutes": 90,
        "listed": True,
    }
    values.update(kw)
    return actions.do_record_entry(**values)


def rollup_rows():
    return sorted(
        Rollup.objects.values_list("depth", "region_code", "month", "kind", "source_org", "listed", "count", "minutes")
    )


def test_a_community_worker_records_what_landed_on_their_community(world):
    entry = record(world)
    assert entry.region_code == "610921100001"
    assert entry.source_level == SourceLevel.COUNTY_DEPT
    assert entry.recorded_by == world.community_worker
    assert AuditEntry.objects.filter(event_type="burden.entry.record", object_id=str(entry.pk)).exists()
    assert Rollup.objects.get(depth=9, region_code="610921100").minutes == 90


def test_the_platform_records_a_completed_task_without_a_user(world):
    entry = record(world, actor=None, listed=False, note="入户调查")
    assert entry.listed is False and entry.recorded_by is None


def test_a_worker_cannot_record_for_another_community(world):
    with pytest.raises(NotFound):
        record(world, community=world.xiguan)
    assert not LedgerEntry.objects.exists()


def test_an_officer_of_the_other_county_cannot_record_here(world):
    with pytest.raises(NotFound):
        record(world, actor="other_county_officer")
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": -5}, "不能为负数"),
        ({"occurred_on": dt.date.today() + dt.timedelta(days=400)}, "日期不能晚于"),
        ({"source_org": None}, "来源单位"),
        ({"kind": "party"}, "类型"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_saves_nothing(world, changes, message):
    with pytest.raises(ActionError, match=message):
        record(world, **changes)
    assert not LedgerEntry.objects.exists() and not Rollup.objects.exists()


def test_a_source_from_another_county_is_refused(world):
    with pytest.raises(ActionError, match="上级单位"):
        record(world, source_org=world.other_dept)


def test_the_horizon_is_configurable(world, settings):
    settings.BURDEN_HORIZON_DAYS = 0
    with pytest.raises(ActionError, match="日期不能晚于"):
        record(world, occurred_on=dt.date.today() + dt.timedelta(days=2))


def test_rollups_follow_adds_and_corrections_and_equal_a_rebuild(world):
    a = record(world)
    record(world, minutes=30, listed=False)
    record(world, actor="township_officer", community=world.xiguan, source_org=world.chengguan, minutes=45)
    actions.do_correct_entry(
        a, actor=world.community_worker, occurred_on=dt.date(2026, 2, 1), minutes=60, reason="日期记错"
    )
    live = rollup_rows()
    assert Rollup.objects.get(depth=12, region_code="610921100001", month=dt.date(2026, 2, 1)).minutes == 60
    rollups.rebuild()
    assert rollup_rows() == live


def test_a_correction_needs_a_reason_and_leaves_rollups_alone_when_refused(world):
    a = record(world)
    before = rollup_rows()
    with pytest.raises(ActionError, match="理由"):
        actions.do_correct_entry(a, actor=world.community_worker, occurred_on=DAY, minutes=10, reason="")
    with pytest.raises(ActionError, match="负数"):
        actions.do_correct_entry(a, actor=world.community_worker, occurred_on=DAY, minutes=-1, reason="x")
    assert rollup_rows() == before


def test_the_rebuild_command_restores_lost_rollups(world):
    from django.core.management import call_command

    record(world)
    record(world, community=world.xiguan, actor=None, minutes=15)
    live = rollup_rows()
    Rollup.objects.all().delete()
    call_command("rebuild_burden_rollups", region="610921")
    assert rollup_rows() == live
