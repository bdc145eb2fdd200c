"""A community may withdraw its refusal of a task within the undo window, and only then."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.audit import AuditEntry
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.dispatch import actions
from jianfu.dispatch.models import Task

from .conftest import task_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(world, lists):
    d = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="上报辖区奶茶店数量", description="统计奶茶店名单"),
        confirm_unlisted=True,
    )
    task = d.tasks.get(community=world.dongguan)
    return actions.do_refuse_task(task, actor=world.community_worker)


def _age(task, minutes):
    Task.objects.filter(pk=task.pk).update(acted_at=task.acted_at - dt.timedelta(minutes=minutes))
    task.refresh_from_db()


def test_the_community_withdraws_its_refusal_within_the_window_and_it_is_audited(world, refused):
    reason, case_id = refused.reason, refused.case_id
    back = actions.do_withdraw_refusal(refused, actor=world.community_worker)
    assert back.state == "sent" and back.reason == ""
    entry = AuditEntry.objects.filter(event_type="dispatch.task.withdraw_refusal").get()
    assert entry.before == {"state": "refused"} and entry.after["state"] == "sent"
    assert entry.after["withdrawn_reason"] == reason and entry.actor == world.community_worker
    # It can be refused again, and the refusal's supervision case is the same one.
    again = actions.do_refuse_task(back, actor=world.community_worker)
    assert again.state == "refused" and again.case_id == case_id


def test_after_the_window_the_withdrawal_is_refused_in_chinese(world, refused, settings):
    settings.DISPATCH_REFUSAL_UNDO_MINUTES = 10
    _age(refused, 11)
    with pytest.raises(ActionError, match="撤回时限"):
        actions.do_withdraw_refusal(refused, actor=world.community_worker)
    refused.refresh_from_db()
    assert refused.state == "refused"


def test_another_community_or_the_sender_may_not_withdraw_it(world, refused):
    for persona in ("village_worker", "dept_officer", "county_mzj"):
        with pytest.raises(NotAllowed):
            actions.do_withdraw_refusal(refused, actor=world.users[persona])
    assert Task.objects.get(pk=refused.pk).state == "refused"


def test_the_inbox_offers_the_undo_button_only_within_the_window(world, refused, client_for, settings):
    settings.DISPATCH_REFUSAL_UNDO_MINUTES = 10
    client = client_for("community_worker")
    url = f"/inbox/{refused.pk}/withdraw_refusal/"
    page = client.get("/inbox/").content.decode()
    assert "撤回拒收" in page and f'action="{url}"' in page
    _age(refused, 11)
    page = client.get("/inbox/?state=refused").content.decode()
    assert f'action="{url}"' not in page
    response = client.post(url, follow=True)
    assert "撤回时限" in response.content.decode()
    assert Task.objects.get(pk=refused.pk).state == "refused"


def test_the_undo_button_withdraws_the_refusal(world, refused, client_for):
    response = client_for("community_worker").post(f"/inbox/{refused.pk}/withdraw_refusal/", follow=True)
    assert "已撤回拒收" in response.content.decode()
    assert Task.objects.get(pk=refused.pk).state == "sent"


def test_another_community_gets_a_404_for_the_undo(world, refused, client_for):
    response = client_for("village_worker").post(f"/inbox/{refused.pk}/withdraw_refusal/")
    assert response.status_code == 404
    assert Task.objects.get(pk=refused.pk).state == "refused"


def test_the_refuse_buttons_ask_for_confirmation(world, lists, client_for):
    actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="上报辖区奶茶店数量", description="统计奶茶店名单"),
        confirm_unlisted=True,
    )
    actions.do_send_task(actor=world.dept_officer, data=task_data(targets=["610921100"], list_item_code="A-01"))
    page = client_for("community_worker").get("/inbox/").content.decode()
    assert page.count('data-confirm="确定拒收该任务？拒收将转县民政局监督，10 分钟内可撤回。"') == 2
    assert "js/confirm.js" in page
