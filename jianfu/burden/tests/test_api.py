"""API: entries, breaches and metrics; scoped like the pages."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from jianfu.burden import actions
from jianfu.burden.choices import Kind
from jianfu.burden.models import LedgerEntry

DAY = dt.date(2026, 3, 3)


def seed(world):
    for i in range(5):
        actions.do_record_event(
            actor=world.township_officer,
            kind=Kind.MEETING,
            convener=world.chengguan,
            title=f"会{i}",
            occurred_on=DAY,
            minutes=60,
            communities=[world.dongguan],
            reason="急",
        )


def test_a_community_worker_creates_an_entry(world, api_client_for):
    body = {
        "community": "610921100001",
        "kind": "form",
        "source_org": "610921D04",
        "occurred_on": "2026-03-01",
        "minutes": 45,
    }
    r = api_client_for("community_worker").post("/api/v1/burden/entries", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["listed"] is False
    bad = api_client_for("community_worker").post(
        "/api/v1/burden/entries", {**body, "minutes": -1}, content_type="application/json"
    )
    assert bad.status_code == 400 and "负数" in bad.json()["detail"]
    assert LedgerEntry.objects.count() == 1


def test_an_entry_for_another_county_is_a_404(world, api_client_for):
    body = {
        "community": "610921100001",
        "kind": "task",
        "source_org": "610922D04",
        "occurred_on": "2026-03-01",
        "minutes": 45,
    }
    r = api_client_for("other_dept_officer").post("/api/v1/burden/entries", body, content_type="application/json")
    assert r.status_code == 404 and not LedgerEntry.objects.exists()


def test_without_a_token_nothing_is_answered(world):
    assert Client().get("/api/v1/burden/metrics?region=610921").status_code == 401


def test_entries_and_breaches_are_listed_within_scope(world, api_client_for):
    seed(world)
    assert len(api_client_for("county_mzj").get("/api/v1/burden/entries?kind=meeting").json()["items"]) == 5
    breaches = api_client_for("county_mzj").get("/api/v1/burden/breaches").json()["items"]
    assert len(breaches) == 1 and len(breaches[0]["entry_ids"]) == 5
    assert api_client_for("other_county_officer").get("/api/v1/burden/entries").json()["items"] == []
    assert api_client_for("other_county_officer").get("/api/v1/burden/breaches").json()["items"] == []
    assert api_client_for("township2_officer").get("/api/v1/burden/entries").json()["items"] == []


def test_metrics_for_a_region_and_period(world, api_client_for):
    seed(world)
    r = api_client_for("county_mzj").get("/api/v1/burden/metrics?region=610921&from=2026-01-01&to=2026-06-30")
    data = r.json()
    assert r.status_code == 200 and data["total"] == {"count": 5, "hours": 5.0}
    assert data["by_kind"][0]["kind"] == "meeting" and data["by_department"][0]["name"] == "城关镇"
    assert [m["month"] for m in data["by_month"]][:3] == ["2026-01", "2026-02", "2026-03"]
    assert data["by_month"][2]["hours"] == 5.0
    assert data["by_region"] == [{"code": "610921100", "name": "城关镇", "hours": 5.0}]


def test_metrics_outside_the_callers_scope_are_a_404(world, api_client_for):
    # The other county asking for 汉阴县: tests/permission_table.py.
    assert api_client_for("township2_officer").get("/api/v1/burden/metrics?region=610921100").status_code == 404
    bad = api_client_for("county_mzj").get("/api/v1/burden/metrics?region=610921&from=2026-13-01")
    assert bad.status_code == 400


def test_wild_dates_and_pages_get_an_answer_not_a_500(api_client_for):
    client = api_client_for("county_mzj")
    response = client.get("/api/v1/burden/metrics?region=610921&from=0001-01-01&to=9999-12-31")
    assert response.status_code == 200 and response.json()["from"] == "2000-01-01"
    far = client.get("/api/v1/burden/entries?page=999999")
    assert far.status_code == 200 and far.json()["items"] == [] and far.json()["next"] is None
    for bad in ("page=-5", "page=0", "limit=-1", "limit=501", "page=99999999999", "page=x"):
        response = client.get(f"/api/v1/burden/entries?{bad}")
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] in ("page", "limit"), bad
