"""The lists API: public reads of published versions; import and publish for list owners."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from jianfu.catalog import selectors
from jianfu.catalog.actions import do_add_item, do_open_draft, do_publish_version
from jianfu.catalog.models import ListItem, ListVersion

from .conftest import assist, row, workbook_bytes


def test_the_current_version_is_public_with_items_and_hours(world, v1):
    do_add_item(world.county, actor=world.county_mzj, data=assist("XZ-77", "草稿中的新事项"))
    response = Client().get("/api/v1/lists/610921")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == 1 and body["jurisdiction"] == "汉阴县" and body["item_count"] == 4
    codes = {i["code"]: i for i in body["items"]}
    assert "XZ-77" not in codes  # never a draft
    assert float(codes["LZ-01"]["hours_per_community"]) == 36.0
    assert float(codes["LZ-01"]["jurisdiction_hours"]) == 180.0
    assert codes["XZ-01"]["department_name"] == "汉阴县卫生健康局"
    assert codes["LZ-01"]["url"] == "/public/lists/610921/items/LZ-01/"
    assert float(body["totals"]["hours"]) == 57.0


def test_versions_version_and_diff(world, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    draft.items.get(code="LZ-01").delete()
    do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))
    client = Client()
    versions = client.get("/api/v1/lists/610921/versions").json()["versions"]
    assert [(v["number"], v["item_count"]) for v in versions] == [(2, 3), (1, 4)]
    assert client.get("/api/v1/lists/610921/versions/1").json()["item_count"] == 4
    diff = client.get("/api/v1/lists/610921/diff?from=1&to=2").json()
    assert [i["code"] for i in diff["removed"]] == ["LZ-01"] and diff["added"] == [] and diff["changed"] == []
    assert (diff["items_before"], diff["items_after"], diff["items_cut_pct"]) == (3, 2, "33")


def test_unknown_regions_and_versions_are_404(world, v1):
    client = Client()
    assert client.get("/api/v1/lists/999999").status_code == 404
    assert client.get("/api/v1/lists/999999/versions").status_code == 404
    assert client.get("/api/v1/lists/610921/versions/9").status_code == 404
    assert client.get("/api/v1/lists/610921/diff?from=1&to=9").status_code == 404
    assert client.get("/api/v1/lists/610922").status_code == 404  # no published lists there
    assert client.get("/api/v1/lists/610921/diff?from=x&to=1").status_code == 422


def test_a_draft_is_never_served_as_a_version(world, v1):
    do_open_draft(world.county, actor=world.county_mzj)
    assert Client().get("/api/v1/lists/610921/versions").json()["versions"][0]["number"] == 1


def test_an_owner_imports_then_publishes_through_the_api(world, api_client_for):
    client = api_client_for("county_mzj")
    upload = workbook_bytes([row("A-1", "事项一"), row("A-2", "事项二")])
    response = client.post("/api/v1/lists/610921/import", {"file": upload})
    assert response.status_code == 200 and response.json()["draft_items"] == 2
    response = client.post(
        "/api/v1/lists/610921/publish",
        {"effective_date": "2026-01-01", "note": "接口发布"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["number"] == 1
    assert selectors.current_version(world.county).items.count() == 2


def test_an_import_with_errors_answers_with_every_row_and_saves_nothing(world, api_client_for):
    upload = workbook_bytes([row("A-1", "好"), row("A-1", "重复"), row("A-3", "", category="x")])
    response = api_client_for("county_mzj").post("/api/v1/lists/610921/import", {"file": upload})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(3, "A"), (4, "B"), (4, "C")}
    assert not ListVersion.objects.exists()


@pytest.mark.parametrize("persona", ["dept_officer", "community_worker", "sysadmin"])
def test_other_roles_of_the_county_may_not_import_or_publish(world, v1, api_client_for, persona):
    do_open_draft(world.county, actor=world.county_mzj)
    client = api_client_for(persona)
    assert client.post("/api/v1/lists/610921/import", {"file": workbook_bytes([row("A-1", "x")])}).status_code == 403
    response = client.post(
        "/api/v1/lists/610921/publish", {"effective_date": "2026-01-01"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert selectors.published_versions(world.county).count() == 1
    assert not ListItem.objects.filter(code="A-1").exists()


def test_another_countys_owner_gets_404_and_changes_nothing(world, v1, api_client_for):
    do_open_draft(world.county, actor=world.county_mzj)
    client = api_client_for("other_county_officer")
    assert client.post("/api/v1/lists/610921/import", {"file": workbook_bytes([row("A-1", "x")])}).status_code == 404
    response = client.post(
        "/api/v1/lists/610921/publish", {"effective_date": "2026-01-01"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert selectors.published_versions(world.county).count() == 1


def test_writes_need_authentication(world, v1):
    client = Client()
    assert client.post("/api/v1/lists/610921/import", {"file": workbook_bytes([row("A-1", "x")])}).status_code == 401
    assert client.post("/api/v1/lists/610921/publish", {}, content_type="application/json").status_code == 401


def test_publishing_without_a_draft_or_with_a_bad_date_is_refused(world, v1, api_client_for):
    client = api_client_for("county_mzj")
    post = lambda body: client.post("/api/v1/lists/610921/publish", body, content_type="application/json")  # noqa: E731
    assert post({"effective_date": "2026-01-01"}).status_code == 404
    do_open_draft(world.county, actor=world.county_mzj)
    assert post({"effective_date": "not a date"}).status_code == 422
    assert post({"effective_date": "2020-01-01"}).status_code == 400  # before version 1
    assert selectors.published_versions(world.county).count() == 1


def test_every_route_is_in_the_openapi_schema(client_for):
    paths = client_for("county_mzj").get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/lists/{region_code}",
        "/api/v1/lists/{region_code}/versions",
        "/api/v1/lists/{region_code}/versions/{number}",
        "/api/v1/lists/{region_code}/diff",
        "/api/v1/lists/{region_code}/import",
        "/api/v1/lists/{region_code}/publish",
    ):
        assert path in paths, path


def test_writes_without_credentials_are_401_in_chinese_even_with_csrf_enforced(world, v1):
    """The anonymous path a browser without a session takes: CSRF really checked, still a 401."""
    do_open_draft(world.county, actor=world.county_mzj)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/lists/610921/import", {"file": workbook_bytes([row("A-1", "x")])})
    assert response.status_code == 401 and response.json()["detail"] == "未登录或令牌无效。"
    response = client.post(
        "/api/v1/lists/610921/publish", {"effective_date": "2026-01-01"}, content_type="application/json"
    )
    assert response.status_code == 401 and response.json()["detail"] == "未登录或令牌无效。"
    assert selectors.published_versions(world.county).count() == 1
    assert not ListItem.objects.filter(code="A-1").exists()


def test_a_signed_in_browser_without_its_csrf_token_gets_a_chinese_403(world, v1):
    do_open_draft(world.county, actor=world.county_mzj)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.county_mzj)
    response = client.post("/api/v1/lists/610921/import", {"file": workbook_bytes([row("A-1", "x")])})
    assert response.status_code == 403 and "请刷新页面" in response.json()["detail"]
    response = client.post(
        "/api/v1/lists/610921/publish", {"effective_date": "2026-01-01"}, content_type="application/json"
    )
    assert response.status_code == 403 and "请刷新页面" in response.json()["detail"]
    assert selectors.published_versions(world.county).count() == 1
    assert not ListItem.objects.filter(code="A-1").exists()
    # With the token from the cookie, the same browser publishes.
    client.get("/lists/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/lists/610921/publish",
        {"effective_date": "2026-01-01"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200 and response.json()["number"] == 2
