"""Excel export of filtered list pages (issue 19 point 10): the rows the page shows, under the same
filters and the same jurisdiction, read back from the real workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jianfu.admission.tests.lists import publish_lists
from jianfu.dispatch import actions as dispatch_actions

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _send(world, title):
    return dispatch_actions.do_send_task(
        actor=world.dept_officer, data={"targets": [world.dongguan.code], "title": title, "expected_minutes": 30},
        confirm_unlisted=True,
    )  # fmt: skip


def test_the_sent_tasks_export_holds_what_the_page_shows_and_nothing_of_another_county(world, client_for):
    publish_lists(world)
    _send(world, '=HYPERLINK("http://x")宠物登记')
    page = client_for("dept_officer").get("/tasks/").content.decode()
    assert "format=xlsx" in page and "导出 Excel" in page
    rows = _rows(client_for("dept_officer").get("/tasks/?format=xlsx"))
    assert rows[0][:3] == ["任务名称", "派发单位", "审查结论"] and len(rows) == 2
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][1] == "汉阴县卫生健康局" and rows[1][4] == 1
    assert len(_rows(client_for("other_county_officer").get("/tasks/?format=xlsx"))) == 1  # the header only


def test_the_applications_export_keeps_the_filters(world, client_for):
    from jianfu.admission.actions import do_create_application
    from jianfu.admission.tests.conftest import app_data

    do_create_application(actor=world.dept_officer, data=app_data(title="协助开展经济普查入户登记"))
    header = ["编号", "事项名称", "申请单位", "类型", "状态", "经费（元/年）", "经费来源", "提交时间", "审查期限"]
    rows = _rows(client_for("dept_officer").get("/admission/?format=xlsx"))
    assert rows[0] == header and [r[1] for r in rows[1:]] == ["协助开展经济普查入户登记"]
    assert _rows(client_for("dept_officer").get("/admission/?format=xlsx&q=不存在的事项")) == [header]
    assert _rows(client_for("other_county_officer").get("/admission/?format=xlsx")) == [header]


def test_the_breaches_and_scoreboard_exports_hold_the_page_rows(world, client_for):
    import datetime as dt

    from jianfu.burden import actions as burden_actions
    from jianfu.burden.choices import Kind

    for i in range(5):
        burden_actions.do_record_event(
            actor=world.township_officer, kind=Kind.MEETING, convener=world.chengguan, title=f"例会{i}",
            occurred_on=dt.date(2026, 3, 2) + dt.timedelta(days=i), minutes=60, communities=[world.dongguan],
            reason="防汛紧急部署",
        )  # fmt: skip
    rows = _rows(client_for("county_mzj").get("/burden/breaches/?format=xlsx"))
    assert rows[0][:4] == ["日期", "规则", "责任单位", "社区/村"] and len(rows) == 2
    assert rows[1][2:6] == ["城关镇", "东关社区", 5, 4] and rows[1][7] == "防汛紧急部署"
    assert len(_rows(client_for("county_mzj").get("/burden/breaches/?format=xlsx&rule=veto"))) == 1
    assert len(_rows(client_for("other_county_officer").get("/burden/breaches/?format=xlsx"))) == 1
    board = _rows(client_for("county_mzj").get("/supervision/scoreboard/?format=xlsx"))
    assert board[0][0] == "部门" and {r[0] for r in board[1:]} >= {"汉阴县卫生健康局"}


def test_the_report_scoreboard_and_community_pages_chart_what_they_compare(world, client_for):
    import datetime as dt

    from jianfu.burden import actions as burden_actions
    from jianfu.burden.choices import Kind

    client = client_for("county_mzj")
    # Nothing recorded: each chart says 暂无数据 instead of drawing empty axes.
    for url in ("/burden/report/", "/supervision/scoreboard/", f"/burden/community/{world.dongguan.code}/"):
        html = client.get(url).content.decode()
        assert "data-bar-chart" not in html and "暂无数据" in html, url
    burden_actions.do_record_event(
        actor=world.township_officer, kind=Kind.MEETING, convener=world.chengguan, title="例会",
        occurred_on=dt.date.today().replace(day=1) - dt.timedelta(days=20), minutes=90, communities=[world.dongguan],
    )  # fmt: skip
    html = client.get(f"/burden/community/{world.dongguan.code}/").content.decode()
    assert 'data-bar-chart="community-chart"' in html and "echarts.min.js" in html and "js/charts.js" in html
    html = client.get("/burden/report/").content.decode()
    assert 'data-bar-chart="reduction-chart"' in html and 'id="reduction-chart" type="application/json"' in html


def test_the_case_queue_export_keeps_the_queue_filters_and_the_jurisdiction(world, client_for):
    import datetime as dt

    from jianfu.burden import actions as burden_actions
    from jianfu.burden.choices import Kind

    for i in range(5):
        burden_actions.do_record_event(
            actor=world.township_officer, kind=Kind.MEETING, convener=world.chengguan, title=f"例会{i}",
            occurred_on=dt.date(2026, 3, 2) + dt.timedelta(days=i), minutes=60,
            communities=[world.dongguan, world.xiguan], reason="防汛紧急部署",
        )  # fmt: skip
    rows = _rows(client_for("county_mzj").get("/supervision/cases/?format=xlsx"))
    assert rows[0][:4] == ["查询码", "标题", "来源", "状态"] and len(rows) == 2  # one grouped case
    assert rows[1][4] == "城关镇" and rows[1][6] == 2
    assert len(_rows(client_for("county_mzj").get("/supervision/cases/?format=xlsx&source=public_report"))) == 1
    assert len(_rows(client_for("other_county_officer").get("/supervision/cases/?format=xlsx"))) == 1
    assert client_for("community_worker").get("/supervision/cases/?format=xlsx").status_code == 403


def test_the_forms_drafts_projects_and_users_lists_export_what_each_role_sees(world, client_for):
    from tests.permission_scene import DOC_TITLE, build_scene

    values = build_scene(world)
    ledger = _rows(client_for("county_mzj").get(f"/campaigns/{values['campaign']}/ledger/?format=xlsx"))
    assert ledger[0][:4] == ["阶段", "乡镇", "任务类别", "任务"] and len(ledger) >= 2
    town2 = _rows(client_for("township2_officer").get(f"/campaigns/{values['campaign']}/ledger/?format=xlsx"))
    assert all(r[1] == "涧池镇" for r in town2[1:])
    entries = _rows(client_for("county_mzj").get(f"/burden/community/{world.dongguan.code}/?format=xlsx"))
    assert entries[0][:3] == ["日期", "类型", "来源单位"]
    forms = _rows(client_for("dept_officer").get("/forms/?format=xlsx&state=all"))
    assert forms[0][:3] == ["报备号", "表格名称", "报备单位"] and len(forms) >= 2
    assert len(_rows(client_for("other_county_officer").get("/forms/?format=xlsx&state=all"))) == 1
    drafts = _rows(client_for("dept_officer").get("/drafts/?format=xlsx"))
    assert drafts[0][0] == "文件标题" and DOC_TITLE in [r[0] for r in drafts[1:]]
    assert len(_rows(client_for("other_county_officer").get("/drafts/?format=xlsx"))) == 1
    projects = _rows(client_for("community_worker").get("/projects/?format=xlsx"))
    assert projects[0][:3] == ["年度", "项目名称", "社区/村"] and len(projects) >= 3
    assert all(r[2] == "东关社区" for r in projects[1:])
    users = _rows(client_for("sysadmin").get("/users/?format=xlsx&role=community_worker"))
    assert users[0][:4] == ["用户名", "姓名", "单位", "角色"] and "community_worker" in [r[0] for r in users[1:]]
    assert client_for("county_mzj").get("/users/?format=xlsx").status_code == 403
