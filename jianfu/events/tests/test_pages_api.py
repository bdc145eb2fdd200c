"""Pages and API: the grid worker on a phone, the resident's form, and what a department is shown."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from jianfu.events import actions
from jianfu.events.models import Event

from .helpers import photo, setup

PHONE = "13912345678"


@pytest.fixture
def grid(world):
    return setup(world)


def resident_event(world):
    return actions.do_submit_resident_report(
        county=world.county,
        community=world.dongguan,
        data={"description": "东关小区门口井盖缺失，夜里很危险", "category": "0201", "place": "东关小区北门"},
        contact_name="王秀兰",
        contact_phone=PHONE,
    )


def test_the_grid_worker_reports_from_the_phone_page_with_a_photo(world, grid, client_for):
    client = client_for("community_worker")
    page = client.get("/events/new/").content.decode()
    assert "capture" in page and grid.name in page
    response = client.post(
        "/events/new/",
        {
            "category": "0101",
            "urgency": "urgent",
            "grid": grid.code,
            "place": "菜市场",
            "description": "流动摊贩占道",
            "photos": [photo()],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and event.photos.count() == 1 and event.urgency == "urgent"
    # A similar report is offered the open event to join instead.
    page = client.post(
        "/events/new/", {"category": "0101", "grid": grid.code, "description": "流动摊贩占道经营"}
    ).content.decode()
    assert "合并到此事件" in page and Event.objects.count() == 1


def test_a_bad_photo_on_the_page_is_a_chinese_message_and_nothing_is_saved(world, grid, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("现场.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    page = (
        client_for("community_worker")
        .post("/events/new/", {"category": "0101", "place": "菜市场", "description": "占道", "photos": [bad]})
        .content.decode()
    )
    assert "不是允许的类型" in page and Event.objects.count() == 0


def test_a_residents_contact_never_reaches_the_department(world, grid, client_for, api_client_for):
    event = resident_event(world)
    event = actions.do_escalate(event, actor=world.community_worker, reason="需市政维修")
    event = actions.do_whistle(event, actor=world.township_officer, department=world.wjj.code, reason="请报到")
    for persona in ("community_worker", "township_officer"):
        assert "139****5678" in client_for(persona).get(f"/events/{event.pk}/").content.decode()  # masked
    page = client_for("dept_officer").get(f"/events/{event.pk}/").content.decode()
    assert "井盖缺失" in page and PHONE not in page and "王秀兰" not in page
    api = api_client_for("dept_officer")
    body = api.get(f"/api/v1/events/{event.pk}").json()
    assert body["contact"] is None and PHONE not in json.dumps(body, ensure_ascii=False)
    listed = api.get("/api/v1/events").content.decode()
    assert PHONE not in listed and "王秀兰" not in listed
    worker = api_client_for("community_worker")
    assert worker.get(f"/api/v1/events/{event.pk}").json()["contact"]["phone"] == "139****5678"
    revealed = worker.post(f"/api/v1/events/{event.pk}/contact").json()
    assert revealed["phone"] == PHONE
    # The other county's department sees nothing.
    assert api_client_for("other_dept_officer").get(f"/api/v1/events/{event.pk}").status_code == 404


def test_the_resident_form_gives_a_tracking_code_and_is_rate_limited(world, grid, client, settings):
    cache.clear()
    settings.EVENTS_PUBLIC_REPORTS_PER_WINDOW = 2
    data = {
        "community": world.dongguan.code,
        "category": "0104",
        "place": "东关街",
        "description": "垃圾桶满了三天没人清运",
    }
    response = client.post(f"/public/events/{world.county.code}/", data)
    assert response.status_code == 302
    code = client.session["events_tracking_code"]
    page = client.get(f"/public/events/track/?code={code}").content.decode()
    assert "待社区处置" in page and "垃圾清运" in page
    client.post(f"/public/events/{world.county.code}/", {**data, "description": ""})
    limited = client.post(f"/public/events/{world.county.code}/", data)
    assert limited.status_code == 429 and Event.objects.count() == 1
    cache.clear()


def test_open311_services_create_and_move(world, grid, api_client_for):
    services = (
        api_client_for("community_worker").get(f"/api/v1/events/services?county={world.county.code}").json()["items"]
    )
    assert {"service_code": "0101", "service_name": "占道经营", "group": "城市管理"}.items() <= services[0].items()
    api = api_client_for("community_worker")
    created = api.post(
        "/api/v1/events",
        {"service_code": "0201", "description": "路面塌陷", "address_string": "东关街12号", "urgency": "urgent"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["service_request_id"]
    assert created.json()["status"] == "open"
    moved = api.post(f"/api/v1/events/{pk}/escalate", {"reason": "需要市政"}, content_type="application/json")
    assert moved.json()["state"] == "township"
    refused = api.post(f"/api/v1/events/{pk}/escalate", {"reason": "再来"}, content_type="application/json")
    assert refused.status_code in (400, 409)
    town = api_client_for("township_officer")
    past = town.post(
        f"/api/v1/events/{pk}/whistle",
        {"reason": "派", "department": world.wjj.code, "deadline": "2020-01-01"},
        content_type="application/json",
    )
    assert past.status_code == 400 and "早于现在" in past.json()["detail"]
    bad = api.post(
        "/api/v1/events",
        {"service_code": "nope", "description": "x", "address_string": "y"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "category"
