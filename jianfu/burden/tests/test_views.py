"""Pages: with permission, without, and from the other county (which must see nothing)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from jianfu.burden import actions
from jianfu.burden.choices import Kind
from jianfu.burden.imports import COLUMNS
from jianfu.burden.models import Breach, LedgerEntry
from jianfu.testing import pdf_facts

DAY = dt.date.today().replace(day=1)


def meetings(world, n, reason=""):
    for i in range(n):
        actions.do_record_event(
            actor=world.township_officer,
            kind=Kind.MEETING,
            convener=world.chengguan,
            title=f"例会{i}",
            occurred_on=DAY,
            minutes=60,
            communities=[world.dongguan],
            reason=reason,
        )


def test_the_county_dashboard_shows_hours_and_breaches(world, client_for):
    meetings(world, 4)
    meetings(world, 1, reason="紧急")
    html = client_for("county_mzj").get("/burden/").content.decode()
    assert "汉阴县" in html and "城关镇" in html and "乡镇会议每月不超过 N 次" not in html
    assert 'id="breach-total">1<' in html and "东关社区" in html


def test_the_other_county_sees_nothing_of_this_one(world, client_for):
    meetings(world, 1)
    client = client_for("other_county_officer")
    html = client.get("/burden/").content.decode()
    assert "东关社区" not in html and "石泉县" in html
    assert client.get("/burden/?region=610921").status_code == 404


def test_a_township_sees_only_its_own_communities(world, client_for):
    meetings(world, 1)
    client = client_for("township2_officer")
    assert client.get("/burden/community/610921100001/").status_code == 404
    assert "东关社区" not in client.get("/burden/").content.decode()
    assert client_for("township_officer").get("/burden/community/610921100001/").status_code == 200


def test_the_community_drill_down_lists_its_ledger(world, client_for):
    meetings(world, 1)
    html = client_for("community_worker").get("/burden/community/610921100001/").content.decode()
    assert "例会0" in html and "城关镇" in html
    assert client_for("community_worker").get("/burden/").status_code == 302


def test_a_community_worker_adds_what_nobody_recorded(world, client_for):
    client = client_for("community_worker")
    assert client.get("/burden/entries/new/").status_code == 200
    data = {
        "community": world.dongguan.pk,
        "kind": "ledger",
        "source_org": world.wjj.pk,
        "occurred_on": DAY.isoformat(),
        "minutes": "40",
        "note": "纸质台账",
    }
    assert client.post("/burden/entries/new/", data).status_code == 302
    assert LedgerEntry.objects.get().note == "纸质台账"
    bad = client.post("/burden/entries/new/", {**data, "minutes": "-3"})
    assert "不能为负数" in bad.content.decode() and LedgerEntry.objects.count() == 1
    forged = client.post("/burden/entries/new/", {**data, "community": world.other_community.pk})
    assert forged.status_code == 200 and LedgerEntry.objects.count() == 1


def test_people_without_a_recording_role_cannot_open_the_forms(world, client_for):
    assert client_for("leading_group").get("/burden/entries/new/").status_code == 403
    assert client_for("community_worker").get("/burden/events/new/").status_code == 403


def test_recording_a_fifth_meeting_warns_then_needs_a_reason(world, client_for):
    meetings(world, 4)
    client = client_for("township_officer")
    data = {
        "kind": "meeting",
        "convener": world.chengguan.pk,
        "title": "第五次例会",
        "occurred_on": DAY.isoformat(),
        "minutes": "60",
        "communities": [world.dongguan.pk],
    }
    html = client.post("/burden/events/new/", data).content.decode()
    assert "超出限额提醒" in html and "第 5 次" in html and not Breach.objects.exists()
    assert client.post("/burden/events/new/", {**data, "reason": "防汛"}).status_code == 302
    assert Breach.objects.get().reason == "防汛"


def test_an_event_for_another_countys_community_is_refused(world, client_for):
    data = {
        "kind": "meeting",
        "convener": world.chengguan.pk,
        "title": "x",
        "occurred_on": DAY.isoformat(),
        "minutes": "60",
        "communities": [world.other_community.pk],
    }
    client_for("township_officer").post("/burden/events/new/", data)
    assert not LedgerEntry.objects.exists()


def test_the_reduction_report_exports_excel_and_pdf(world, client_for, cjk_font):
    meetings(world, 2)
    client = client_for("county_mzj")
    assert "精简率" in client.get("/burden/report/").content.decode()
    x = client.get("/burden/report/?format=xlsx")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    p = client.get("/burden/report/?format=pdf")
    text, fonts = pdf_facts(p.content)
    assert "精简率" in text and "会议" in text and fonts
    assert client_for("other_county_officer").get("/burden/report/?region=610921").status_code == 404


def workbook(rows):
    wb = Workbook()
    wb.active.append(COLUMNS)
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "t.xlsx"
    return buf


def test_an_import_with_a_bad_row_saves_nothing_and_names_row_and_column(world, client_for):
    client = client_for("township_officer")
    good = ["610921100001", "会议", "610921100", DAY.isoformat(), 60, "", "例会"]
    bad = ["610921100002", "会议", "610921100", "2026-13-40", -5, "", ""]
    html = client.post("/burden/import/", {"file": workbook([good, bad])}).content.decode()
    assert "第" not in html or "D（日期）" in html
    assert "日期格式" in html and "用时不能为负数" in html and not LedgerEntry.objects.exists()
    forged = ["610922100001", "会议", "610921100", DAY.isoformat(), 60, "", ""]
    html = client.post("/burden/import/", {"file": workbook([good, forged])}).content.decode()
    assert "不在您的辖区" in html and not LedgerEntry.objects.exists()
    client.post("/burden/import/", {"file": workbook([good, good])})
    assert LedgerEntry.objects.count() == 2


@pytest.mark.parametrize("minutes", ["--5", "²", "9" * 5000, "1e3"])
def test_strange_minutes_in_an_import_are_a_row_error_not_a_500(world, client_for, minutes):
    row = ["610921100001", "会议", "610921100", DAY.isoformat(), minutes, "", ""]
    response = client_for("township_officer").post("/burden/import/", {"file": workbook([row])})
    assert response.status_code == 200 and "用时应为整数分钟" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_dates_at_the_edge_of_the_calendar_are_not_a_500(world, client_for):
    client = client_for("county_mzj")
    for query in ("?to=9999-12-31", "?from=9999-12-01&to=9999-12-31", "?from=0001-01-01"):
        assert client.get("/burden/" + query).status_code == 200
        assert client.get("/burden/community/610921100001/" + query).status_code == 200
    assert client.get("/burden/report/?after_to=9999-12-31&before_from=0001-01-01").status_code == 200


def test_a_file_that_is_not_a_workbook_is_refused(world, client_for):
    f = io.BytesIO(b"not excel")
    f.name = "x.xlsx"
    html = client_for("township_officer").post("/burden/import/", {"file": f}).content.decode()
    assert "不是有效的 Excel" in html


@pytest.mark.parametrize("persona", ["county_mzj", "township_officer", "community_worker"])
def test_rules_and_breaches_pages_open(world, client_for, persona):
    assert client_for(persona).get("/burden/rules/").status_code == 200
    assert client_for(persona).get("/burden/breaches/").status_code == 200


def test_a_county_list_owner_tightens_a_rule_from_the_page(world, client_for):
    client_for("county_mzj").post("/burden/rules/set/", {"code": "township_meetings", "limit": "3"})
    assert "乡镇会议每月不超过 3 次" in client_for("township_officer").get("/burden/rules/").content.decode()
    assert (
        client_for("township_officer")
        .post("/burden/rules/set/", {"code": "township_meetings", "limit": "1"})
        .status_code
        == 403
    )


def test_the_dashboard_draws_breaches_by_department_as_a_chart_with_a_table_fallback(world, client_for):
    import json
    import re

    meetings(world, 4)
    meetings(world, 1, reason="紧急")
    html = client_for("county_mzj").get("/burden/").content.decode()
    assert '<div class="chart" id="chart-bdept" role="img" aria-label="超限按责任单位"></div>' in html
    data = re.search(r'<script id="burden-chart" type="application/json">(.*?)</script>', html, re.S)
    assert data is not None
    chart = json.loads(data.group(1))
    assert chart["breach_depts"] == [{"name": "城关镇", "value": 1}]
    # The same numbers stay readable without JavaScript, as a data table.
    table = re.search(r'<table class="table" id="breach-depts">(.*?)</table>', html, re.S).group(1)
    assert "<th>责任单位</th>" in table and "<td>城关镇</td>" in table and '<td class="num">1</td>' in table
    assert "burden/dashboard" in html and "echarts.min.js" in html


def test_the_dashboard_without_breaches_says_so_in_the_table(world, client_for):
    html = client_for("county_mzj").get("/burden/").content.decode()
    assert 'id="chart-bdept"' not in html and '"breach_depts": []' in html
    assert '<td colspan="2" class="muted">期内无超限记录。</td>' in html


def test_an_empty_dashboard_shows_no_data_instead_of_empty_axes(world, client_for):
    html = client_for("county_mzj").get("/burden/").content.decode()
    # Nothing recorded: every chart is replaced by 暂无数据, no empty axes are drawn.
    assert 'class="chart' not in html and html.count('<p class="empty chart-empty">暂无数据</p>') == 5


@pytest.mark.browser
def test_echarts_draws_the_breaches_by_department_chart(world, page_for):
    meetings(world, 4)
    meetings(world, 1, reason="紧急")
    page = page_for("county_mzj")
    page.goto("/burden/")
    page.wait_for_selector("#chart-bdept svg")
    assert page.locator("#chart-bdept svg").count() == 1
    assert "城关镇" in page.locator("#chart-bdept").inner_text()
