"""The case workflow, move by move: who may, who may not, and the other county."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.supervision import actions
from jianfu.supervision.choices import CaseState, RecheckOutcome, ReplyDecision

from .conftest import issue, substantiate


def test_the_office_verifies_and_substantiates_with_reasons(world, case):
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    with pytest.raises(ActionError) as exc:
        actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason=" ")
    assert exc.value.field == "reason"
    actions.do_move_case(case, "substantiate", actor=world.county_zzb, reason="属实")
    case.refresh_from_db()
    assert case.state == CaseState.SUBSTANTIATED and case.finding == "属实" and case.substantiated_at
    assert AuditEntry.objects.filter(event_type="supervision.case.substantiate", object_id=str(case.pk)).exists()


def test_a_dismissal_needs_reasons_and_ends_the_case(world, case):
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    actions.do_move_case(case, "dismiss", actor=world.county_mzj, reason="该事项在协助清单内，属正常工作。")
    case.refresh_from_db()
    assert case.state == CaseState.UNSUBSTANTIATED and "协助清单" in case.finding
    with pytest.raises(Conflict):
        actions.do_move_case(case, "verify", actor=world.county_mzj)


@pytest.mark.parametrize(
    "persona",
    ["dept_officer", "community_worker", "township_officer", "leading_group", "sysadmin", "other_county_officer"],
)
def test_only_the_county_office_moves_a_case(world, case, persona):
    with pytest.raises(NotAllowed):
        actions.do_move_case(case, "verify", actor=world.users[persona])
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


def test_a_case_without_a_department_cannot_be_substantiated(world, case):
    actions.do_set_case_facts(case, actor=world.county_mzj, department=None, rule_ref="")
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    with pytest.raises(ActionError, match="责任单位"):
        actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason="属实")


def test_a_department_of_another_county_cannot_be_made_responsible(world, case):
    with pytest.raises(ActionError, match="不在本县"):
        actions.do_set_case_facts(case, actor=world.county_mzj, department=world.other_dept, rule_ref="")
    case.refresh_from_db()
    assert case.department == world.wjj


def test_an_order_is_issued_only_by_the_office_and_only_when_substantiated(world, case):
    with pytest.raises(NotAllowed):
        actions.do_issue_order(case, actor=world.dept_officer, facts="x", rule="y", rectification="z", deadline=None)
    with pytest.raises(ActionError):
        actions.do_issue_order(case, actor=world.county_mzj, facts="x", rule="y", rectification="z", deadline=None)
    order = issue(case, world)
    case.refresh_from_db()
    assert case.state == CaseState.ORDERED and order.department == world.wjj and order.number == 1


def test_an_order_with_a_past_deadline_is_refused(world, case):
    import datetime as dt

    substantiate(case, world)
    with pytest.raises(ActionError, match="整改期限"):
        actions.do_issue_order(
            case, actor=world.county_mzj, facts="x", rule="y", rectification="z", deadline=dt.date(2020, 1, 1)
        )
    case.refresh_from_db()
    assert case.state == CaseState.SUBSTANTIATED and not case.orders.exists()


def test_only_the_addressed_department_replies(world, ordered):
    for persona in ("dept_officer2", "county_mzj", "community_worker", "other_dept_officer"):
        with pytest.raises(NotAllowed):
            actions.do_reply(ordered, actor=world.users[persona], text="已整改")
    with pytest.raises(ActionError, match="整改情况"):
        actions.do_reply(ordered, actor=world.dept_officer, text="   ")
    actions.do_reply(ordered, actor=world.dept_officer, text="已撤回通知。")
    ordered.case.refresh_from_db()
    assert ordered.case.state == CaseState.REPLIED


def test_the_office_sends_back_then_accepts(world, ordered):
    actions.do_reply(ordered, actor=world.dept_officer, text="已口头通知。")
    with pytest.raises(NotAllowed):
        actions.do_decide_reply(ordered.case, actor=world.dept_officer, accept=True)
    with pytest.raises(ActionError):
        actions.do_decide_reply(ordered.case, actor=world.county_mzj, accept=False, reason="")
    actions.do_decide_reply(ordered.case, actor=world.county_mzj, accept=False, reason="请提供撤回文件。")
    ordered.case.refresh_from_db()
    assert ordered.case.state == CaseState.ORDERED
    assert ordered.replies.get().decision == ReplyDecision.SENT_BACK
    actions.do_reply(ordered, actor=world.dept_officer, text="已发文撤回，附文件。")
    actions.do_decide_reply(ordered.case, actor=world.county_mzj, accept=True)
    ordered.case.refresh_from_db()
    ordered.refresh_from_db()
    assert ordered.case.state == CaseState.CLOSED and ordered.case.closed_at and ordered.accepted_at


def test_a_failed_recheck_reopens_a_closed_case_for_a_new_order(world, ordered):
    import datetime as dt

    case = ordered.case
    with pytest.raises(ActionError, match="已办结"):
        actions.do_schedule_recheck(case, actor=world.county_mzj, due_date=dt.date(2026, 6, 1))
    actions.do_reply(ordered, actor=world.dept_officer, text="已撤回。")
    actions.do_decide_reply(case, actor=world.county_mzj, accept=True)
    case.refresh_from_db()
    with pytest.raises(NotAllowed):
        actions.do_schedule_recheck(case, actor=world.other_county_officer, due_date=dt.date(2026, 6, 1))
    recheck = actions.do_schedule_recheck(case, actor=world.county_mzj, due_date=dt.date(2026, 6, 1), note="看台账")
    passed = actions.do_schedule_recheck(case, actor=world.county_mzj, due_date=dt.date(2026, 9, 1))
    actions.do_record_recheck(passed, actor=world.county_mzj, passed=True, note="未反弹")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    actions.do_record_recheck(recheck, actor=world.county_mzj, passed=False, note="又要求社区检查餐馆")
    case.refresh_from_db()
    assert case.state == CaseState.SUBSTANTIATED and case.reopen_count == 1
    recheck.refresh_from_db()
    assert recheck.outcome == RecheckOutcome.FAILED
    second = actions.do_issue_order(
        case, actor=world.county_mzj, facts="反弹", rule="N-05", rectification="彻底整改", deadline=dt.date(2099, 1, 1)
    )
    assert second.number == ordered.number + 1
    # The old order can no longer be answered.
    with pytest.raises(ActionError, match="取代"):
        actions.do_reply(ordered, actor=world.dept_officer, text="旧单回复")
