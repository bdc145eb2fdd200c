"""Every API list answers one envelope, {count, next, items}; the schema says so, and declares the
401 and 422 answers; a malformed body gets a Chinese message."""

from django.test import Client

from jianfu.core.pagination import MAX_LIMIT


def test_a_list_is_walked_page_by_page_by_following_next(api_client_for):
    client = api_client_for("county_mzj")
    whole = client.get(f"/api/v1/orgs?limit={MAX_LIMIT}").json()
    assert whole["count"] == len(whole["items"]) > 5 and whole["next"] is None
    seen, url, pages = [], "/api/v1/orgs?limit=2", 0
    while url:
        body = client.get(url).json()
        assert body["count"] == whole["count"] and len(body["items"]) <= 2
        seen += [row["code"] for row in body["items"]]
        url, pages = body["next"], pages + 1
    assert seen == [row["code"] for row in whole["items"]]
    assert pages == (whole["count"] + 1) // 2


def test_next_keeps_the_filters_and_is_an_absolute_url(api_client_for):
    body = api_client_for("county_mzj").get("/api/v1/orgs?kind=community&limit=1").json()
    assert body["next"].startswith("http://testserver/api/v1/orgs?")
    assert "kind=community" in body["next"] and "page=2" in body["next"] and "limit=1" in body["next"]


def test_a_page_larger_than_the_maximum_is_refused_not_silently_cut(api_client_for):
    response = api_client_for("county_mzj").get(f"/api/v1/orgs?limit={MAX_LIMIT + 1}")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "limit", "message": "数值过大。"}]


def test_another_county_gets_an_empty_page_with_a_zero_count(api_client_for):
    body = api_client_for("other_county_officer").get("/api/v1/tasks").json()
    assert body == {"count": 0, "next": None, "items": []}


def test_every_list_in_the_schema_is_the_envelope_and_errors_are_declared(db):
    schema = Client().get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    lists = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            ok = responses.get("200") or responses.get("201") or {}
            body = ok.get("content", {}).get("application/json", {}).get("schema", {})
            assert body.get("type") != "array", f"{method} {path} answers a bare list"
            ref = body.get("$ref", "").rsplit("/", 1)[-1]
            if ref.startswith("Page_"):
                lists += 1
                assert set(components[ref]["properties"]) == {"count", "next", "items"}
                names = {p["name"] for p in operation["parameters"]}
                assert {"page", "limit"} <= names, path
            if operation.get("security"):
                assert "401" in responses, f"{method} {path}"
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in responses, f"{method} {path}"
    assert lists >= 20
    assert components["ValidationError"]["required"] == ["detail", "errors"]


def test_a_malformed_json_body_gets_a_chinese_message_and_changes_nothing(api_client_for):
    from jianfu.admission.models import Application

    before = Application.objects.count()
    response = api_client_for("county_mzj").post(
        "/api/v1/admission/applications", data='{"title": "x",', content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["detail"] == "请求体不是有效的 JSON。"
    assert Application.objects.count() == before
