"""The community inbox through the API and the page: the community's own worker acts, another
community's worker, the sender and the other county get a 404 and change nothing; a refusal
opens a supervision case; every verdict shows its basis on the inbox page."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jianfu.admission.actions import (
    do_approve_application,
    do_create_application,
    do_pass_first_review,
    do_submit_application,
)
from jianfu.admission.tests.conftest import app_data
from jianfu.core.errors import NotAllowed
from jianfu.dispatch import actions
from jianfu.dispatch.models import Dispatch, Task
from jianfu.orgs.actions import do_create_user
from jianfu.orgs.choices import Role
from jianfu.supervision.models import Case
from jianfu.testing import PASSWORD

from .conftest import task_data

pytestmark = pytest.mark.django_db


def _post(client, url, payload=None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


@pytest.fixture
def other_worker(world):
    """A community worker of 江南社区 in the other county (石泉县)."""
    return do_create_user(
        actor=None,
        username="other_community_worker",
        full_name="江南社工",
        org=world.other_community,
        role=Role.COMMUNITY_WORKER,
        password=PASSWORD,
        _skip_password_validation=True,
    )


@pytest.fixture
def outsiders(world, other_worker, api_client_for):
    """Clients that must not find a task of 东关社区: another community's worker, the sender,
    the county's reviewer, and the other county (its officer and a community worker there)."""
    from jianfu.orgs.actions import do_issue_token

    clients = {p: api_client_for(p) for p in ("village_worker", "dept_officer", "county_mzj", "other_county_officer")}
    token = do_issue_token(other_worker, actor=None)
    clients["other_community_worker"] = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    return clients


@pytest.fixture
def unlisted(world, lists):
    d = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="上报辖区奶茶店数量", description="统计奶茶店名单"),
        confirm_unlisted=True,
    )
    return d.tasks.get()


@pytest.fixture
def listed(world, lists):
    d = actions.do_send_task(actor=world.dept_officer, data=task_data(list_item_code="A-01"))
    return d.tasks.get()


def _task(task):
    return Task.objects.get(pk=task.pk)


@pytest.mark.parametrize("op", ["accept", "refuse", "complete"])
def test_those_outside_the_community_get_404_and_change_nothing(world, unlisted, outsiders, op):
    body = {"minutes": 30} if op == "complete" else {"reason": "不接"}
    for persona, client in outsiders.items():
        r = _post(client, f"/api/v1/inbox/{unlisted.pk}/{op}", body)
        assert r.status_code == 404, persona
        assert r.json()["detail"] == "未找到该任务。"
    task = _task(unlisted)
    assert task.state == "sent" and task.acted_by is None and task.minutes_spent is None and task.reason == ""
    assert not Case.objects.exists()


def test_the_worker_refuses_an_unlisted_task_in_one_click_and_a_case_opens(world, unlisted, api_client_for):
    r = _post(api_client_for("community_worker"), f"/api/v1/inbox/{unlisted.pk}/refuse")
    assert r.status_code == 200
    body = r.json()
    assert body["state"] == "refused" and body["verdict"] == "unlisted" and body["verdict_label"] == "未准入"
    assert "一律不接" in body["reason"]
    task = _task(unlisted)
    assert task.state == "refused" and task.acted_by == world.community_worker
    case = Case.objects.get()
    assert case.source == "refusal" and case.community == world.dongguan and case.department == world.wjj
    assert case.source_type == "dispatch.task" and case.source_id == str(task.pk) and task.case_id == case.pk
    assert "一律不接" in case.rule_ref and case.region_code == world.dongguan.region_code
    # A second refusal is a conflict and opens no second case.
    r = _post(api_client_for("community_worker"), f"/api/v1/inbox/{unlisted.pk}/refuse")
    assert r.status_code == 409 and "已拒收" in r.json()["detail"]
    assert Case.objects.count() == 1


def test_a_listed_task_is_refused_only_with_a_reason(world, listed, api_client_for):
    worker = api_client_for("community_worker")
    r = _post(worker, f"/api/v1/inbox/{listed.pk}/refuse")
    assert r.status_code == 400 and r.json()["field"] == "reason" and "写明理由" in r.json()["detail"]
    assert _task(listed).state == "sent" and not Case.objects.exists()
    r = _post(worker, f"/api/v1/inbox/{listed.pk}/refuse", {"reason": "本月已完成同类体检组织"})
    assert r.status_code == 200 and r.json()["state"] == "refused" and r.json()["reason"] == "本月已完成同类体检组织"
    case = Case.objects.get()
    assert case.rule_ref == "本月已完成同类体检组织" and case.source_id == str(listed.pk)


def test_the_worker_accepts_then_completes_with_minutes(world, listed, api_client_for):
    worker = api_client_for("community_worker")
    r = _post(worker, f"/api/v1/inbox/{listed.pk}/accept")
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    assert _post(worker, f"/api/v1/inbox/{listed.pk}/accept").status_code == 409
    r = _post(worker, f"/api/v1/inbox/{listed.pk}/complete", {"minutes": 0})
    assert r.status_code == 400 and r.json()["field"] == "minutes"
    r = _post(worker, f"/api/v1/inbox/{listed.pk}/complete", {"minutes": "很多"})
    assert r.status_code == 422
    assert _task(listed).state == "accepted"
    r = _post(worker, f"/api/v1/inbox/{listed.pk}/complete", {"minutes": 75})
    assert r.status_code == 200 and r.json()["state"] == "completed" and r.json()["minutes_spent"] == 75
    task = _task(listed)
    assert task.state == "completed" and task.minutes_spent == 75 and task.acted_by == world.community_worker
    assert _post(worker, f"/api/v1/inbox/{listed.pk}/refuse", {"reason": "晚了"}).status_code == 409
    assert not Case.objects.exists()


