"""An event's route: report, whistle, answer, verify; and what goes wrong on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.events import actions
from jianfu.events.choices import State
from jianfu.events.models import Event, Photo
from jianfu.supervision.models import Case

from .helpers import photo, report, setup


@pytest.fixture
def grid(world):
    return setup(world)


def test_a_grid_worker_reports_an_event_with_photo_grid_and_deadline_by_urgency(world, grid):
    event = report(world, grid)
    assert event.state == State.REPORTED and event.holder == world.dongguan and event.township == world.chengguan
    assert event.grid == grid and event.region_code == world.dongguan.region_code
    assert event.category.name == "占道经营" and event.photos.count() == 1
    assert event.deadline > event.received_at + dt.timedelta(days=6)


def test_an_emergency_is_due_in_two_hours(world, grid):
    event = report(world, grid, data={"urgency": "emergency"})
    assert event.deadline - event.received_at == dt.timedelta(hours=2)


def test_a_micro_event_is_closed_on_the_spot_with_note_and_photo(world, grid):
    event = report(world, grid, micro=True, note="已劝离摊贩，恢复通行。")
    assert event.state == State.CLOSED and event.micro and event.on_time and event.handler == world.dongguan
    with pytest.raises(ActionError, match="照片"):
        report(world, grid, text="另一处占道", micro=True, note="已处理", files=[])


def test_a_report_outside_the_workers_grids_or_with_a_bad_photo_saves_nothing(world, grid):
    from jianfu.orgs.actions import do_create_grid

    other_grid = do_create_grid(world.heqiao, actor=world.village_worker, name="河桥一组")
    with pytest.raises(ActionError, match="网格"):
        report(world, other_grid)
    with pytest.raises(ActionError, match="不是允许的类型"):
        report(world, grid, files=[photo("报告.png").__class__("报告.png", b"%PDF-1.4 x", content_type="image/png")])
    with pytest.raises(ActionError, match="过大"):
        report(world, grid, files=[photo().__class__("大.png", b"\x89PNG\r\n\x1a\n" + b"0" * (9 * 1024 * 1024))])
    with pytest.raises(NotAllowed):
        report(world, grid, actor=world.dept_officer)
    assert Event.objects.count() == 0 and Photo.objects.count() == 0


def test_a_similar_open_event_is_offered_to_join_instead_of_a_new_one(world, grid):
    first = report(world, grid)
    with pytest.raises(ActionError) as raised:
        report(world, grid, text="东关街菜市场门口又有流动摊贩占道经营")
    assert raised.value.field == "duplicates"
    joined = actions.do_join_event(first, actor=world.community_worker, note="早上又来了", files=[photo()])
    assert joined.supporters == 1 and Event.objects.count() == 1
    again = report(world, grid, text="东关街菜市场门口又有流动摊贩占道经营", confirm_new=True)
    assert again.pk != first.pk
    # Different text or category is not a duplicate.
    assert report(world, grid, text="西街路灯不亮", data={"category": "0202"}).pk


def walk_to_department(world, grid):
    event = report(world, grid)
    event = actions.do_escalate(event, actor=world.community_worker, reason="涉及执法，社区无权处置")
    assert event.state == State.TOWNSHIP and event.holder == world.chengguan
    event = actions.do_whistle(event, actor=world.township_officer, department=world.wjj.code, reason="请卫健局报到")
    assert event.state == State.DISPATCHED and event.holder == world.wjj
    return event


def test_the_full_loop_community_township_department_verifier(world, grid):
    event = walk_to_department(world, grid)
    event = actions.do_accept(event, actor=world.dept_officer)
    event = actions.do_handle(event, actor=world.dept_officer, reply="已联合城管清理摊位", files=[photo("整改.png")])
    assert event.state == State.HANDLED and event.handler == world.wjj and event.on_time
    event = actions.do_verify(event, actor=world.community_worker, confirm=True, satisfaction="satisfied")
    assert event.state == State.CLOSED and event.first_pass and event.satisfaction == "satisfied"
    labels = [s.label for s in event.steps.all()]
    assert labels == ["网格员上报", "上报乡镇", "吹哨派单", "部门签收", "办理答复", "核查通过"]


def test_a_department_returns_an_event_that_is_not_its_duty_and_the_township_decides(world, grid):
    event = walk_to_department(world, grid)
    with pytest.raises(ActionError, match="理由"):
        actions.do_return(event, actor=world.dept_officer, reason="")
    event = actions.do_return(event, actor=world.dept_officer, reason="属市场监管职责")
    assert event.state == State.TOWNSHIP and event.holder == world.chengguan
    event = actions.do_whistle(event, actor=world.township_officer, department=world.rsj.code, reason="改派")
    assert event.holder == world.rsj


def test_whistling_needs_a_county_department_and_a_future_deadline(world, grid):
    event = actions.do_escalate(report(world, grid), actor=world.community_worker, reason="需部门处置")
    with pytest.raises(ActionError, match="职能部门"):
        actions.do_whistle(event, actor=world.township_officer, department=world.other_dept.code, reason="x")
    with pytest.raises(ActionError, match="早于现在"):
        actions.do_whistle(
            event, actor=world.township_officer, department=world.wjj.code, reason="x", deadline="2020-01-01"
        )
    with pytest.raises(NotAllowed):
        actions.do_whistle(event, actor=world.township2_officer, department=world.wjj.code, reason="x")
    event.refresh_from_db()
    assert event.state == State.TOWNSHIP and event.steps.count() == 2
    day = timezone.localdate() + dt.timedelta(days=3)
    event = actions.do_whistle(
        event, actor=world.township_officer, department=world.wjj.code, reason="x", deadline=day.isoformat()
    )
    assert timezone.localtime(Event.objects.get(pk=event.pk).deadline).date() == day


def test_only_the_reporter_verifies_and_three_rejections_open_a_supervision_case(world, grid):
    event = actions.do_accept(walk_to_department(world, grid), actor=world.dept_officer)
    for n in range(1, 4):
        event = actions.do_handle(event, actor=world.dept_officer, reply=f"第{n}次答复")
        with pytest.raises(NotAllowed):
            actions.do_verify(event, actor=world.village_worker, confirm=False, reason="不是我报的")
        with pytest.raises(NotAllowed):
            actions.do_verify(event, actor=world.dept_officer, confirm=True, satisfaction="satisfied")
        event = actions.do_verify(event, actor=world.community_worker, confirm=False, reason="摊贩仍在")
        assert event.state == State.REWORK and event.rejections == n
    case = Case.objects.get(pk=event.case_id)
    assert case.department == world.wjj and "3次核查未通过" in case.title
    event = actions.do_handle(event, actor=world.dept_officer, reply="第4次答复")
    event = actions.do_verify(event, actor=world.community_worker, confirm=True, satisfaction="basic")
    assert event.state == State.CLOSED and event.first_pass is False
    assert Case.objects.filter(source_id=str(event.pk)).count() == 1


def test_a_stale_move_is_a_conflict_not_a_second_step(world, grid):
    event = walk_to_department(world, grid)
    stale = Event.objects.get(pk=event.pk)
    actions.do_accept(event, actor=world.dept_officer)
    with pytest.raises(Conflict):
        actions.do_accept(stale, actor=world.dept_officer)
    assert event.steps.filter(action="accept").count() == 1


def test_a_resident_report_is_verified_by_the_community(world, grid):
    event = actions.do_submit_resident_report(
        county=world.county,
        community=world.dongguan,
        data={"description": "小区楼道堆满杂物，堵塞消防通道", "category": "0301", "place": "东关小区3栋"},
        contact_name="王阿姨",
        contact_phone="13900001111",
    )
    assert event.state == State.REPORTED and event.reporter is None and event.urgency == "emergency"
    event = actions.do_handle(event, actor=world.community_worker, reply="已清理")
    with pytest.raises(NotAllowed):
        actions.do_verify(event, actor=world.village_worker, confirm=True, satisfaction="satisfied")
    event = actions.do_verify(event, actor=world.community_worker, confirm=True, satisfaction="satisfied")
    assert event.state == State.CLOSED
    with pytest.raises(ActionError, match="社区"):
        actions.do_submit_resident_report(
            county=world.county,
            community=world.other_community,
            data={"description": "x", "category": "0101", "place": "y"},
        )
