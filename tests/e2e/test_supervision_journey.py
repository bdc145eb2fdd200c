"""Journey: a community refuses an unlisted task → the case appears for 民政局 → substantiated →
督办单 → the department replies → closed → it appears in the month's 通报 on the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.admission.tests.lists import publish_lists
from jianfu.dispatch.actions import do_send_task
from jianfu.dispatch.models import Task
from jianfu.supervision.models import Case


@pytest.mark.browser
def test_a_refusal_goes_from_the_queue_to_the_months_notice(page_for, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publish_lists(world)
    # 卫健局 pushes unlisted work down (the sender confirmed the gate's warning).
    do_send_task(
        actor=world.dept_officer,
        data={
            "targets": [world.dongguan.code],
            "title": "餐饮店食品安全检查",
            "description": "请社区对辖区餐饮店逐户开展食品安全检查并上报台账。",
        },
        confirm_unlisted=True,
    )
    worker = page_for("community_worker", mobile=True)
    worker.goto("/inbox/")
    task = Task.objects.get()
    asked = []
    worker.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    worker.locator(f"#task-{task.pk}").locator("button:has-text('一键拒收')").click()
    worker.wait_for_selector("text=已转监督")
    assert asked  # an irreversible refusal is confirmed first
    title = Case.objects.get().title
    assert "餐饮店食品安全检查" in title

    office = page_for("county_mzj")
    office.goto("/supervision/cases/")
    office.click(f"text={title}")
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
    office.click(f"text={title}")
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
    assert title in text and "汉阴县卫生健康局" in text
