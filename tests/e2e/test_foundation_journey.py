"""Browser journeys: every role signs in through the real form and lands on its own home page."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "sysadmin": ("张建国", ["首页", "组织机构", "用户管理", "我的操作记录"]),
    "county_mzj": ("李秀英", ["首页", "组织机构", "我的操作记录"]),
    "leading_group": ("陈明", ["首页", "组织机构"]),
    "dept_officer": ("刘洋", ["首页", "组织机构"]),
    "township_officer": ("赵敏", ["首页", "组织机构"]),
    "community_worker": ("孙丽", ["首页", "组织机构"]),
}


@pytest.mark.parametrize("persona", list(ROLES))
def test_each_role_signs_in_and_sees_its_navigation_and_home(page_for, persona):
    name, nav = ROLES[persona]
    page = page_for(persona)
    assert page.locator("h1").first.inner_text() == f"您好，{name}"
    labels = page.locator("nav.mainnav a").all_inner_texts()
    for label in nav:
        assert label in labels
    if persona != "sysadmin":
        assert "用户管理" not in labels


def test_a_community_worker_on_a_phone_has_no_sideways_scrolling(page_for):
    page = page_for("community_worker", mobile=True)
    assert page.locator("nav.mainnav").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_on_a_phone_the_menu_button_opens_every_menu_item(page_for):
    page = page_for("county_mzj", mobile=True)
    items = page.locator("nav.mainnav li a")
    count = items.count()
    assert count >= 5
    assert not items.first.is_visible()  # folded behind the button, not cut off sideways
    toggle = page.locator("nav.mainnav .navtoggle")
    assert toggle.is_visible() and "菜单" in toggle.inner_text()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    for i in range(count):
        assert items.nth(i).is_visible()
        box = items.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    items.filter(has_text="组织机构").click()
    page.wait_for_url("**/orgs/")
    assert "组织机构" in page.locator("nav.mainnav .navtoggle").inner_text()


def test_a_wrong_password_shows_a_chinese_message(page_for):
    page = page_for(None)
    page.goto("/login/")
    page.fill("#id_username", "township_officer")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.locator(".msg.error").inner_text()


def test_a_sysadmin_creates_a_user_who_then_signs_in(page_for, world):
    page = page_for("sysadmin")
    page.click("text=用户管理")
    page.click("text=新建用户")
    page.fill("#id_username", "xg_new")
    page.fill("#id_full_name", "钱多多")
    page.select_option("#id_org", str(world.xiguan.pk))
    page.select_option("#id_role", "community_worker")
    page.fill("#id_password", "Xiguan-Strong-2026")
    page.click("button:has-text('创建')")
    assert "已创建用户 xg_new" in page.locator(".msg.success").inner_text()

    newcomer = page_for(None)
    newcomer.goto("/login/")
    newcomer.fill("#id_username", "xg_new")
    newcomer.fill("#id_password", "Xiguan-Strong-2026")
    newcomer.click("button[type=submit]")
    newcomer.wait_for_url("**/account/password/")
    assert "请先修改初始密码" in newcomer.content()


def test_the_org_tree_filters_by_name(page_for):
    page = page_for("county_mzj")
    page.click("nav.mainnav >> text=组织机构")
    page.wait_for_url("**/orgs/")
    page.wait_for_load_state("load")
    page.fill("[data-tree-filter]", "桥上")
    assert page.locator("li[data-name^='桥上村']").is_visible()
    assert not page.locator("li[data-name^='河桥村']").is_visible()
