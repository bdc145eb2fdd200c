"""Journey: a community's refusal becomes a case → 民政局 substantiates → 督办单 → the department
replies → closed → it appears in the month's 通报 on the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource


@pytest.mark.browser
def test_a_refusal_goes_from_the_queue_to_the_months_notice(page_for, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # As the dispatch refusal does (jianfu.dispatch.actions.do_refuse_task opens the same case).
    do_open_case(
        actor=world.community_worker,
        source=CaseSource.REFUSAL,
        region_code=world.dongguan.region_code,
        title="东关社区拒收任务：餐饮店食品安全检查",
        description="派发单位：汉阴县卫生健康局；审查结论：负面清单",
        rule_ref="负面清单：对辖区企业的安全检查",
        community=world.dongguan,
        department=world.wjj,
    )
    office = page_for("county_mzj")
    office.goto("/supervision/cases/")
    office.click("text=东关社区拒收任务：餐饮店食品安全检查")
    office.click("button:has-text('开始核查')")
    office.fill("#reason-substantiate", "经核实属实。")
    office.click("button:has-text('核查属实')")
    office.click("a:has-text('下发督办单')")
    office.fill("#id_deadline", (timezone.localdate() + dt.timedelta(days=10)).isoformat())
    office.click("button:has-text('下发')")
    office.wait_for_selector("text=〔")
    assert "已下发督办单" in office.content()

    dept = page_for("dept_officer", mobile=True)
    dept.goto("/supervision/orders/")
    dept.click("text=〔")
    dept.fill("#id_text", "已撤回该任务，由我局依法监管。")
    dept.click("button:has-text('报送整改情况')")
    dept.wait_for_selector("text=整改情况已报送")

    office.goto("/supervision/cases/?state=replied")
    office.click("text=东关社区拒收任务：餐饮店食品安全检查")
    office.click("button:has-text('验收办结')")
    office.wait_for_selector("text=已办结")

    office.goto("/supervision/notices/")
    office.click("button:has-text('生成草稿')")
    office.click("button:has-text('发布到公开页面')")
    office.wait_for_selector("text=通报已发布")

    public = page_for(None, mobile=True)
    public.goto("/public/notices/610921/")
    public.click("css=.lines a")
    text = public.content()
    assert "东关社区拒收任务：餐饮店食品安全检查" in text and "汉阴县卫生健康局" in text
