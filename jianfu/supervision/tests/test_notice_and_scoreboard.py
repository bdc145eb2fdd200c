"""The 通报's overdue and repeat-offender columns, and the scoreboard's burden hours from the ledger."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from jianfu.burden.actions import do_record_entry, do_record_event
from jianfu.burden.choices import Kind
from jianfu.supervision import actions
from jianfu.supervision.choices import CaseSource, CaseState
from jianfu.supervision.models import Case

from .conftest import issue, substantiate


def open_case(world, department, title):
    return actions.do_open_case(
        actor=None,
        source=CaseSource.REFUSAL,
        region_code=world.dongguan.region_code,
        title=title,
        rule_ref="负面清单 N-05",
        community=world.dongguan,
        department=department,
    )


# --- 通报: overdue and repeat offenders ---------------------------------------------------------


def test_the_notice_shows_overdue_orders_and_repeat_offenders(world, client_for):
    today = timezone.localdate()
    # 卫健局: one case whose 督办单 went past its deadline without a reply (escalated as overdue).
    overdue = issue(open_case(world, world.wjj, "要求社区检查餐馆"), world, deadline=today + dt.timedelta(days=3))
    escalated = actions.do_escalate_overdue(now=timezone.now() + dt.timedelta(days=5))
    assert [o.pk for o in escalated] == [overdue.pk]
    # 人社局: two cases in the period — a repeat offender; one rectified on time.
    on_time = issue(open_case(world, world.rsj, "要求社区核对社保"), world)
    actions.do_reply(on_time, actor=world.dept_officer2, text="已撤回。")
    actions.do_decide_reply(on_time.case, actor=world.county_mzj, accept=True)
    substantiate(open_case(world, world.rsj, "要求社区上门采集"), world)
    # 城关镇党政综合办公室: one case now, and one already before the period — also a repeat offender.
    before = substantiate(open_case(world, world.chengguan_office, "要求社区填报"), world)
    Case.objects.filter(pk=before.pk).update(substantiated_at=timezone.now() - dt.timedelta(days=70))
    substantiate(open_case(world, world.chengguan_office, "要求社区再填报"), world)

    notice = actions.do_create_notice(
        actor=world.county_mzj, period_start=today - dt.timedelta(days=30), period_end=today
    )
    rows = {r["department"]: r for r in notice.content["rows"]}
    assert [r["department"] for r in notice.content["rows"]] == [
        "汉阴县人力资源和社会保障局",
        "汉阴县卫生健康局",
        "城关镇党政综合办公室",
    ]
    assert rows["汉阴县卫生健康局"] == {
        "department": "汉阴县卫生健康局",
        "cases": 1,
        "overdue": 1,
        "closed": 0,
        "repeat": False,
    }
    assert rows["汉阴县人力资源和社会保障局"] == {
        "department": "汉阴县人力资源和社会保障局",
        "cases": 2,
        "overdue": 0,
        "closed": 1,
        "repeat": True,
    }
    assert rows["城关镇党政综合办公室"]["cases"] == 1 and rows["城关镇党政综合办公室"]["repeat"] is True
    assert notice.content["totals"] == {"cases": 4, "overdue": 1, "departments": 3, "repeat": 2}
    assert notice.content["good"] == ["汉阴县人力资源和社会保障局"]
    overdue_items = [i for i in notice.content["items"] if i["overdue"]]
    assert [(i["department"], i["doc_no"]) for i in overdue_items] == [("汉阴县卫生健康局", overdue.doc_no)]

    # The same columns on the office's page and, once published, on the public page.
    actions.do_publish_notice(notice, actor=world.county_mzj)
    for html in (
        client_for("county_mzj").get(f"/supervision/notices/{notice.pk}/").content.decode(),
        Client().get(f"/public/notices/610921/{notice.pk}/").content.decode(),
    ):
        assert '<th>单位</th><th class="num">查实</th><th class="num">逾期</th>' in html
        assert (
            '<tr><td>汉阴县卫生健康局</td><td class="num">1</td><td class="num">1</td>'
            '<td class="num">0</td><td>—</td></tr>'
        ) in html
        assert (
            '<tr><td>汉阴县人力资源和社会保障局</td><td class="num">2</td><td class="num">0</td>'
            '<td class="num">1</td><td><span class="tag bad">是</span></td></tr>'
        ) in html
        assert "逾期未回复督办 1 件；屡查屡犯单位 2 个" in html
        assert f"督办单{overdue.doc_no}，{CaseState.ORDERED.label}，逾期回复。" in html
        assert html.count("，逾期回复。") == 1


# --- the scoreboard's burden hours (jianfu.burden.actions.do_record_entry) ------------------------


def ledger(world):
    today = timezone.localdate()
    # 卫健局 caused 90 + 60 minutes of entries and a 60-minute meeting in two communities: 4.5 h.
    do_record_entry(
        actor=world.community_worker,
        kind=Kind.TASK,
        community=world.dongguan,
        source_org=world.wjj,
        occurred_on=today,
        minutes=90,
        listed=False,
    )
    do_record_entry(
        actor=world.township_officer,
        kind=Kind.FORM,
        community=world.xiguan,
        source_org=world.wjj,
        occurred_on=today,
        minutes=60,
        listed=None,
    )
    do_record_event(
        actor=world.dept_officer,
        kind=Kind.MEETING,
        convener=world.wjj,
        title="卫健工作部署会",
        occurred_on=today,
        minutes=60,
        communities=[world.dongguan, world.heqiao],
    )
    # 人社局: 30 minutes this year, and 600 minutes last year (outside the default period).
    do_record_entry(
        actor=None,
        kind=Kind.TASK,
        community=world.heqiao,
        source_org=world.rsj,
        occurred_on=today,
        minutes=30,
        listed=True,
    )
    do_record_entry(
        actor=None,
        kind=Kind.TASK,
        community=world.heqiao,
        source_org=world.rsj,
        occurred_on=dt.date(today.year - 1, 12, 15),
        minutes=600,
        listed=True,
    )


def test_the_scoreboard_shows_burden_hours_from_the_ledger(world, client_for, api_client_for):
    ledger(world)
    rows = {r["code"]: r for r in api_client_for("county_mzj").get("/api/v1/supervision/scoreboard").json()["items"]}
    assert rows["610921D04"]["burden_hours"] == 4.5
    assert rows["610921D05"]["burden_hours"] == 0.5
    assert rows["610921100T01"]["burden_hours"] == 0.0
    assert "610921D02" not in rows  # the supervising office itself is not scored
    page = client_for("county_mzj").get("/supervision/scoreboard/").content.decode()
    assert '<td>汉阴县卫生健康局</td><td class="num">4.5</td>' in page
    assert '<td>汉阴县人力资源和社会保障局</td><td class="num">0.5</td>' in page
    assert "负担台账暂无数据" not in page
    # A period that includes last December counts the 600 minutes too.
    today = timezone.localdate()
    last_year = f"start={today.year - 1}-12-01&end={today.isoformat()}"
    rows = {
        r["code"]: r
        for r in api_client_for("county_mzj").get(f"/api/v1/supervision/scoreboard?{last_year}").json()["items"]
    }
    assert rows["610921D05"]["burden_hours"] == 10.5
    page = client_for("county_mzj").get(f"/supervision/scoreboard/?{last_year}").content.decode()
    assert '<td>汉阴县人力资源和社会保障局</td><td class="num">10.5</td>' in page


def test_the_scoreboard_hours_of_a_township_and_of_the_other_county(world, client_for, api_client_for):
    ledger(world)
    do_record_entry(
        actor=world.township_officer,
        kind=Kind.TASK,
        community=world.dongguan,
        source_org=world.chengguan_office,
        occurred_on=timezone.localdate(),
        minutes=45,
        listed=True,
    )
    township = api_client_for("township_officer").get("/api/v1/supervision/scoreboard").json()["items"]
    assert [(r["code"], r["burden_hours"]) for r in township] == [("610921100T01", 0.8)]
    other = api_client_for("other_county_officer").get("/api/v1/supervision/scoreboard").json()["items"]
    assert [(r["code"], r["burden_hours"]) for r in other] == [("610922D04", 0.0)]
    page = client_for("other_county_officer").get("/supervision/scoreboard/").content.decode()
    assert "汉阴县" not in page and "4.5" not in page


def test_scoreboard_hours_round_half_up_like_the_burden_dashboard(world, api_client_for):
    # 15 minutes = 0.25 h: the Standard Cost Model rounds half up to 0.3 h (docs/burden.md), so the
    # scoreboard must agree with the burden metrics instead of rounding half to even (0.2).
    today = timezone.localdate()
    do_record_entry(
        actor=None,
        kind=Kind.TASK,
        community=world.heqiao,
        source_org=world.rsj,
        occurred_on=today,
        minutes=15,
        listed=True,
    )
    board = {r["code"]: r for r in api_client_for("county_mzj").get("/api/v1/supervision/scoreboard").json()["items"]}
    metrics = api_client_for("county_mzj").get(
        f"/api/v1/burden/metrics?region=610921&from={today.year}-01-01&to={today.isoformat()}"
    )
    by_dept = {d["name"]: d["hours"] for d in metrics.json()["by_department"]}
    assert by_dept["汉阴县人力资源和社会保障局"] == 0.3
    assert board["610921D05"]["burden_hours"] == 0.3
