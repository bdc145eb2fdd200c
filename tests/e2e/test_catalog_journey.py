"""Browser journey: a list owner edits the draft and publishes; a resident finds the item."""

from __future__ import annotations

import pytest

from jianfu.catalog.tests.conftest import BASE_ITEMS, publish_items


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_owner_edits_a_draft_publishes_and_a_resident_finds_the_item(world, page_for):
    publish_items(world, BASE_ITEMS)
    page = page_for("county_mzj")
    page.goto("/lists/")
    page.get_by_role("button", name="新建草稿（修订清单）").click()
    page.wait_for_url("**/lists/draft/")
    page.get_by_role("link", name="添加事项").first.click()
    page.fill("#id_code", "XZ-20")
    page.fill("#id_title", "协助开展居家养老需求摸底")
    page.select_option("#id_category", "assist")
    page.fill("#id_basis", "《陕西省养老服务条例》")
    page.select_option("#id_department", label="汉阴县民政局")
    page.check("input[name=community_roles][value=contact]")
    page.check("input[name=community_roles][value=home_visit]")
    page.fill("#id_funding_amount", "6000")
    page.fill("#id_funding_source", "县财政专项")
    page.fill("#id_minutes_per_occurrence", "45")
    page.select_option("#id_frequency_unit", "quarter")
    page.get_by_role("button", name="保存到草稿").click()
    page.wait_for_url("**/lists/draft/")
    assert "已添加事项：XZ-20" in page.content()

    page.get_by_role("link", name="发布").first.click()
    page.fill("#id_effective_date", "2026-01-01")
    page.fill("#id_note", "新增居家养老需求摸底")
    page.get_by_role("button", name="确认发布").click()
    page.wait_for_url("**/lists/v/2/")
    assert "已发布第 2 版" in page.content()

    resident = page_for(None, mobile=True)
    resident.goto("/public/lists/610921/")
    resident.fill("input[name=q]", "养老")
    resident.get_by_role("button", name="查询").click()
    link = resident.get_by_role("link", name="协助开展居家养老需求摸底")
    link.click()
    resident.wait_for_url("**/public/lists/610921/items/XZ-20/")
    text = resident.content()
    assert "联系居民、协助入户" in text and "6000 元/年" in text and "汉阴县民政局" in text
