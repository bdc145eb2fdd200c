"""Dispatch pages and API: without permission, with it, and from the other county."""

from __future__ import annotations

import json

import pytest

from jianfu.dispatch import actions
from jianfu.dispatch.models import Dispatch, Task

from .conftest import task_data

pytestmark = pytest.mark.django_db


def _post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_gate_check_api_gives_verdict_matches_and_rules(world, lists, api_client_for):
    client = api_client_for("dept_officer")
    r = _post(
        client,
        "/api/v1/gate/check",
        {"title": "开展辖区企业安全生产检查", "description": "隐患排查", "category": "", "target_org": "610921100001"},
    )
    body = r.json()
    assert r.status_code == 200 and body["verdict"] == "negative" and body["list_item_code"] == "N-04"
    assert body["matches"][0]["code"] == "N-04" and 0 < body["matches"][0]["score"] <= 1
    assert "负面清单" in body["rules"][0]["rule"]
    r = _post(client, "/api/v1/gate/check", {"title": "上报奶茶店数量", "target_org": "610921100"})
    assert r.json()["verdict"] == "unlisted"


def test_gate_check_api_is_a_404_for_another_countys_org(world, lists, api_client_for):
    r = _post(api_client_for("dept_officer"), "/api/v1/gate/check", {"title": "体检", "target_org": "610922100001"})
    assert r.status_code == 404
    r = _post(
        api_client_for("other_dept_officer"), "/api/v1/gate/check", {"title": "体检", "target_org": "610921100001"}
    )
    assert r.status_code == 404


def test_tasks_and_inbox_api(world, lists, api_client_for):
    dept = api_client_for("dept_officer")
    r = _post(dept, "/api/v1/tasks", task_data(list_item_code="A-01"))
    assert r.status_code == 201 and r.json()["verdict"] == "listed" and r.json()["task_count"] == 1
    r = _post(dept, "/api/v1/tasks", task_data(title="上报奶茶店数量", description=""))
    assert r.status_code == 400 and "未准入" in r.json()["detail"]
    assert (
        _post(api_client_for("community_worker"), "/api/v1/tasks", task_data(list_item_code="A-01")).status_code == 403
    )
    inbox = api_client_for("community_worker").get("/api/v1/inbox").json()["items"]
    assert [t["verdict"] for t in inbox] == ["listed"]
    task_id = inbox[0]["id"]
    assert _post(api_client_for("village_worker"), f"/api/v1/inbox/{task_id}/accept", {}).status_code == 404
    assert _post(api_client_for("other_county_officer"), f"/api/v1/inbox/{task_id}/accept", {}).status_code == 404
    worker = api_client_for("community_worker")
    assert _post(worker, f"/api/v1/inbox/{task_id}/accept", {}).json()["state"] == "accepted"
    assert _post(worker, f"/api/v1/inbox/{task_id}/complete", {"minutes": 45}).json()["minutes_spent"] == 45
    assert api_client_for("other_county_officer").get("/api/v1/tasks").json()["items"] == []


def test_the_send_page_warns_before_sending_an_unlisted_task(world, lists, client_for):
    client = client_for("dept_officer")
    assert client.get("/tasks/new/").status_code == 200
    form = {**task_data(title="上报奶茶店数量", description="统计", application_id=""), "send": "1"}
    html = client.post("/tasks/new/", form).content.decode()
    assert "未准入" in html and "我已知悉" in html and not Dispatch.objects.exists()
    response = client.post("/tasks/new/", {**form, "confirm_unlisted": "on"})
    assert response.status_code == 302 and Task.objects.get().verdict == "unlisted"


def test_the_inbox_page_refuses_in_one_click(world, lists, client_for):
    d = actions.do_send_task(
        actor=world.dept_officer, data=task_data(title="上报奶茶店数量", description=""), confirm_unlisted=True
    )
    task = d.tasks.get()
    client = client_for("community_worker")
    html = client.get("/inbox/").content.decode()
    assert "一键拒收" in html and "未准入" in html
    assert client_for("village_worker").post(f"/inbox/{task.pk}/refuse/").status_code == 404
    assert client_for("other_county_officer").post(f"/inbox/{task.pk}/refuse/").status_code == 404
    client.post(f"/inbox/{task.pk}/refuse/")
    task.refresh_from_db()
    assert task.state == "refused"
    assert client_for("other_county_officer").get(f"/tasks/{d.pk}/").status_code == 404
    assert client_for("dept_officer2").get(f"/tasks/{d.pk}/").status_code == 404
    assert "已拒收" in client_for("dept_officer").get(f"/tasks/{d.pk}/").content.decode()
