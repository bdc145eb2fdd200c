"""API: /me, /orgs, token and session auth, OpenAPI schema, health check."""

from __future__ import annotations

from django.test import Client

from jianfu.orgs.actions import do_issue_token, do_revoke_token, do_set_user_active


def test_me_with_a_token(api_client_for):
    data = api_client_for("township_officer").get("/api/v1/me").json()
    assert data["username"] == "township_officer" and data["role"] == "township_officer"
    assert data["org"]["code"] == "610921100" and data["jurisdiction"]["code"] == "610921100"


def test_orgs_lists_the_visible_tree_with_parents(api_client_for):
    rows = api_client_for("township_officer").get("/api/v1/orgs").json()["items"]
    by_code = {r["code"]: r for r in rows}
    assert set(by_code) == {"610921100", "610921100T01", "610921100001", "610921100002", "610921100201"}
    assert by_code["610921100001"]["parent_code"] == "610921100"
    assert by_code["610921100001"]["kind_label"] == "社区居委会"


def test_another_county_sees_nothing_of_this_one(api_client_for):
    rows = api_client_for("other_county_officer").get("/api/v1/orgs").json()["items"]
    assert rows and all(r["region_code"].startswith("610922") for r in rows)


def test_session_auth_works_for_the_browser(client_for):
    assert client_for("county_mzj").get("/api/v1/me").json()["username"] == "county_mzj"


def test_no_token_bad_token_revoked_token_and_disabled_user_get_401(world):
    assert Client().get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer jf_forged").get("/api/v1/me").status_code == 401
    raw = do_issue_token(world.dept_officer, actor=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me").status_code == 200
    do_revoke_token(world.dept_officer.api_tokens.get(), actor=world.dept_officer)
    assert client.get("/api/v1/me").status_code == 401
    raw2 = do_issue_token(world.dept_officer, actor=None)
    do_set_user_active(world.dept_officer, actor=world.sysadmin, active=False)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw2}").get("/api/v1/me")
    assert response.status_code == 401 and response.json()["detail"] == "未登录或令牌无效。"


def test_the_openapi_schema_is_served(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"] and "/api/v1/orgs" in schema["paths"]


def test_an_unknown_api_path_is_a_json_404(client_for):
    response = client_for("county_mzj").get("/api/v1/nope")
    assert response.status_code == 404 and response.json()["detail"]


def test_healthz_reports_the_database(db):
    data = Client().get("/healthz").json()
    assert data["status"] == "ok" and data["database"]["status"] == "ok"


def test_json_answers_carry_chinese_as_characters(api_client_for):
    response = api_client_for("township_officer").get("/api/v1/orgs")
    assert "社区居委会" in response.content.decode("utf-8")


def test_a_malformed_parameter_gets_a_chinese_422(api_client_for):
    response = api_client_for("county_mzj").get("/api/v1/burden/entries?limit=abc")
    body = response.json()
    assert response.status_code == 422 and body["detail"] == "请求参数有误。"
    assert body["errors"][0]["field"] == "limit" and body["errors"][0]["message"] == "应为整数。"


def test_an_anonymous_write_is_a_chinese_401_not_a_csrf_error(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/gate/check", {}, content_type="application/json")
    assert response.status_code == 401 and response.json()["detail"] == "未登录或令牌无效。"
    bad_token = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION="Bearer jf_nope")
    assert bad_token.post("/api/v1/gate/check", {}, content_type="application/json").status_code == 401


def test_a_signed_in_browser_without_its_csrf_token_gets_a_chinese_403(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.county_mzj)
    response = client.post("/api/v1/gate/check", {}, content_type="application/json")
    assert response.status_code == 403 and "CSRF 校验失败" in response.json()["detail"]
    assert client.get("/api/v1/me").status_code == 200


def test_a_token_needs_no_csrf_token(api_client_for):
    client = api_client_for("county_mzj")
    client.handler.enforce_csrf_checks = True
    response = client.post(
        "/api/v1/gate/check", {"title": "入户走访", "target": "610921100001"}, content_type="application/json"
    )
    assert response.status_code != 403
