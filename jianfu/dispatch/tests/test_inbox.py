"""The community inbox: accept, refuse (one click for unlisted work), complete with minutes."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ActionError, Conflict, NotAllowed, NotFound
from jianfu.dispatch import actions, selectors
from jianfu.notify.models import Notification
from jianfu.supervision.models import Case

from .conftest import task_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(world, lists):
    d = actions.do_send_task(actor=world.dept_officer, data=task_data(targets=["610921100"], list_item_code="A-01"))
    return d.tasks.get(community=world.dongguan)


@pytest.fixture
def unlisted(world, lists):
    d = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="上报辖区奶茶店数量", description="统计奶茶店名单"),
        confirm_unlisted=True,
    )
    return d.tasks.get()


def test_a_community_sees_only_its_own_tasks(world, listed):
    assert list(selectors.inbox_for(world.community_worker)) == [listed]
    for persona in ("village_worker", "other_county_officer", "dept_officer", "county_mzj"):
        assert not selectors.inbox_for(world.users[persona]).exists()
    with pytest.raises(NotFound):
        selectors.get_inbox_task(world.village_worker, listed.pk)


def test_senders_and_reviewers_see_tasks_but_another_county_does_not(world, listed):
    assert selectors.tasks_for(world.dept_officer).count() == 3
    assert selectors.tasks_for(world.county_mzj).count() == 3
    assert selectors.tasks_for(world.township_officer).count() == 3
    assert not selectors.tasks_for(world.dept_officer2).exists()
    assert not selectors.tasks_for(world.other_county_officer).exists()
    assert not selectors.dispatches_for(world.township2_officer).exists()


def test_the_community_accepts_and_completes_with_minutes(world, listed):
    for persona in ("village_worker", "dept_officer", "township_officer", "other_county_officer"):
        with pytest.raises(NotAllowed):
            actions.do_accept_task(listed, actor=world.users[persona])
    assert actions.do_accept_task(listed, actor=world.community_worker).state == "accepted"
    with pytest.raises(ActionError, match="实际用时"):
        actions.do_complete_task(listed, actor=world.community_worker, minutes="很多")
    done = actions.do_complete_task(listed, actor=world.community_worker, minutes="75")
    done.refresh_from_db()
    assert done.state == "completed" and done.minutes_spent == 75 and done.acted_by == world.community_worker


def test_completion_goes_to_the_burden_ledger(world, listed):
    pytest.importorskip("jianfu.burden.actions")
    from jianfu.burden.models import LedgerEntry

    actions.do_complete_task(listed, actor=world.community_worker, minutes=80)
    entry = LedgerEntry.objects.get()
    assert entry.minutes == 80 and entry.community == world.dongguan and entry.listed is True


def test_an_unlisted_task_is_refused_in_one_click_citing_the_rule(world, unlisted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refused = actions.do_refuse_task(unlisted, actor=world.community_worker)
    assert refused.state == "refused" and "一律不接" in refused.reason
    case = Case.objects.get()
    assert case.source == "refusal" and case.community == world.dongguan and case.department == world.wjj
    assert case.source_type == "dispatch.task" and case.source_id == str(refused.pk)
    assert case.region_code == "610921100001" and "一律不接" in case.rule_ref
    refused.refresh_from_db()
    assert refused.case_id == case.pk
    assert Notification.objects.filter(user=world.dept_officer, title__contains="拒收").exists()


def test_a_negative_list_task_is_refused_in_one_click_citing_the_item(world, lists):
    d = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="开展辖区企业安全生产检查", description="对辖区企业开展安全生产隐患排查"),
        confirm_unlisted=True,
    )
    refused = actions.do_refuse_task(d.tasks.get(), actor=world.community_worker)
    assert "N-04" in refused.reason and "负面清单" in Case.objects.get().rule_ref


def test_refusing_a_listed_task_needs_a_reason(world, listed):
    with pytest.raises(ActionError, match="写明理由"):
        actions.do_refuse_task(listed, actor=world.community_worker)
    assert not Case.objects.exists()
    refused = actions.do_refuse_task(listed, actor=world.community_worker, reason="本月已完成同类体检组织")
    assert refused.state == "refused" and Case.objects.count() == 1


def test_a_finished_task_cannot_be_refused(world, listed):
    actions.do_complete_task(listed, actor=world.community_worker, minutes=30)
    with pytest.raises(Conflict):
        actions.do_refuse_task(listed, actor=world.community_worker, reason="晚了")
