"""Breaches, rules, import and the reduction report: without permission, with it, and from the other
county (which sees none of 汉阴县's data, or a 404)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from jianfu.burden import actions, metrics
from jianfu.burden.choices import Kind, RuleCode
from jianfu.burden.models import Breach, LedgerEntry, LimitRule

from .test_views import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def five_meetings(world):
    """Five township meetings in 东关社区 this month: one breach (乡镇会议 ≤ 4 / month)."""
    for i in range(5):
        actions.do_record_event(
            actor=world.township_officer,
            kind=Kind.MEETING,
            convener=world.chengguan,
            title=f"例会{i}",
            occurred_on=timezone.localdate(),
            minutes=60,
            communities=[world.dongguan],
            reason="防汛" if i == 4 else "",
        )
    assert Breach.objects.count() == 1


def login_redirect(response) -> bool:
    return response.status_code == 302 and "/login/" in response["Location"]


# --- /burden/breaches/ ------------------------------------------------------------------------


def test_breaches_need_a_sign_in(world):
    five_meetings(world)
    assert login_redirect(Client().get("/burden/breaches/"))


@pytest.mark.parametrize("persona", ["county_mzj", "township_officer", "community_worker", "dept_officer"])
def test_breaches_are_listed_for_people_whose_jurisdiction_holds_them(world, client_for, persona):
    five_meetings(world)
    response = client_for(persona).get("/burden/breaches/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "东关社区" in html and "乡镇会议每月不超过 4 次" in html and "防汛" in html


@pytest.mark.parametrize("persona", ["township2_officer", "village_worker", "other_county_officer", "other_sysadmin"])
def test_breaches_outside_the_jurisdiction_are_not_listed(world, client_for, persona):
    five_meetings(world)
    response = client_for(persona).get("/burden/breaches/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "东关社区" not in html and "防汛" not in html and "暂无超限记录" in html


# --- /burden/rules/ and the rule-set POST ------------------------------------------------------


def test_rules_need_a_sign_in(world):
    assert login_redirect(Client().get("/burden/rules/"))
    assert login_redirect(Client().post("/burden/rules/set/", {"code": "township_meetings", "limit": "1"}))
    assert not LimitRule.objects.exclude(region_code="").exists()


def test_the_county_list_owner_sees_the_rule_form_and_tightens_a_limit(world, client_for):
    client = client_for("county_mzj")
    page = client.get("/burden/rules/").content.decode()
    assert 'action="/burden/rules/set/"' in page and "乡镇会议每月不超过 4 次" in page
    response = client.post("/burden/rules/set/", {"code": "township_meetings", "limit": "3"}, follow=True)
    assert "已调整：乡镇会议每月不超过 3 次。" in response.content.decode()
    rule = LimitRule.objects.get(region_code="610921", code=RuleCode.TOWNSHIP_MEETINGS)
    assert rule.limit == 3 and rule.org == world.county
    loose = client.post("/burden/rules/set/", {"code": "township_meetings", "limit": "9"}, follow=True)
    assert "本县只能收紧限额，不能高于默认上限 4 次。" in loose.content.decode()
    junk = client.post("/burden/rules/set/", {"code": "township_meetings", "limit": "abc"}, follow=True)
    assert "上限须为非负整数。" in junk.content.decode()
    rule.refresh_from_db()
    assert rule.limit == 3
    assert client.get("/burden/rules/set/").status_code == 405


@pytest.mark.parametrize(
    "persona", ["township_officer", "dept_officer", "leading_group", "community_worker", "sysadmin"]
)
def test_roles_that_may_not_set_rules_get_no_form_and_a_403(world, client_for, persona):
    client = client_for(persona)
    page = client.get("/burden/rules/")
    assert page.status_code == 200 and 'action="/burden/rules/set/"' not in page.content.decode()
    response = client.post("/burden/rules/set/", {"code": "township_meetings", "limit": "1"})
    assert response.status_code == 403
    assert not LimitRule.objects.exclude(region_code="").exists()


def test_the_other_county_sets_only_its_own_rules_and_sees_none_of_these(world, client_for):
    client_for("county_mzj").post("/burden/rules/set/", {"code": "township_meetings", "limit": "3"})
    other = client_for("other_county_officer")
    page = other.get("/burden/rules/").content.decode()
    assert "乡镇会议每月不超过 4 次" in page and "乡镇会议每月不超过 3 次" not in page
    other.post("/burden/rules/set/", {"code": "township_meetings", "limit": "1"})
    assert LimitRule.objects.get(region_code="610922", code=RuleCode.TOWNSHIP_MEETINGS).limit == 1
    assert LimitRule.objects.get(region_code="610921", code=RuleCode.TOWNSHIP_MEETINGS).limit == 3
    assert "乡镇会议每月不超过 3 次" in client_for("township_officer").get("/burden/rules/").content.decode()


# --- /burden/import/ ---------------------------------------------------------------------------


def rows():
    return [["610921100001", "会议", "610921100", timezone.localdate().isoformat(), 60, "", "例会"]]


def test_import_needs_a_sign_in(world):
    assert login_redirect(Client().get("/burden/import/"))
    assert login_redirect(Client().post("/burden/import/", {"file": workbook(rows())}))
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("persona", ["leading_group", "sysadmin", "other_sysadmin"])
def test_roles_that_may_not_record_cannot_import(world, client_for, persona):
    client = client_for(persona)
    assert client.get("/burden/import/").status_code == 403
    assert client.get("/burden/import/?template=1").status_code == 403
    assert client.post("/burden/import/", {"file": workbook(rows())}).status_code == 403
    assert not LedgerEntry.objects.exists()


def test_a_township_officer_imports_and_downloads_the_template(world, client_for):
    client = client_for("township_officer")
    template = client.get("/burden/import/?template=1")
    assert template.status_code == 200 and template["Content-Type"].startswith(XLSX)
    response = client.post("/burden/import/", {"file": workbook(rows())}, follow=True)
    assert "已导入 1 条台账。" in response.content.decode()
    entry = LedgerEntry.objects.get()
    assert entry.community == world.dongguan and entry.recorded_by == world.township_officer


def test_the_other_county_cannot_import_into_this_one(world, client_for):
    client = client_for("other_county_officer")
    assert client.get("/burden/import/").status_code == 200  # its own role may import for its own county
    response = client.post("/burden/import/", {"file": workbook(rows())})
    html = response.content.decode()
    assert response.status_code == 200 and "不在您的辖区" in html and "导入失败，未保存任何数据" in html
    assert not LedgerEntry.objects.exists()


# --- /burden/report/ (and ?format=xlsx) --------------------------------------------------------


def sheet_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith(XLSX)
    ws = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def line(table, label):
    return next(r for r in table if r and r[0] == label)


def test_the_report_needs_a_sign_in(world):
    assert login_redirect(Client().get("/burden/report/"))
    assert login_redirect(Client().get("/burden/report/?format=xlsx"))


def test_the_county_report_and_its_workbook_count_the_meetings(world, client_for):
    five_meetings(world)
    client = client_for("county_mzj")
    page = client.get("/burden/report/")
    assert page.status_code == 200 and "汉阴县" in page.content.decode() and "精简率" in page.content.decode()
    # The default periods end with the last whole month; this month's meetings need it named.
    today = timezone.localdate()
    this_month = f"after_from={today.replace(day=1):%Y-%m-%d}&after_to={today:%Y-%m-%d}"
    month_is_over = today == metrics.month_end(today)
    assert ("不完整月份" in client.get(f"/burden/report/?{this_month}").content.decode()) != month_is_over
    table = sheet_rows(client.get(f"/burden/report/?format=xlsx&{this_month}"))
    assert "汉阴县" in table[0][0]
    meeting = line(table, "会议")
    assert meeting[2] == 5 and meeting[5] == 5.0  # after-period count and hours
    assert line(table, "合计")[2] == 5


@pytest.mark.parametrize(("persona", "region"), [("township2_officer", "610921100"), ("village_worker", "610921")])
def test_a_region_outside_ones_jurisdiction_is_a_404(world, client_for, persona, region):
    five_meetings(world)
    client = client_for(persona)
    assert client.get(f"/burden/report/?region={region}").status_code == 404
    assert client.get(f"/burden/report/?region={region}&format=xlsx").status_code == 404


def test_the_other_county_gets_a_404_for_this_county_and_none_of_its_numbers(world, client_for):
    five_meetings(world)
    client = client_for("other_county_officer")
    assert client.get("/burden/report/?region=610921").status_code == 404
    assert client.get("/burden/report/?region=610921&format=xlsx").status_code == 404
    assert client.get("/burden/report/?region=610921100001&format=xlsx").status_code == 404
    own = client.get("/burden/report/")
    assert own.status_code == 200 and "石泉县" in own.content.decode() and "汉阴县" not in own.content.decode()
    table = sheet_rows(client.get("/burden/report/?format=xlsx"))
    assert "石泉县" in table[0][0] and "汉阴县" not in str(table)
    assert line(table, "合计")[1:3] == [0, 0]
