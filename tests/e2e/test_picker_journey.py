"""Browser journey: choosing recipients with the org picker (issue 19 point 2) — search, a whole
township in one tick, the count, a group saved on this device and used again — at 1366×768 and on
a 390×844 phone, then the task really goes to the chosen communities."""

from __future__ import annotations

import pytest

from jianfu.admission.tests.lists import publish_lists
from jianfu.dispatch.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_a_department_picks_a_township_and_a_saved_group_of_communities(page_for, world, mobile):
    publish_lists(world)
    page = page_for("dept_officer", mobile=mobile)
    if not mobile:
        page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/tasks/new/")
    picker = page.locator("[data-picker=targets]")
    assert picker.locator("[data-picker-count]").inner_text() == "已选 0 个"
    # Search narrows the list; the other township's villages are hidden.
    picker.locator("[data-picker-search]").fill("东关")
    assert picker.locator(".picker-option:visible").count() == 1
    picker.locator("[data-picker-search]").fill("")
    # One tick takes the whole township (its 3 communities and the township-wide option).
    picker.locator("fieldset:has(legend:has-text('城关镇')) [data-picker-group-toggle]").check()
    assert picker.locator("[data-picker-count]").inner_text() == "已选 4 个"
    picker.locator("[data-picker-none]").click()
    # Save 东关 + 涧池社区 as a group, clear, and bring it back from the list.
    picker.locator(".picker-option:has-text('东关社区') input").check()
    picker.locator(".picker-option:has-text('涧池社区') input").check()
    page.once("dialog", lambda d: d.accept("城区两社区"))
    picker.locator("[data-picker-save]").click()
    picker.locator("[data-picker-none]").click()
    assert picker.locator("[data-picker-count]").inner_text() == "已选 0 个"
    page.reload()
    picker.locator("[data-picker-saved]").select_option("城区两社区")
    assert picker.locator("[data-picker-count]").inner_text() == "已选 2 个"
    page.fill("#id_title", "社区老年人助餐点需求摸底")
    page.select_option("#id_list_item_code", index=1)
    page.click("button[name=send]")
    page.wait_for_selector("text=已派发")
    assert sorted(Task.objects.values_list("community__name", flat=True)) == ["东关社区", "涧池社区"]
