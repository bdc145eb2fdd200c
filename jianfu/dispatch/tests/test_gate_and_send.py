"""The gate's verdicts and sending tasks through it."""

from __future__ import annotations

import pytest

from jianfu.admission import actions as admission
from jianfu.admission.tests.conftest import app_data
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.dispatch import actions, gate
from jianfu.dispatch.models import Dispatch, Task
from jianfu.notify.models import Notification

from .conftest import task_data

pytestmark = pytest.mark.django_db


def test_a_task_resting_on_a_list_item_is_listed(world, lists):
    result = gate.check(world.dongguan, title="组织老年人参加健康体检", list_item_code="A-01")
    assert result.verdict == "listed" and result.list_item.code == "A-01"
    assert "A-01" in result.basis


def test_a_task_whose_text_is_a_list_item_is_listed_by_matching(world, lists):
    result = gate.check(world.dongguan, title="协助开展老年人健康体检和慢性病随访", description="入户随访高血压患者")
    assert result.verdict == "listed" and result.list_item.code == "A-01"
    assert result.matches[0]["code"] == "A-01" and result.matches[0]["score"] >= 0.55


def test_a_negative_list_task_is_negative_even_with_a_basis_named(world, lists):
    result = gate.check(
        world.dongguan,
        title="开展辖区企业安全生产检查",
        description="对辖区企业开展安全生产隐患排查，每月上报检查台账。",
        list_item_code="D-01",
    )
    assert result.verdict == "negative" and result.list_item.code == "N-04"
    assert any("负面清单" in r["rule"] for r in result.rules)


def test_an_unrelated_task_is_unlisted(world, lists):
    result = gate.check(world.dongguan, title="上报辖区奶茶店数量", description="统计奶茶店名单")
    assert result.verdict == "unlisted" and result.list_item is None
    assert "一律不接" in result.rules[0]["rule"]


def test_a_task_resting_on_an_approved_application_is_admitted(world, lists):
    app = admission.do_create_application(actor=world.dept_officer, data=app_data())
    admission.do_submit_application(app, actor=world.dept_officer)
    admission.do_pass_first_review(app, actor=world.county_mzj)
    admission.do_approve_application(app, actor=world.leading_group)
    dispatch = actions.do_send_task(
        actor=world.dept_officer, data=task_data(title="经济普查入户登记", application_id=app.pk)
    )
    assert dispatch.verdict == "admitted" and dispatch.application == app


def test_sending_to_a_township_fans_out_with_one_audit_entry(world, lists, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = actions.do_send_task(
            actor=world.dept_officer, data=task_data(targets=["610921100"], list_item_code="A-01")
        )
    tasks = Task.objects.filter(dispatch=dispatch)
    assert dispatch.task_count == 3 and tasks.count() == 3
    assert {t.region_code for t in tasks} == {"610921100001", "610921100002", "610921100201"}
    assert all(t.sender_org == world.wjj and t.verdict == "listed" for t in tasks)
    entry = AuditEntry.objects.get(event_type="dispatch.task.send")
    assert entry.after["count"] == 3 and entry.actor == world.dept_officer
    assert Notification.objects.filter(user=world.community_worker, title__contains="新任务").count() == 1


def test_an_unlisted_task_needs_confirmation_then_arrives_marked(world, lists):
    data = task_data(title="上报辖区奶茶店数量", description="统计奶茶店名单")
    with pytest.raises(ActionError) as exc:
        actions.do_send_task(actor=world.dept_officer, data=data)
    assert exc.value.field == "confirm_unlisted" and "未准入" in exc.value.message
    assert not Dispatch.objects.exists()
    dispatch = actions.do_send_task(actor=world.dept_officer, data=data, confirm_unlisted=True)
    assert Task.objects.get(dispatch=dispatch).verdict == "unlisted"


def test_a_task_to_another_county_is_refused_and_nothing_is_saved(world, lists):
    with pytest.raises(ActionError, match="不在您的辖区"):
        actions.do_send_task(actor=world.dept_officer, data=task_data(targets=["610922100001"], list_item_code="A-01"))
    with pytest.raises(ActionError, match="不在您的辖区"):
        actions.do_send_task(actor=world.dept_officer, data=task_data(targets=["999999999999"]))
    assert not Dispatch.objects.exists() and not Task.objects.exists()


def test_a_township_sends_only_into_its_own_township(world, lists):
    with pytest.raises(ActionError, match="不在您的辖区"):
        actions.do_send_task(
            actor=world.township_officer, data=task_data(targets=["610921101001"], list_item_code="A-01")
        )
    dispatch = actions.do_send_task(actor=world.township_officer, data=task_data(list_item_code="A-01"))
    assert dispatch.region_code == "610921100"


def test_only_departments_and_townships_send(world, lists):
    for persona in ("community_worker", "county_mzj", "leading_group", "sysadmin"):
        with pytest.raises(NotAllowed):
            actions.do_send_task(actor=world.users[persona], data=task_data(list_item_code="A-01"))


def test_a_forged_application_id_is_refused(world, lists):
    other = admission.do_create_application(actor=world.dept_officer2, data=app_data())
    with pytest.raises(ActionError, match="未找到该已批准的准入申请"):
        actions.do_send_task(actor=world.dept_officer, data=task_data(application_id=other.pk), confirm_unlisted=True)


@pytest.mark.parametrize(
    ("over", "field"),
    [({"title": ""}, "title"), ({"deadline": "2020-01-01"}, "deadline"), ({"deadline": "明天"}, "deadline"),
     ({"expected_minutes": -5}, "expected_minutes"), ({"targets": []}, "targets")],
)  # fmt: skip
def test_bad_task_input_is_refused(world, lists, over, field):
    with pytest.raises(ActionError) as exc:
        actions.do_send_task(actor=world.dept_officer, data=task_data(list_item_code="A-01", **over))
    assert exc.value.field == field
    assert not Dispatch.objects.exists()
