"""The township's annual schedule, caps per level, breaches, the calendar and reminders; numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.formsreg import actions, numbers
from jianfu.formsreg.models import Demand
from jianfu.notify.models import Notification
from jianfu.supervision.models import Case

from .conftest import YEAR, form_data
from .helpers import schedule

pytestmark = pytest.mark.django_db


def test_a_township_publishes_one_schedule_and_its_communities_see_their_calendar(
    world, lists, client_for, django_capture_on_commit_callbacks
):
    form = actions.do_register_form(actor=world.dept_officer, data=form_data())
    with django_capture_on_commit_callbacks(execute=True):
        plan = schedule(world, form)
    assert plan.state == "published"
    page = client_for("community_worker").get("/forms/calendar/").content.decode()
    assert page.count("社区人口基本情况统计表") == 4  # one row per due date
    assert Notification.objects.filter(user=world.community_worker, title__contains="年度报表计划").exists()
    # 涧池镇's villages see nothing of 城关镇's schedule.
    assert "社区人口基本情况统计表" not in client_for("village_worker").get("/forms/calendar/").content.decode()
    with pytest.raises(ActionError, match="已发布"):
        actions.do_schedule_form(world.chengguan, form, actor=world.township_officer, year=YEAR)
    with pytest.raises(NotAllowed):
        actions.do_schedule_form(world.chengguan, form, actor=world.township2_officer, year=YEAR)


def test_due_dates_beyond_the_registered_frequency_are_refused(world, lists):
    form = actions.do_register_form(actor=world.dept_officer, data=form_data(frequency_unit="year", due_dates=[]))
    with pytest.raises(ActionError, match="超过该表的报备频次"):
        actions.do_schedule_form(world.chengguan, form, actor=world.township_officer, year=YEAR,
                                 due_dates=f"{YEAR}-03-01,{YEAR}-09-01")  # fmt: skip
    with pytest.raises(ActionError, match=f"不在 {YEAR} 年内"):
        actions.do_schedule_form(world.chengguan, form, actor=world.township_officer, year=YEAR,
                                 due_dates=f"{YEAR + 1}-03-01")  # fmt: skip


def test_a_schedule_over_the_cap_for_forms_of_the_levels_own_decision_cannot_be_published(world, lists):
    forms = [
        actions.do_register_form(actor=world.dept_officer, data=form_data(title=f"县定表{i}", basis_level="county"))
        for i in range(4)
    ]
    actions.do_set_cap(world.county, actor=world.county_mzj, level="county", limit=3)
    plan = schedule(world, *forms, publish=False)
    with pytest.raises(ActionError, match="县（区）级自定表格 4 张，超过限额 3 张"):
        actions.do_publish_schedule(plan, actor=world.township_officer)
    with pytest.raises(ActionError, match="0 至 20"):
        actions.do_set_cap(world.county, actor=world.county_mzj, level="county", limit="三")
    with pytest.raises(NotAllowed):
        actions.do_set_cap(world.county, actor=world.dept_officer, level="county", limit=5)
    actions.do_set_cap(world.county, actor=world.county_mzj, level="county", limit=4)
    assert actions.do_publish_schedule(plan, actor=world.township_officer).state == "published"


def test_a_demand_outside_the_schedule_or_over_the_frequency_is_a_breach_reported_to_supervision(world, lists):
    today = dt.date.today()
    form = actions.do_register_form(
        actor=world.dept_officer, data=form_data(frequency_unit="year", due_dates=[f"{YEAR}-12-31"])
    )
    outside = actions.do_demand_form(form, actor=world.dept_officer, township=world.jianchi, due_date=f"{YEAR}-12-31")
    assert outside.breach == "outside" and Case.objects.get(pk=outside.case_id).department == world.wjj
    schedule(world, form)
    scheduled = actions.do_demand_form(
        form, actor=world.dept_officer, township=world.chengguan, due_date=f"{YEAR}-12-31"
    )
    assert scheduled.breach == "" and scheduled.case_id is None
    again = actions.do_demand_form(form, actor=world.dept_officer, township=world.chengguan, due_date=f"{YEAR}-12-31")
    assert again.breach in ("outside", "frequency") and Case.objects.filter(source="breach").count() == 2
    with pytest.raises(ActionError, match="不能早于今天"):
        actions.do_demand_form(form, actor=world.dept_officer, township=world.chengguan,
                               due_date=(today - dt.timedelta(days=1)).isoformat())  # fmt: skip
    with pytest.raises(NotAllowed):
        actions.do_demand_form(form, actor=world.dept_officer2, township=world.chengguan, due_date=f"{YEAR}-12-31")
    assert Demand.objects.count() == 3


def test_reminders_go_to_communities_with_a_form_due_soon_once(world, lists, django_capture_on_commit_callbacks):
    today = dt.date(YEAR, 3, 25)
    form = actions.do_register_form(actor=world.dept_officer, data=form_data())
    schedule(world, form)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.do_send_reminders(today=today) >= 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_send_reminders(today=today)
    told = Notification.objects.filter(user=world.community_worker, title__contains="前报送")
    assert told.count() == 1 and f"{YEAR}-03-31" in told.get().title


def test_the_numbers_show_forms_and_indicators_before_and_after_a_merge(world, lists, client_for):
    keep = actions.do_register_form(actor=world.dept_officer, data=form_data())
    drop = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="老年人基本情况表", fields=[{"name": "总户数", "unit": "户"},
                                                        {"name": "老年协会会员数", "unit": "人"}]),
    )  # fmt: skip
    actions.do_merge_forms(keep, drop, actor=world.county_mzj)
    n = numbers.numbers("610921", YEAR)
    assert (n.total.forms_before, n.total.forms_after) == (2, 1)
    assert (n.total.fields_before, n.total.fields_after) == (6, 5)
    page = client_for("county_mzj").get("/forms/numbers/").content.decode()
    assert "2 → 1" in page and "6 → 5" in page
