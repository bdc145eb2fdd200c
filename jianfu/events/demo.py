"""Demo grid events for 汉阴县 (610921): the default category tree, grids of 东关社区 and 西关社区,
events at every stage (a micro-event, one at the township, one whistled to 卫健局, one failing
verification three times, overdue ones, a resident's report) and a small 12345 import.

Idempotent: skipped when 汉阴县 already has an event.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jianfu.orgs.actions import do_create_grid
from jianfu.orgs.models import Org, User

from . import actions, rollups
from .hotline import do_import_hotline
from .models import Category, Event

COUNTY = "610921"
DONGGUAN, XIGUAN = "610921100001", "610921100002"
# A 1×1 PNG, so demo events carry a real photo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def _photo(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def _age(event: Event, hours: float) -> None:
    """Move an event's clock back (the demo shows history and overdue work)."""
    delta = dt.timedelta(hours=hours)
    with rollups.kept(event):
        Event.objects.filter(pk=event.pk).update(received_at=event.received_at - delta, deadline=event.deadline - delta)


@transaction.atomic
def load() -> None:
    county = Org.objects.filter(code=COUNTY).first()
    users = {u.username: u for u in User.objects.filter(username__in=["mzj", "wjj", "chengguan", "dongguan"])}
    dongguan, xiguan = Org.objects.filter(code=DONGGUAN).first(), Org.objects.filter(code=XIGUAN).first()
    if county is None or dongguan is None or len(users) < 4 or Event.objects.within(COUNTY).exists():
        return
    actions.do_load_default_categories(county, actor=users["mzj"])
    wjj = users["wjj"].org
    Category.objects.filter(region_code=COUNTY, code__in=["0104", "0503"]).update(department=wjj)
    cw, town, dept = users["dongguan"], users["chengguan"], users["wjj"]
    grids = [do_create_grid(dongguan, actor=cw, name=f"东关第{n}网格") for n in "一二三"]
    if xiguan is not None:
        for n in "一二":
            do_create_grid(xiguan, actor=town, name=f"西关第{n}网格")
    for grid in grids:
        actions.do_assign_grid_worker(grid, actor=cw, worker=cw)

    def report(text: str, category: str, grid: int = 0, **kw: Any) -> Event:
        data = {"description": text, "category": category, "grid": grids[grid].code, "place": kw.pop("place", "")}
        return actions.do_report_event(actor=cw, data=data, files=[_photo()], confirm_new=True, **kw)

    report("和平路口流动摊贩占道经营，已劝离。", "0101", micro=True, note="现场劝离，恢复通行。")
    report("3栋楼道堆放纸箱杂物，已协调清理。", "0102", micro=True, note="与住户沟通后当场清理。")
    e = report("东关街12号门前路灯不亮，已有一周。", "0202", place="东关街12号")
    actions.do_handle(e, actor=cw, reply="已联系供电所更换灯泡。")
    done = Event.objects.get(pk=e.pk)
    actions.do_verify(done, actor=cw, confirm=True, satisfaction="satisfied")
    e = report("小区垃圾站周边鼠患严重，居民多次反映。", "0104", place="东关小区垃圾站")
    e = actions.do_escalate(e, actor=cw, reason="需专业消杀，社区无力处置")
    e = actions.do_whistle(e, actor=town, department=wjj, reason="请县卫健局组织病媒生物防制")
    e = actions.do_accept(e, actor=dept)
    e = actions.do_handle(e, actor=dept, reply="已组织消杀一次，投放毒饵站12处。", files=[_photo("消杀.png")])
    e = report("独居老人王大爷家中无人照看，需要帮扶。", "0503", grid=1, place="东关巷5号")
    e = actions.do_escalate(e, actor=cw, reason="需民政、卫健联合帮扶")
    e = report("河堤护栏松动，存在坠落隐患。", "0302", grid=2, place="月河河堤")
    e = actions.do_escalate(e, actor=cw, reason="护栏属水利设施")
    e = actions.do_whistle(e, actor=town, department=wjj, reason="先请卫健局报到，核实伤情风险")
    _age(e, 24 * 12)
    e = report("夜间施工噪声扰民，影响居民休息。", "0401", place="新城工地")
    for i in range(1, 4):
        e = actions.do_handle(e, actor=cw, reply=f"第{i}次：已与施工方沟通。")
        e = actions.do_verify(e, actor=cw, confirm=False, reason="夜间仍在施工")
    e = report("楼道电动车飞线充电。", "0301", grid=1, place="东关小区7栋")
    _age(e, 5)
    actions.do_submit_resident_report(
        county=county, community=dongguan,
        data={"description": "小区门口井盖缺失，夜里很危险。", "category": "0201", "place": "东关小区北门"},
        contact_name="王秀兰", contact_phone="13900001111",
    )  # fmt: skip
    _hotline(county, users["mzj"])


def _hotline(county: Org, actor: User) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["工单编号", "来电时间", "诉求内容", "诉求地址", "诉求类型", "承办单位", "来电人", "联系电话"])
    now = timezone.localtime().replace(tzinfo=None, microsecond=0)
    rows = [
        ("油烟", "东关社区和平路烧烤店油烟扰民", "城关镇东关社区和平路", "生态环境/油烟污染", ""),
        ("垃圾", "西关社区垃圾两天未清运", "城关镇西关社区", "", "城关镇"),
        ("低保", "咨询低保申请需要哪些材料", "城关镇东关社区", "民生服务/困难帮扶", "汉阴县卫生健康局"),
    ]
    for i, (_k, text, address, kind, unit) in enumerate(rows, start=1):
        ws.append([f"12345-{now:%Y%m%d}-{i:04d}", now - dt.timedelta(hours=i * 3), text, address, kind, unit, "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    do_import_hotline(county, actor=actor, upload=SimpleUploadedFile("12345.xlsx", buf.getvalue()))
