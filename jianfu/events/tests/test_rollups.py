"""The monthly rollups behind the ranking: kept exact by every action, equal to a rebuild from the
events, and the ranking read from them equal to counting the events themselves."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from openpyxl import Workbook

from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.events import actions, demo, rollups, stats
from jianfu.events.choices import OPEN_STATES, State
from jianfu.events.hotline import do_import_hotline
from jianfu.events.models import Event, Rollup

from .helpers import report, setup

HEADER = ["工单编号", "来电时间", "诉求内容", "诉求地址", "诉求类型", "承办单位", "来电人", "联系电话"]


def rollup_rows() -> set[tuple]:
    return set(Rollup.objects.values_list("dimension", "depth", "region_code", "month", "org", *rollups.COUNTS))


def hotline(world, days_ago: list[int]) -> None:
    """12345 demands received in earlier months (some whistled to a department at once)."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    now = timezone.localtime().replace(microsecond=0, tzinfo=None)
    for i, days in enumerate(days_ago):
        unit = "汉阴县卫生健康局" if i % 3 == 0 else ""
        ws.append(
            [
                f"RB{i:03d}",
                now - dt.timedelta(days=days),
                f"东关社区第{i}号诉求：路灯不亮",
                "城关镇东关社区",
                "",
                unit,
                "",
                "",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    do_import_hotline(world.county, actor=world.county_mzj, upload=SimpleUploadedFile("12345.xlsx", buf.getvalue()))


def random_move(world, event: Event, rng: random.Random) -> None:
    """One move an actor of the event's holder (or its verifier) may try; refusals are fine."""
    holder = {world.dongguan.pk: world.community_worker, world.chengguan.pk: world.township_officer}
    actor = holder.get(event.holder_id, world.dept_officer)
    state = event.state
    choices = {
        State.REPORTED: ["escalate", "handle", "close_on_spot"],
        State.TOWNSHIP: ["whistle", "send_back", "handle"],
        State.DISPATCHED: ["accept", "return", "handle"],
        State.ACCEPTED: ["handle", "return"],
        State.HANDLED: ["confirm", "confirm", "reject"],
        State.REWORK: ["handle", "escalate", "whistle"],
    }[state]
    action = rng.choice(choices)
    if state == State.HANDLED:
        actor = world.community_worker
    data = {
        "reason": "理由",
        "reply": "已处理",
        "department": world.wjj.code,
        "satisfaction": rng.choice(["satisfied", "basic", "unsatisfied", ""]),
    }
    try:
        actions.do_act(event, action, actor=actor, data=data, files=[])
    except (ActionError, NotAllowed, Conflict):
        pass


def counted_from_events(prefix: str, start: dt.date, end: dt.date, now: dt.datetime, key) -> dict:
    """The figures counted straight from the events (what the ranking computed before rollups)."""
    rows = stats.period_events(prefix, start, end).annotate(k=key).values("k").annotate(**stats._counts(now)).order_by()
    return {r["k"]: {k: r[k] for k in stats.COUNT_KEYS} for r in rows if r["k"] is not None}


def from_board(rows: list[dict]) -> dict:
    return {r["unit"]: {k: r[k] for k in stats.COUNT_KEYS} for r in rows}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_rollups_equal_a_rebuild_after_a_random_sequence_of_actions(world, seed):
    grid = setup(world)
    rng = random.Random(seed)
    hotline(world, [rng.randrange(1, 120) for _ in range(6)])
    for i in range(6):
        report(world, grid if i % 2 else None, text=f"第{i}件：楼道堆放杂物{i}", confirm_new=True)
    report(world, grid, text="井盖松动已现场处置", micro=True, note="已固定")
    events = list(Event.objects.all())
    for step in range(60):
        open_events = [e for e in Event.objects.filter(state__in=OPEN_STATES) if e.community_id == world.dongguan.pk]
        if not open_events:
            break
        event = rng.choice(open_events)
        if step % 15 == 7:
            demo._age(event, 24 * rng.randrange(20, 80))  # received in an earlier month
        else:
            random_move(world, event, rng)
    assert Event.objects.filter(state=State.CLOSED).exists() and len(events) >= 13
    live = rollup_rows()
    assert len({row[3] for row in live}) >= 2, "events in several months"
    assert Rollup.objects.filter(dimension="unit", org=world.wjj).exists(), "a department ranked"
    rollups.rebuild(world.county.region_prefix)
    assert rollup_rows() == live

    now = timezone.now()
    today = timezone.localdate()
    periods = [
        (today - dt.timedelta(days=364), today),  # partial months at both ends
        (today.replace(day=1) - dt.timedelta(days=120), today),
        (dt.date(today.year - 1, 1, 1), dt.date(today.year, 12, 31)),  # whole months only
        (today, today),  # no whole month
    ]
    unit = Coalesce(F("handler_id"), F("holder_id"))
    for prefix in (world.county.region_prefix, world.chengguan.region_prefix, world.dongguan.region_prefix):
        for start, end in periods:
            board = stats.board(prefix, start, end, now)
            assert from_board(board["ranking"]) == counted_from_events(prefix, start, end, now, unit)
            assert from_board(stats.by_grid(prefix, start, end, now)) == counted_from_events(
                prefix, start, end, now, F("grid_id")
            )
            assert board["grids"] == stats.by_grid(prefix, start, end, now)[:50]
            reported = {t["community"].pk: (t["reported"], t["handled"], t["micro"]) for t in board["time"]}
            expected = {
                r["community"]: (r["n"], r["own"], r["micro"])
                for r in stats.period_events(prefix, start, end)
                .values("community")
                .annotate(
                    n=Count("*"),
                    own=Count("id", filter=Q(handler=F("community"))),
                    micro=Count("id", filter=Q(micro=True)),
                )
                .order_by()
            }
            assert reported == expected


def test_a_refused_action_leaves_the_rollups_as_they_were(world):
    grid = setup(world)
    event = report(world, grid)
    before = rollup_rows()
    with pytest.raises(ActionError):
        actions.do_escalate(event, actor=world.community_worker, reason="")
    with pytest.raises(NotAllowed):
        actions.do_handle(event, actor=world.dept_officer, reply="不是我的")
    assert rollup_rows() == before
    assert Rollup.objects.get(dimension="unit", depth=12, org=world.dongguan).total == 1


def test_an_event_moved_to_another_unit_leaves_no_empty_row_behind(world):
    grid = setup(world)
    event = report(world, grid)
    actions.do_escalate(event, actor=world.community_worker, reason="需乡镇协调")
    units = {(r.depth, r.org_id): r.total for r in Rollup.objects.filter(dimension="unit")}
    assert units == {(6, world.chengguan.pk): 1, (9, world.chengguan.pk): 1, (12, world.chengguan.pk): 1}


def test_the_rebuild_command_repairs_the_rollups_and_refuses_a_bad_region(world):
    grid = setup(world)
    event = report(world, grid)
    actions.do_handle(event, actor=world.community_worker, reply="已处理")
    good = rollup_rows()
    Rollup.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_event_rollups", region=world.county.region_prefix, stdout=out)
    assert rollup_rows() == good and "已重建" in out.getvalue()
    with pytest.raises(CommandError, match="区划代码"):
        call_command("rebuild_event_rollups", region="61<script>")