def test_the_inbox_api_lists_only_the_communitys_own_tasks(world, unlisted, outsiders, api_client_for):
    body = api_client_for("community_worker").get("/api/v1/inbox").json()["items"]
    assert [t["id"] for t in body] == [unlisted.pk] and body[0]["basis"] == ""
    for persona, client in outsiders.items():
        assert client.get("/api/v1/inbox").json()["items"] == [], persona


def test_the_wrong_worker_is_refused_before_the_reason_is_checked(world, listed):
    """Permission first (architecture rule 1): a stranger learns nothing about the reason rule."""
    for persona in ("village_worker", "dept_officer", "other_county_officer"):
        with pytest.raises(NotAllowed):
            actions.do_refuse_task(listed, actor=world.users[persona])
    assert _task(listed).state == "sent" and not Case.objects.exists()


# The inbox page shows the basis of each verdict -------------------------------------------------


def _admitted_task(world):
    app = do_create_application(actor=world.dept_officer, data=app_data(title="协助开展第五次全国经济普查入户登记"))
    app = do_submit_application(app, actor=world.dept_officer)
    app = do_pass_first_review(app, actor=world.county_mzj)
    app = do_approve_application(app, actor=world.leading_group)
    d = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="经济普查入户登记", description="配合普查员入户", application_id=app.pk),
    )
    return d.tasks.get(), app


def test_the_inbox_page_shows_the_basis_of_every_verdict(world, lists, client_for):
    listed = actions.do_send_task(actor=world.dept_officer, data=task_data(list_item_code="A-01")).tasks.get()
    unlisted = actions.do_send_task(
        actor=world.dept_officer, data=task_data(title="上报辖区奶茶店数量", description=""), confirm_unlisted=True
    ).tasks.get()
    negative = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="开展辖区企业安全生产检查", description="对辖区企业开展安全生产隐患排查"),
        confirm_unlisted=True,
    ).tasks.get()
    admitted, app = _admitted_task(world)
    verdicts = {t.pk: t.verdict for t in (listed, unlisted, negative, admitted)}
    assert sorted(verdicts.values()) == ["admitted", "listed", "negative", "unlisted"]

    html = client_for("community_worker").get("/inbox/?state=open").content.decode()
    assert "依据：清单事项 A-01 协助开展老年人健康体检和慢性病随访" in html
    assert "依据：无清单依据，未经准入" in html
    assert "依据：负面清单 N-04 对辖区企业开展安全生产检查" in html
    assert f"依据：准入申请 #{app.pk} {app.title}（汉阴县卫生健康局）" in html
    # Each basis sits on its own task's card.
    for task, basis in (
        (listed, "清单事项 A-01"),
        (unlisted, "无清单依据"),
        (negative, "负面清单 N-04"),
        (admitted, f"准入申请 #{app.pk}"),
    ):
        card = html.split(f'id="task-{task.pk}"', 1)[1].split("</article>", 1)[0]
        assert f"依据：{basis}" in card, task.verdict
    other = client_for("village_worker").get("/inbox/?state=open").content.decode()
    assert "暂无任务" in other and "依据：" not in other


def test_the_send_detail_page_shows_the_basis_or_none(world, lists, client_for):
    d = actions.do_send_task(
        actor=world.dept_officer, data=task_data(title="上报辖区奶茶店数量", description=""), confirm_unlisted=True
    )
    html = client_for("dept_officer").get(f"/tasks/{d.pk}/").content.decode()
    assert "无清单依据" in html
    d2 = actions.do_send_task(actor=world.dept_officer, data=task_data(list_item_code="A-01"))
    assert "清单事项 A-01" in client_for("dept_officer").get(f"/tasks/{d2.pk}/").content.decode()
    assert Dispatch.objects.count() == 2


# Without credentials -------------------------------------------------------------------------------


def test_gate_check_and_inbox_writes_without_credentials_are_401_in_chinese(world, unlisted):
    client = Client(enforce_csrf_checks=True)
    for url, body in (
        ("/api/v1/gate/check", {"title": "体检", "target_org": "610921100001"}),
        ("/api/v1/tasks", task_data(list_item_code="A-01")),
        (f"/api/v1/inbox/{unlisted.pk}/refuse", {}),
    ):
        r = _post(client, url, body)
        assert r.status_code == 401, (url, r.content)
        assert r.json()["detail"] == "未登录或令牌无效。"
    assert _task(unlisted).state == "sent" and Dispatch.objects.count() == 1 and not Case.objects.exists()


def test_a_signed_in_browser_without_its_csrf_token_is_refused_in_chinese(world, unlisted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.community_worker)
    r = _post(client, f"/api/v1/inbox/{unlisted.pk}/refuse")
    assert r.status_code == 403 and "CSRF" in r.json()["detail"] and "请刷新页面" in r.json()["detail"]
    assert _task(unlisted).state == "sent" and not Case.objects.exists()
    sender = Client(enforce_csrf_checks=True)
    sender.force_login(world.dept_officer)
    r = _post(sender, "/api/v1/gate/check", {"title": "体检", "target_org": "610921100001"})
    assert r.status_code == 403 and "请刷新页面" in r.json()["detail"]
    # Reads need no CSRF token.
    assert client.get("/api/v1/inbox").status_code == 200
