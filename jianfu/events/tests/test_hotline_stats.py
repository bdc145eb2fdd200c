"""12345 import (all or nothing, classified with the county's tree) and the numbers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.events import actions, selectors, stats
from jianfu.events.choices import State
from jianfu.events.hotline import do_import_hotline
from jianfu.events.models import Event

from .helpers import report, setup

HEADER = ["工单编号", "来电时间", "诉求内容", "诉求地址", "诉求类型", "承办单位", "来电人", "联系电话"]


def workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("12345.xlsx", buf.getvalue())


@pytest.fixture
def grid(world):
    return setup(world)


def test_hotline_rows_are_classified_routed_and_imported(world, grid):
    now = timezone.localtime().replace(microsecond=0, tzinfo=None)
    upload = workbook(
        [
            [
                "GD001",
                now.strftime("%Y-%m-%d %H:%M"),
                "东关社区楼下烧烤油烟很大",
                "城关镇东关社区和平路",
                "",
                "",
                "张三",
                "13800000001",
            ],
            ["GD002", now, "路面有个大坑", "城关镇西关社区", "市政设施/道路破损", "汉阴县卫生健康局", "", ""],
            ["GD003", now, "咨询低保办理", "桥上村", "", "城关镇", "", ""],
        ]
    )
    result = do_import_hotline(world.county, actor=world.county_mzj, upload=upload)
    assert (result.count, result.dispatched) == (3, 1)
    smoke, road, help_ = (Event.objects.get(hotline_number=n) for n in ("GD001", "GD002", "GD003"))
    assert smoke.category.name == "油烟污染" and smoke.community == world.dongguan and smoke.state == State.REPORTED
    assert smoke.contact_phone == "13800000001" and smoke.source == "hotline"
    assert road.category.name == "道路破损" and road.state == State.DISPATCHED and road.holder == world.wjj
    assert help_.community == world.qiaoshang and help_.state == State.TOWNSHIP and help_.category.name == "困难帮扶"


def test_one_bad_row_imports_nothing_and_every_problem_is_listed(world, grid):
    upload = workbook(
        [
            ["GD010", "2026-01-05 09:00", "垃圾没人收", "东关社区", "", "", "", ""],
            ["GD010", "昨天", "", "火星", "", "", "", ""],
        ]
    )
    with pytest.raises(ActionError) as raised:
        do_import_hotline(world.county, actor=world.county_mzj, upload=upload)
    messages = " ".join(e["message"] for e in raised.value.errors)
    assert (
        "第 3 行" in messages
        and "重复" in messages
        and "来电时间" in messages
        and "诉求内容为空" in messages
        and "社区" in messages
    )
    assert Event.objects.count() == 0
    with pytest.raises(NotAllowed):
        do_import_hotline(world.county, actor=world.dept_officer, upload=upload)
    with pytest.raises(ActionError, match="Excel"):
        do_import_hotline(world.county, actor=world.county_mzj, upload=SimpleUploadedFile("x.xlsx", b"not a zip"))


def test_the_ranking_counts_closure_time_first_pass_and_satisfaction(world, grid):
    fast = report(world, grid)
    fast = actions.do_handle(fast, actor=world.community_worker, reply="已处理")
    actions.do_verify(fast, actor=world.community_worker, confirm=True, satisfaction="satisfied")
    slow = report(world, grid, text="西关路灯不亮很久", data={"category": "0202"})
    slow = actions.do_escalate(slow, actor=world.community_worker, reason="需部门")
    slow = actions.do_whistle(slow, actor=world.township_officer, department=world.wjj.code, reason="请报到")
    Event.objects.filter(pk=slow.pk).update(deadline=timezone.now() - dt.timedelta(hours=1))
    slow.refresh_from_db()
    slow = actions.do_handle(slow, actor=world.dept_officer, reply="已修")
    slow = actions.do_verify(slow, actor=world.community_worker, confirm=False, reason="还是不亮")
    late = report(world, grid, text="楼道电动车充电", data={"category": "0301"})
    Event.objects.filter(pk=late.pk).update(deadline=timezone.now() - dt.timedelta(hours=1))
    today = timezone.localdate()
    rows = {r["name"]: r for r in stats.ranking(world.county.region_prefix, today, today)}
    dongguan, wjj = rows["东关社区"], rows["汉阴县卫生健康局"]
    assert (dongguan["total"], dongguan["closed"], dongguan["closed_rate"], dongguan["overdue"]) == (2, 1, 50.0, 1)
    assert (dongguan["on_time_rate"], dongguan["first_pass_rate"], dongguan["satisfaction_rate"]) == (
        100.0,
        100.0,
        100.0,
    )
    assert (wjj["total"], wjj["closed"], wjj["overdue"]) == (1, 0, 1)
    assert stats.ranking(world.county.region_prefix, today, today)[0]["name"] == "东关社区"
    assert stats.totals(world.county.region_prefix, today, today)["total"] == 3
    overdue = [e.pk for e in selectors.overdue(Event.objects.all())]
    assert overdue == [slow.pk, late.pk] or set(overdue) == {slow.pk, late.pk}
    assert stats.by_grid(world.county.region_prefix, today, today)[0]["total"] == 3
    time = {r["community"].name: r for r in stats.community_time(world.county.region_prefix, today, today)}
    assert time["东关社区"]["handled"] == 1 and time["东关社区"]["reported"] == 3
    assert stats.ranking(world.other_county.region_prefix, today, today) == []


def test_the_ranking_page_shows_the_rates(world, grid, client_for):
    report(world, grid)
    page = client_for("county_mzj").get("/events/ranking/").content.decode()
    assert "东关社区" in page and "按时办结率" in page and "负担工时" in page
    assert "东关社区" not in client_for("other_county_officer").get("/events/ranking/").content.decode()
