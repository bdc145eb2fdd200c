"""Pages: sign-in, org tree, user management — without permission, with it, from another county."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from jianfu.orgs.models import User
from jianfu.testing import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    cache.clear()


def login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_a_user_signs_in_and_out(world):
    client = Client()
    response = login(client, "township_officer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert "赵敏" in page and "城关镇" in page
    client.post("/logout/")
    assert client.get("/").status_code == 302


def test_a_wrong_password_gets_the_same_chinese_message_as_an_unknown_user(world):
    wrong = login(Client(), "township_officer", "nope-nope-nope").content.decode()
    unknown = login(Client(), "nobody_here", "nope-nope-nope").content.decode()
    assert "用户名或密码错误" in wrong and "用户名或密码错误" in unknown


def test_repeated_failures_lock_the_name_even_with_the_right_password(world, settings):
    client = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        login(client, "township_officer", "wrong-password-x")
    response = login(client, "township_officer", PASSWORD)
    assert response.status_code == 401 and "登录失败次数过多" in response.content.decode()
    # An unknown name is locked the same way (no enumeration).
    for _ in range(settings.LOGIN_MAX_FAILURES):
        login(Client(REMOTE_ADDR="10.9.9.9"), "ghost", "wrong-password-x")
    assert "登录失败次数过多" in login(Client(REMOTE_ADDR="10.9.9.9"), "ghost", "x").content.decode()


def test_a_disabled_user_cannot_sign_in(world):
    User.objects.filter(pk=world.community_worker.pk).update(is_active=False)
    response = login(Client(), "community_worker", PASSWORD)
    assert response.status_code == 401 and "用户名或密码错误" in response.content.decode()


def test_a_user_disabled_mid_session_is_signed_out(world, client_for):
    client = client_for("community_worker")
    assert client.get("/").status_code == 200
    User.objects.filter(pk=world.community_worker.pk).update(is_active=False)
    assert client.get("/").status_code == 302


def test_the_demo_password_is_refused_outside_demo_mode(world, settings):
    user = world.community_worker
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    settings.DEMO_MODE = False
    response = login(Client(), "community_worker", settings.DEMO_PASSWORD)
    assert "演示密码仅可在演示模式下使用" in response.content.decode()
    settings.DEMO_MODE = True
    assert login(Client(), "community_worker", settings.DEMO_PASSWORD).status_code == 302


def test_login_redirect_ignores_foreign_hosts(world):
    response = Client().post("/login/?next=https://evil.example/", {"username": "sysadmin", "password": PASSWORD})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "persona, expected, absent",
    [
        ("sysadmin", ["用户管理", "组织机构", "账号管理"], []),
        ("county_mzj", ["组织机构", "维护本县社区工作事项清单"], ["用户管理"]),
        ("leading_group", ["审议"], ["用户管理"]),
        ("dept_officer", ["申请准入"], ["用户管理"]),
        ("township_officer", ["统筹本乡镇"], ["用户管理"]),
        ("community_worker", ["未入清单的事项一律不接"], ["用户管理"]),
    ],
)
def test_each_role_gets_its_home_page_and_navigation(client_for, persona, expected, absent):
    page = client_for(persona).get("/").content.decode()
    for text in expected:
        assert text in page
    for text in absent:
        assert text not in page


def test_the_org_tree_shows_the_jurisdiction_only(client_for):
    page = client_for("township_officer").get("/orgs/").content.decode()
    assert "东关社区" in page and "涧池镇" not in page and "石泉县" not in page


def test_an_org_of_another_county_is_a_404(client_for):
    # The other county asking for 汉阴县's org is a row of tests/permission_table.py.
    assert client_for("county_mzj").get("/orgs/610922100001/").status_code == 404


def test_user_management_lists_the_jurisdictions_users_only(client_for, world):
    # Who may open the user pages at all: tests/permission_table.py.
    page = client_for("sysadmin").get("/users/").content.decode()
    assert "community_worker" in page and "other_county_officer" not in page


def test_a_sysadmin_of_another_county_gets_404_on_a_forged_user_id(client_for, world):
    client = client_for("other_sysadmin")
    pk = world.community_worker.pk
    assert client.get(f"/users/{pk}/").status_code == 404
    assert client.post(f"/users/{pk}/active/", {"active": "0"}).status_code == 404
    assert client.post(f"/users/{pk}/reset-password/").status_code == 404
    world.community_worker.refresh_from_db()
    assert world.community_worker.is_active


def test_a_sysadmin_creates_edits_disables_and_resets_through_the_pages(client_for, world):
    client = client_for("sysadmin")
    response = client.post(
        "/users/new/",
        {
            "username": "xg_worker",
            "full_name": "钱多多",
            "phone": "",
            "org": world.xiguan.pk,
            "role": "community_worker",
            "password": "Xiguan-Strong-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="xg_worker")
    response = client.post(
        f"/users/{user.pk}/",
        {"full_name": "钱多多", "phone": "0915-1234567", "org": world.chengguan.pk, "role": "township_officer"},
    )
    user.refresh_from_db()
    assert user.role == "township_officer" and user.org == world.chengguan
    client.post(f"/users/{user.pk}/active/", {"active": "0", "reason": "离职"})
    user.refresh_from_db()
    assert not user.is_active
    page = client.post(f"/users/{user.pk}/reset-password/", follow=True).content.decode()
    assert "临时密码" in page


def test_a_sysadmin_cannot_assign_an_org_of_another_county(client_for, world):
    response = client_for("sysadmin").post(
        "/users/new/",
        {
            "username": "spy",
            "full_name": "间谍",
            "org": world.other_community.pk,
            "role": "community_worker",
            "password": "Xiguan-Strong-2026",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="spy").exists()


def test_a_script_tag_in_a_name_is_escaped(client_for, world):
    client = client_for("sysadmin")
    client.post(
        "/users/new/",
        {
            "username": "xss_user",
            "full_name": "<script>alert(1)</script>",
            "org": world.xiguan.pk,
            "role": "community_worker",
            "password": "Xiguan-Strong-2026",
        },
    )
    page = client.get("/users/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_changing_ones_own_password(client_for, world):
    client = client_for("community_worker")
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password": "Dongguan-New-2026", "new_password2": "Dongguan-New-2026"},
    )
    assert response.status_code == 302
    world.community_worker.refresh_from_db()
    assert world.community_worker.check_password("Dongguan-New-2026")


def test_pages_need_a_login(db):
    for path in ("/", "/orgs/", "/users/", "/audit/mine/", "/account/password/"):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_an_unknown_page_is_a_chinese_404(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_user_creates_and_revokes_their_own_token(client_for, world):
    client = client_for("dept_officer")
    page = client.post("/account/tokens/", {"name": "12345 热线对接"}).content.decode()
    assert "只显示这一次" in page
    token = world.dept_officer.api_tokens.get()
    assert token.name == "12345 热线对接"
    client.post("/account/tokens/", {"revoke": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_user_cannot_revoke_someone_elses_token(client_for, world):
    from jianfu.orgs.actions import do_issue_token

    do_issue_token(world.county_mzj, actor=None)
    token = world.county_mzj.api_tokens.get()
    assert client_for("other_county_officer").post("/account/tokens/", {"revoke": token.pk}).status_code == 404
    assert client_for("dept_officer").post("/account/tokens/", {"revoke": token.pk}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_malformed_token_id_is_a_404_not_a_500(client_for):
    assert client_for("dept_officer").post("/account/tokens/", {"revoke": "1 OR 1=1"}).status_code == 404
