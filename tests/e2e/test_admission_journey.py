"""Browser journey: a department applies, 民政局 passes 初审, 领导小组 approves, the item is in the
next draft of the lists, the department sends a task resting on it, the community completes it."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.admission.models import Application
from jianfu.admission.tests.lists import publish_lists
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import draft_version
from jianfu.dispatch.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_application_goes_from_department_to_lists_to_a_completed_task(page_for, world):
    publish_lists(world)
    today = dt.date.today()

    dept = page_for("dept_officer")
    dept.goto("/admission/new/")
    dept.select_option("#id_affairs", "government")
    dept.fill("#id_title", "协助开展第五次全国经济普查入户登记")
    dept.fill("#id_description", "配合普查员入户，核实辖区个体经营户名单。")
    dept.fill("#id_basis", "《全国经济普查条例》第十条")
    dept.select_option("#id_category", "assist")
    dept.check("input[name=community_roles][value=home_visit]")
    dept.fill("#id_funding_amount", "3000")
    dept.fill("#id_funding_source", "县统计局普查专项经费")
    dept.fill("#id_minutes_per_occurrence", "240")
    dept.fill("#id_start_date", today.isoformat())
    dept.fill("#id_end_date", (today + dt.timedelta(days=180)).isoformat())
    dept.click("button:has-text('保存草稿')")
    dept.click("button:has-text('提交（自动预审）')")
    dept.wait_for_selector("text=已提交，等待初审")
    assert dept.locator(".findings").inner_text().count("未发现") == 1
    app = Application.objects.get()

    mzj = page_for("county_mzj")
    mzj.goto("/admission/")
    mzj.click(f"a[href='/admission/{app.pk}/'] >> nth=0")
    mzj.fill("#id_reason", "依据充分，经费落实")
    mzj.click("button[value=pass_first]")
    mzj.wait_for_selector("text=已完成：待审议")

    ldxz = page_for("leading_group")
    ldxz.goto(f"/admission/{app.pk}/")
    ldxz.click("button[value=approve]")
    ldxz.wait_for_selector("text=已纳入清单草稿")
    app.refresh_from_db()
    assert ListItem.objects.filter(version=draft_version(world.county), code=app.list_item_code).exists()

    dept.goto("/tasks/new/")
    dept.check("#id_targets input[value='610921100001']")
    dept.fill("#id_title", "经济普查入户登记（第一批）")
    dept.select_option("#id_application_id", str(app.pk))
    dept.fill("#id_expected_minutes", "240")
    dept.click("button[name=send]")
    dept.wait_for_selector("text=已派发给 1 个社区")
    task = Task.objects.get()
    assert task.verdict == "admitted"

    worker = page_for("community_worker", mobile=True)
    worker.goto("/inbox/")
    card = worker.locator(f"#task-{task.pk}")
    assert "已准入" in card.inner_text()
    card.locator("button:has-text('接收')").click()
    worker.wait_for_selector("text=已接收")
    card = worker.locator(f"#task-{task.pk}")
    card.locator("input[name=minutes]").fill("200")
    card.locator("button:has-text('完成')").click()
    worker.wait_for_selector("text=已完成：经济普查入户登记")
    task.refresh_from_db()
    assert task.state == "completed" and task.minutes_spent == 200
