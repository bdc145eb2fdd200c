"""Every move of the case workflow (transitions.py), as a table: the right role moves the case; every
wrong role is refused (NotAllowed) and a move from the wrong state is a Conflict, the case unchanged.
Then the office's page routes: 403 for other roles, 404 for the other county, success for the office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.core.errors import Conflict
from jianfu.core.models import AuditEntry
from jianfu.supervision import actions
from jianfu.supervision.choices import CaseState as S
from jianfu.supervision.choices import RecheckOutcome
from jianfu.supervision.models import Order, Recheck, Reply
from jianfu.supervision.transitions import CASE
from jianfu.testing_workflows import Step, WorkflowWalk

from .conftest import issue, substantiate

OFFICE = ("county_mzj", "county_zzb")
WRONG = (
    "community_worker",
    "township_officer",
    "dept_officer",
    "dept_officer2",
    "leading_group",
    "sysadmin",
    "other_county_officer",
    "other_dept_officer",
)


# --- bring a case to a state; each returns the object the move is made on ---------------------


def at_received(world, case):
    return case


def at_verifying(world, case):
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    return case


def at_substantiated(world, case):
    substantiate(case, world)
    return case


def at_ordered(world, case):
    return issue(case, world)


def at_replied(world, case):
    order = issue(case, world)
    actions.do_reply(order, actor=world.dept_officer, text="已撤回通知。")
    return case


def at_closed_with_a_recheck(world, case):
    at_replied(world, case)
    actions.do_decide_reply(case, actor=world.county_mzj, accept=True)
    return actions.do_schedule_recheck(case, actor=world.county_mzj, due_date=dt.date(2026, 12, 1), note="看台账")


def at_reopened_with_a_second_recheck(world, case):
    first = at_closed_with_a_recheck(world, case)
    second = actions.do_schedule_recheck(case, actor=world.county_mzj, due_date=dt.date(2027, 1, 1))
    actions.do_record_recheck(first, actor=world.county_mzj, passed=False, note="反弹")
    return second


# --- the moves -----------------------------------------------------------------------------------


def verify(world, case, subject, user):
    actions.do_move_case(subject, "verify", actor=user)


def substantiate_(world, case, subject, user):
    actions.do_move_case(subject, "substantiate", actor=user, reason="经电话核实，情况属实。")


def dismiss(world, case, subject, user):
    actions.do_move_case(subject, "dismiss", actor=user, reason="属协助清单事项。")


def issue_order(world, case, subject, user):
    actions.do_issue_order(
        subject,
        actor=user,
        facts="要求社区检查餐馆。",
        rule="负面清单 N-05",
        rectification="立即撤回。",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )


def reply(world, case, subject, user):
    order = subject if isinstance(subject, Order) else actions.current_order(case)
    actions.do_reply(order, actor=user, text="已整改。")


def accept(world, case, subject, user):
    actions.do_decide_reply(subject, actor=user, accept=True)


def send_back(world, case, subject, user):
    actions.do_decide_reply(subject, actor=user, accept=False, reason="请附撤回文件。")


def recheck(world, case, subject, user):
    actions.do_record_recheck(subject, actor=user, passed=False, note="又要求社区检查餐馆。")


# --- every edge, every role (jianfu.testing_workflows) -----------------------------------------
# The context of a walk is (world, case); the workflow object is always the case.


def _at(setup):
    def at(ctx):
        world, case = ctx
        setup(world, case)
        return case

    return at


def _run(move):
    def run(ctx, case, user):
        world, _case = ctx
        subject = case
        if move is recheck:
            subject = Recheck.objects.get(case=case, outcome="")
        move(world, case, subject, user)

    return run


def _then_recheck_failed(ctx, case, user):
    recheck_row = Recheck.objects.get(case=case, outcome=RecheckOutcome.FAILED)
    assert recheck_row.done_at is not None and case.reopen_count == 1


def _then_order_issued(ctx, case, user):
    assert case.orders.get().issued_by == user


def footprint(case):
    """Everything a refused move must leave alone."""
    case.refresh_from_db()
    return (
        case.state,
        case.finding,
        case.closed_at,
        case.reopen_count,
        AuditEntry.objects.filter(event_type__startswith="supervision.").count(),
        Order.objects.count(),
        Reply.objects.count(),
        sorted(Recheck.objects.values_list("pk", "outcome")),
    )


AT = {
    S.RECEIVED: _at(at_received),
    S.VERIFYING: _at(at_verifying),
    S.SUBSTANTIATED: _at(at_substantiated),
    S.ORDERED: _at(at_ordered),
    S.REPLIED: _at(at_replied),
    S.CLOSED: _at(at_closed_with_a_recheck),
}

WALK = WorkflowWalk(
    CASE,
    at=AT,
    allowed=OFFICE,
    personas=(*OFFICE, "dept_officer", *WRONG),
    steps=[
        Step(S.RECEIVED, "verify", _run(verify)),
        Step(S.VERIFYING, "substantiate", _run(substantiate_)),
        Step(S.VERIFYING, "dismiss", _run(dismiss)),
        Step(S.SUBSTANTIATED, "issue_order", _run(issue_order), then=_then_order_issued),
        Step(S.ORDERED, "reply", _run(reply), allowed=("dept_officer",)),
        Step(S.REPLIED, "accept", _run(accept)),
        Step(S.REPLIED, "send_back", _run(send_back)),
        Step(S.CLOSED, "reopen", _run(recheck), then=_then_recheck_failed),
    ],
    footprint=footprint,
    state_only_audit=True,
)


def test_the_table_covers_every_edge_of_the_workflow():
    WALK.assert_covers_every_edge()


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_every_role_on_every_edge_moves_and_audits_or_is_refused_and_changes_nothing(world, case, edge, persona):
    WALK.check((world, case), edge, persona, people=world.users)


# A move from a state that does not allow it: the office itself gets a Conflict, nothing changes.
CONFLICTS = [
    ("verify", at_verifying, verify),
    ("substantiate", at_received, substantiate_),
    ("dismiss", at_substantiated, dismiss),
    ("issue_order", at_verifying, issue_order),
    ("issue_order", at_ordered, issue_order),
    ("reply", at_replied, reply),
    ("accept", at_ordered, accept),
    ("send_back", at_substantiated, send_back),
    ("recheck", at_reopened_with_a_second_recheck, recheck),
]


@pytest.mark.parametrize(("move", "setup", "run"), CONFLICTS, ids=[f"{c[0]}-from-{c[1].__name__}" for c in CONFLICTS])
def test_a_move_from_the_wrong_state_is_a_conflict(world, case, move, setup, run):
    subject = setup(world, case)
    if isinstance(subject, Order) and move != "reply":
        subject = case  # the office decides on the case, the department replies to the order
    before = footprint(case)
    actor = world.dept_officer if move == "reply" else world.county_mzj
    with pytest.raises(Conflict):
        run(world, case, subject, actor)
    assert footprint(case) == before


# --- the office's page routes --------------------------------------------------------------------

NON_OFFICE = ("community_worker", "township_officer", "dept_officer", "leading_group", "sysadmin")


def post_move(client, case):
    return client.post(f"/supervision/cases/{case.pk}/move/", {"action": "verify"})


def post_facts(client, case):
    return client.post(f"/supervision/cases/{case.pk}/facts/", {"department": case.department_id, "rule_ref": "新"})


def post_recheck(client, case):
    return client.post(f"/supervision/cases/{case.pk}/recheck/", {"due_date": "2026-12-20", "note": "看台账"})


def post_recheck_result(client, case):
    recheck = Recheck.objects.get(case=case, outcome="")
    return client.post(f"/supervision/rechecks/{recheck.pk}/", {"passed": "0", "note": "反弹"})


def at_closed(world, case):
    at_replied(world, case)
    actions.do_decide_reply(case, actor=world.county_mzj, accept=True)
    return case


ROUTES = {
    "move": (at_received, post_move),
    "facts": (at_received, post_facts),
    "recheck": (at_closed, post_recheck),
    "recheck_result": (at_closed_with_a_recheck, post_recheck_result),
}


@pytest.mark.parametrize(("route", "persona"), [(r, p) for r in ROUTES for p in NON_OFFICE])
def test_the_office_routes_are_403_for_other_roles(world, client_for, case, route, persona):
    setup, post = ROUTES[route]
    setup(world, case)
    before = footprint(case)
    rule_ref = case.rule_ref
    assert post(client_for(persona), case).status_code == 403
    assert footprint(case) == before and case.rule_ref == rule_ref


@pytest.mark.parametrize("route", ROUTES)
def test_the_office_routes_are_404_for_the_other_county(world, client_for, case, route):
    setup, post = ROUTES[route]
    setup(world, case)
    before = footprint(case)
    rule_ref = case.rule_ref
    assert post(client_for("other_county_officer"), case).status_code == 404
    assert footprint(case) == before and case.rule_ref == rule_ref


def test_the_office_routes_work_for_the_office(world, client_for, case):
    client = client_for("county_mzj")
    response = post_move(client, case)
    assert response.status_code == 302 and response["Location"] == f"/supervision/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.state == S.VERIFYING
    page = client.get(response["Location"]).content.decode()
    assert "已办理，当前状态：核查中。" in page

    response = client.post(
        f"/supervision/cases/{case.pk}/facts/", {"department": world.rsj.pk, "rule_ref": "负面清单 N-07"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.department == world.rsj and case.rule_ref == "负面清单 N-07"

    actions.do_set_case_facts(case, actor=world.county_mzj, department=world.wjj, rule_ref="N-05")
    at_replied_from_verifying(world, case)
    actions.do_decide_reply(case, actor=world.county_mzj, accept=True)
    response = post_recheck(client, case)
    assert response.status_code == 302
    recheck = Recheck.objects.get(case=case)
    assert recheck.due_date == dt.date(2026, 12, 20) and recheck.note == "看台账" and recheck.outcome == ""

    response = post_recheck_result(client, case)
    assert response.status_code == 302
    recheck.refresh_from_db()
    case.refresh_from_db()
    assert recheck.outcome == RecheckOutcome.FAILED and case.state == S.SUBSTANTIATED and case.reopen_count == 1


def at_replied_from_verifying(world, case):
    actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason="属实")
    order = actions.do_issue_order(
        case,
        actor=world.county_mzj,
        facts="f",
        rule="N-05",
        rectification="撤回",
        deadline=timezone.localdate() + dt.timedelta(days=5),
    )
    actions.do_reply(order, actor=world.dept_officer, text="已撤回。")
