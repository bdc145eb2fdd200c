"""The review workflow: every transition allowed and refused by role, deadlines, concurrency."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from jianfu.admission import actions
from jianfu.admission.models import Application
from jianfu.admission.transitions import APPLICATION
from jianfu.admission.workdays import add_working_days, working_days_between
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import draft_version
from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.notify.models import Notification

from .conftest import app_data
from .lists import publish_lists

pytestmark = pytest.mark.django_db

OUTSIDERS = ("community_worker", "township2_officer", "sysadmin", "other_county_officer", "other_dept_officer")


def _submitted(world, make_app, **over):
    app = make_app(**over)
    return actions.do_submit_application(app, actor=world.dept_officer)


def _first_passed(world, make_app, **over):
    app = _submitted(world, make_app, **over)
    return actions.do_pass_first_review(app, actor=world.county_mzj, reason="依据充分")


def test_submit_is_for_the_applicant_only(world, make_app):
    app = make_app()
    for persona in ("dept_officer2", "county_mzj", "leading_group", *OUTSIDERS):
        with pytest.raises(NotAllowed):
            actions.do_submit_application(app, actor=world.users[persona])
    moved = actions.do_submit_application(app, actor=world.dept_officer)
    assert moved.state == "submitted" and moved.submitted_at is not None
    # The review clock counts from the local (Asia/Shanghai) day of submission, not the UTC one.
    assert moved.due_date == add_working_days(timezone.localdate(moved.submitted_at), 15)


def test_government_affairs_get_their_first_review_from_civil_affairs(world, make_app):
    app = _submitted(world, make_app)
    for persona in ("county_zzb", "leading_group", "dept_officer", "other_county_officer", "community_worker"):
        with pytest.raises(NotAllowed):
            actions.do_pass_first_review(app, actor=world.users[persona])
    assert actions.do_pass_first_review(app, actor=world.county_mzj).state == "first_passed"


def test_party_affairs_get_their_first_review_from_the_organisation_department(world, make_app):
    app = _submitted(world, make_app, affairs="party")
    with pytest.raises(NotAllowed):
        actions.do_pass_first_review(app, actor=world.county_mzj)
    assert actions.do_pass_first_review(app, actor=world.county_zzb).state == "first_passed"


def test_the_leading_group_approves_and_the_item_enters_the_next_draft(world, make_app):
    publish_lists(world)
    app = _first_passed(world, make_app)
    for persona in ("county_mzj", "county_zzb", "dept_officer", *OUTSIDERS):
        with pytest.raises(NotAllowed):
            actions.do_approve_application(app, actor=world.users[persona])
    approved = actions.do_approve_application(app, actor=world.leading_group, reason="同意准入")
    assert approved.state == "approved" and approved.list_item_code == f"ZR-{app.start_date.year}-{app.pk}"
    draft = draft_version(world.county)
    item = ListItem.objects.get(version=draft, code=approved.list_item_code)
    assert item.title == app.title and item.source_ref == f"admission:{app.pk}"
    assert item.funding_amount == app.funding_amount and item.funding_source == app.funding_source
    assert item.minutes_per_occurrence == 240 and item.department == world.wjj
    assert draft.items.filter(code="A-01").exists()  # the draft copies the published version
    entry = AuditEntry.objects.get(event_type="admission.application.approve")
    assert entry.actor == world.leading_group and entry.reason == "同意准入"


def test_reject_and_return_need_reasons(world, make_app):
    app = _first_passed(world, make_app)
    with pytest.raises(ActionError) as exc:
        actions.do_reject_application(app, actor=world.leading_group, reason=" ")
    assert exc.value.field == "reason"
    rejected = actions.do_reject_application(app, actor=world.leading_group, reason="应由部门自行承担")
    assert rejected.state == "rejected" and rejected.decision_reason == "应由部门自行承担"
    with pytest.raises(Conflict):
        actions.do_withdraw_application(rejected, actor=world.dept_officer)


def test_a_returned_application_is_revised_and_resubmitted(world, make_app):
    app = _submitted(world, make_app)
    with pytest.raises(ActionError):
        actions.do_return_application(app, actor=world.county_mzj, reason="")
    returned = actions.do_return_application(app, actor=world.county_mzj, reason="请补充经费测算")
    assert returned.state == "returned"
    revised = actions.do_update_application(returned, actor=world.dept_officer, data=app_data(funding_amount="5000"))
    assert revised.findings == []
    again = actions.do_submit_application(revised, actor=world.dept_officer)
    assert again.state == "submitted"


def test_the_leading_group_may_return_for_revision(world, make_app):
    app = _first_passed(world, make_app)
    with pytest.raises(NotAllowed):
        actions.do_return_application(app, actor=world.county_mzj, reason="x")
    assert actions.do_return_application(app, actor=world.leading_group, reason="补充依据").state == "returned"


def test_the_applicant_withdraws_before_the_decision(world, make_app):
    for stage in (make_app, lambda: _submitted(world, make_app), lambda: _first_passed(world, make_app)):
        app = stage()
        with pytest.raises(NotAllowed):
            actions.do_withdraw_application(app, actor=world.dept_officer2)
        assert actions.do_withdraw_application(app, actor=world.dept_officer).state == "withdrawn"


def test_a_submitted_application_cannot_be_edited(world, make_app):
    app = _submitted(world, make_app)
    with pytest.raises(ActionError, match="只有草稿"):
        actions.do_update_application(app, actor=world.dept_officer, data=app_data(title="改"))


def test_the_table_offers_each_role_only_its_buttons(world, make_app):
    app = _submitted(world, make_app)
    assert {e.action for e in APPLICATION.available(app, world.county_mzj)} == {"pass_first", "return_first"}
    assert {e.action for e in APPLICATION.available(app, world.dept_officer)} == {"withdraw"}
    assert APPLICATION.available(app, world.leading_group) == []


def test_annual_applications_need_an_open_window(world, make_app):
    with pytest.raises(ActionError, match="窗口未开放"):
        make_app(kind="annual")
    window = actions.do_open_plan_window(world.county, actor=world.county_mzj, year=2027)
    app = make_app(kind="annual")
    assert app.plan_window == window
    actions.do_close_plan_window(window, actor=world.county_mzj)
    with pytest.raises(ActionError, match="窗口已关闭"):
        actions.do_submit_application(app, actor=world.dept_officer)


def test_state_changes_notify_the_next_people(world, make_app, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = _submitted(world, make_app)
    assert Notification.objects.filter(user=world.county_mzj, title__contains="待初审").exists()
    assert not Notification.objects.filter(user=world.county_zzb).exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_pass_first_review(app, actor=world.county_mzj)
    assert Notification.objects.filter(user=world.leading_group, title__contains="待审议").exists()
    assert Notification.objects.filter(user=world.dept_officer, title__contains="待审议").exists()


def test_deadline_reminders_reach_reviewers_once_a_day(world, make_app):
    from jianfu.admission.reminders import send_deadline_reminders

    app = _submitted(world, make_app)
    Application.objects.filter(pk=app.pk).update(due_date=dt.date.today() - dt.timedelta(days=7))
    assert send_deadline_reminders() == 1
    assert send_deadline_reminders() == 0
    note = Notification.objects.get(user=world.county_mzj)
    assert "已超期" in note.title


def test_the_deadline_sweep_command_sends_the_review_reminders(world, make_app):
    from io import StringIO

    from django.core.management import call_command

    app = _submitted(world, make_app)
    Application.objects.filter(pk=app.pk).update(due_date=dt.date.today() + dt.timedelta(days=1))
    out = StringIO()
    call_command("sweep_deadlines", stdout=out)
    assert "已发送 1 条期限提醒" in out.getvalue()
    assert "审查期限将至" in Notification.objects.get(user=world.county_mzj).title
    call_command("sweep_deadlines", stdout=out)
    assert Notification.objects.filter(user=world.county_mzj).count() == 1


def test_the_review_period_counts_working_days_by_the_official_calendar(settings):
    # 2026-01-04 is a Sunday worked in exchange for New Year's Day (调休); core/tests/test_calendar.py
    # covers the calendar itself.
    friday = dt.date(2026, 1, 2)
    assert add_working_days(friday, 1) == dt.date(2026, 1, 4)
    assert add_working_days(friday, 15) == dt.date(2026, 1, 22)
    settings.CALENDAR_HOLIDAYS = ["2026-01-05"]
    assert add_working_days(friday, 2) == dt.date(2026, 1, 6)
    assert working_days_between(friday, dt.date(2026, 1, 9)) == 5


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_one_wins(world):
    """Approve and reject at the same moment: exactly one decision is taken."""
    app = actions.do_create_application(actor=world.dept_officer, data=app_data())
    app = actions.do_submit_application(app, actor=world.dept_officer)
    app = actions.do_pass_first_review(app, actor=world.county_mzj)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def decide(fn, reason: str) -> None:
        try:
            barrier.wait()
            for _attempt in range(50):
                try:
                    fn(Application.objects.get(pk=app.pk), actor=world.leading_group, reason=reason)
                except OperationalError:
                    # The in-memory shared-cache SQLite test database reports a held write lock
                    # at once instead of waiting (a file database waits busy_timeout); wait here.
                    time.sleep(0.05)
                    continue
                results.append("ok")
                break
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [
        threading.Thread(target=decide, args=(actions.do_approve_application, "同意")),
        threading.Thread(target=decide, args=(actions.do_reject_application, "不同意")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "ok"]
    app.refresh_from_db()
    assert app.state in ("approved", "rejected")
    decisions = AuditEntry.objects.filter(
        event_type__in=["admission.application.approve", "admission.application.reject"], object_id=str(app.pk)
    )
    assert decisions.count() == 1
