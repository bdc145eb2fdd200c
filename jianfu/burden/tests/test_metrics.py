"""Hours arithmetic, listed share, time left for residents, scoping and the reduction report."""

from __future__ import annotations

import datetime as dt

from jianfu.burden import actions, metrics
from jianfu.burden.choices import HOURS_PER_STAFF_YEAR, Kind


def add(world, community, source, day, minutes, kind=Kind.TASK, listed=True, n=1):
    for _ in range(n):
        actions.do_record_entry(
            actor=None,
            kind=kind,
            community=community,
            source_org=source,
            occurred_on=day,
            minutes=minutes,
            listed=listed,
        )


def test_hours_are_minutes_times_occurrences_summed_by_kind_department_and_month(world):
    add(world, world.dongguan, world.wjj, dt.date(2026, 1, 5), 90, n=2)  # 3 h
    add(world, world.xiguan, world.rsj, dt.date(2026, 2, 5), 30, listed=False)  # 0.5 h
    add(world, world.heqiao, world.jianchi, dt.date(2026, 2, 9), 45, kind=Kind.MEETING, listed=None)  # 0.75 h
    m = metrics.metrics(world.county, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert m.total_count == 4 and m.total_hours == 4.3
    assert {d["name"]: d["hours"] for d in m.by_department} == {
        "汉阴县卫生健康局": 3.0,
        "汉阴县人力资源和社会保障局": 0.5,
        "涧池镇": 0.8,
    }
    assert [x["hours"] for x in m.by_month] == [3.0, 1.3, 0]
    assert {c["code"]: c["hours"] for c in m.by_child} == {"610921100": 3.5, "610921101": 0.8}
    assert m.listed_hours == 3.0 and m.unlisted_hours == 0.5 and m.listed_share == 85.7
    assert m.unknown_hours == 0.8  # meetings are neither listed nor unlisted
    township = metrics.metrics(world.chengguan, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert {c["code"]: c["hours"] for c in township.by_child} == {"610921100001": 3.0, "610921100002": 0.5}


def test_time_left_for_residents_uses_staff_count(world):
    t = metrics.community_time(world.dongguan, 600, 12)  # 6 staff, 10 h of burden in a year
    assert t["available"] == 6 * HOURS_PER_STAFF_YEAR and t["burden"] == 10.0
    assert t["left"] == 6 * HOURS_PER_STAFF_YEAR - 10 and t["left_share"] == 99.9
    assert metrics.community_time(world.other_community, 600, 12)["left"] is None


def test_the_reduction_report_on_a_hand_made_data_set(world):
    before, after = (dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    add(world, world.dongguan, world.wjj, dt.date(2025, 3, 1), 30, kind=Kind.FORM, n=10)
    add(world, world.dongguan, world.rsj, dt.date(2025, 4, 1), 30, kind=Kind.FORM, n=10)
    add(world, world.dongguan, world.chengguan, dt.date(2025, 5, 1), 60, kind=Kind.MEETING, n=4)
    add(world, world.dongguan, world.wjj, dt.date(2026, 3, 1), 30, kind=Kind.FORM, n=4)
    add(world, world.dongguan, world.chengguan, dt.date(2026, 5, 1), 60, kind=Kind.MEETING, n=2)
    add(world, world.dongguan, world.chengguan, dt.date(2026, 5, 1), 20, kind=Kind.CERTIFICATE, n=3)
    lines = {x.kind: x for x in metrics.reduction(world.county, before, after)}
    form = lines[Kind.FORM]
    assert (form.before_count, form.after_count, form.count_cut) == (20, 4, 80.0)
    assert (form.before_hours, form.after_hours, form.hours_cut) == (10.0, 2.0, 80.0)
    assert (form.before_sources, form.after_sources) == (2, 1)
    assert (lines[Kind.MEETING].count_cut, lines[Kind.MEETING].hours_cut) == (50.0, 50.0)
    assert lines[Kind.CERTIFICATE].count_cut is None  # nothing in the baseline: no rate
    total = metrics.total_line(list(lines.values()))
    assert (total.before_count, total.after_count, total.before_hours, total.after_hours) == (24, 9, 14.0, 5.0)
    assert total.hours_cut == 64.3
