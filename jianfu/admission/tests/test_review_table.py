"""Every edge of the review workflow, as a table: the one allowed role moves the application,
every other role (and both counties' officers) is refused and the application stays as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jianfu.admission import actions
from jianfu.admission.models import Application
from jianfu.admission.transitions import APPLICATION
from jianfu.catalog.models import ListItem
from jianfu.core.errors import Conflict, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.orgs.actions import do_create_org, do_create_user
from jianfu.orgs.choices import DeptKind, OrgKind, Role
from jianfu.testing import PASSWORD
from jianfu.testing_workflows import Step, WorkflowWalk

from .lists import publish_lists

pytestmark = pytest.mark.django_db

EVERYONE = (
    "county_mzj",
    "county_zzb",
    "leading_group",
    "dept_officer",
    "dept_officer2",
    "township_officer",
    "township2_officer",
    "community_worker",
    "village_worker",
    "sysadmin",
    "other_county_officer",
    "other_sysadmin",
    "other_dept_officer",
    "other_leading_group",  # added below: the 领导小组 of 石泉县
)


@pytest.fixture
def people(world: Any) -> dict[str, Any]:
    """Every persona of the world plus the other county's 领导小组 (an approver elsewhere)."""
    org = do_create_org(
        actor=None,
        code="610922D03",
        name="石泉县城乡社区减负工作领导小组",
        kind=OrgKind.DEPARTMENT,
        parent=world.other_county,
        dept_kind=DeptKind.LEADING_GROUP,
    )
    other_lg = do_create_user(
        actor=None,
        username="other_leading_group",
        full_name="石泉审议",
        org=org,
        role=Role.APPROVER,
        password=PASSWORD,
        _skip_password_validation=True,
    )
    return {**world.users, "other_leading_group": other_lg}


def _draft(world: Any, make_app: Callable[..., Application]) -> Application:
    return make_app()


def _submitted(world: Any, make_app: Callable[..., Application]) -> Application:
    return actions.do_submit_application(make_app(), actor=world.dept_officer)


def _first_passed(world: Any, make_app: Callable[..., Application]) -> Application:
    return actions.do_pass_first_review(_submitted(world, make_app), actor=world.county_mzj, reason="依据充分")


def _returned(world: Any, make_app: Callable[..., Application]) -> Application:
    return actions.do_return_application(_submitted(world, make_app), actor=world.county_mzj, reason="请补充经费测算")


STAGES = {"draft": _draft, "submitted": _submitted, "first_passed": _first_passed, "returned": _returned}


def _submit(app: Application, actor: Any, reason: str) -> Application:
    return actions.do_submit_application(app, actor=actor)


def _pass_first(app: Application, actor: Any, reason: str) -> Application:
    return actions.do_pass_first_review(app, actor=actor, reason=reason)


def _return(app: Application, actor: Any, reason: str) -> Application:
    return actions.do_return_application(app, actor=actor, reason=reason)


def _approve(app: Application, actor: Any, reason: str) -> Application:
    return actions.do_approve_application(app, actor=actor, reason=reason)


def _reject(app: Application, actor: Any, reason: str) -> Application:
    return actions.do_reject_application(app, actor=actor, reason=reason)


def _withdraw(app: Application, actor: Any, reason: str) -> Application:
    return actions.do_withdraw_application(app, actor=actor, reason=reason)


# (source state, workflow action, the action function people call, target, the one allowed persona)
TABLE = [
    ("draft", "submit", _submit, "submitted", "dept_officer"),
    ("returned", "submit", _submit, "submitted", "dept_officer"),
    ("submitted", "pass_first", _pass_first, "first_passed", "county_mzj"),
    ("submitted", "return_first", _return, "returned", "county_mzj"),
    ("first_passed", "approve", _approve, "approved", "leading_group"),
    ("first_passed", "reject", _reject, "rejected", "leading_group"),
    ("first_passed", "return", _return, "returned", "leading_group"),
    ("draft", "withdraw", _withdraw, "withdrawn", "dept_officer"),
    ("submitted", "withdraw", _withdraw, "withdrawn", "dept_officer"),
    ("first_passed", "withdraw", _withdraw, "withdrawn", "dept_officer"),
    ("returned", "withdraw", _withdraw, "withdrawn", "dept_officer"),
]
IDS = [f"{source}-{action}" for source, action, *_rest in TABLE]


def _row(app: Application) -> tuple:
    app = Application.objects.get(pk=app.pk)
    fields = ("state", "decision_reason", "decided_at", "submitted_at", "list_item_code", "findings", "checked_at")
    return tuple(getattr(app, f) for f in fields)


def _then(ctx: Any, app: Application, user: Any) -> None:
    """What each decision stamps on the application beside its state."""
    if app.state in ("approved", "rejected", "returned"):
        assert app.decided_at is not None and app.decision_reason == "理由充分"
    if app.state == "submitted":
        assert app.submitted_at is not None and app.due_date is not None and app.decided_at is None
    if app.state == "approved":
        assert ListItem.objects.filter(code=app.list_item_code, source_ref=f"admission:{app.pk}").exists()


def _stage(source: str) -> Callable[[Any], Application]:
    def at(ctx: Any) -> Application:
        world, make_app = ctx
        publish_lists(world)
        return STAGES[source](world, make_app)

    return at


def _step(source: str, action: str, fn: Callable[..., Application], allowed: str) -> Step:
    return Step(source, action, lambda ctx, app, user: fn(app, user, "理由充分"), allowed=(allowed,), then=_then)


WALK = WorkflowWalk(
    APPLICATION,
    at={source: _stage(source) for source in STAGES},
    steps=[_step(source, action, fn, allowed) for source, action, fn, _target, allowed in TABLE],
    personas=EVERYONE,
    footprint=_row,
    state_only_audit=True,
)


def test_the_table_covers_every_edge_of_the_workflow():
    WALK.assert_covers_every_edge()
    for source, action, _fn, target, _who in TABLE:
        assert APPLICATION.edges[(source, action)].target == target


@pytest.mark.parametrize(("edge", "persona"), WALK.cases(), ids=WALK.ids())
def test_each_role_on_each_edge_moves_and_audits_or_is_refused_and_nothing_changes(
    world, people, make_app, edge, persona
):
    WALK.check((world, make_app), edge, persona, people=people)


@pytest.mark.parametrize("affairs, reviewer, wrong", [("party", "county_zzb", "county_mzj")])
def test_party_affairs_return_first_is_for_the_organisation_department(world, make_app, affairs, reviewer, wrong):
    app = actions.do_submit_application(make_app(affairs=affairs), actor=world.dept_officer)
    with pytest.raises(NotAllowed):
        actions.do_return_application(app, actor=world.users[wrong], reason="退回")
    app.refresh_from_db()
    assert app.state == "submitted"
    assert actions.do_return_application(app, actor=world.users[reviewer], reason="退回").state == "returned"


# Moves that no role may make from a state (the edge does not exist): Conflict, nothing saved.
ILLEGAL = [
    ("draft", _pass_first, "county_mzj"),
    ("draft", _approve, "leading_group"),
    ("submitted", _submit, "dept_officer"),
    ("submitted", _approve, "leading_group"),
    ("submitted", _reject, "leading_group"),
    ("first_passed", _submit, "dept_officer"),
    ("first_passed", _pass_first, "county_mzj"),
    ("returned", _pass_first, "county_mzj"),
    ("returned", _approve, "leading_group"),
    ("returned", _reject, "leading_group"),
]


@pytest.mark.parametrize(("source", "fn", "persona"), ILLEGAL, ids=[f"{s}-{f.__name__}" for s, f, _p in ILLEGAL])
def test_a_move_without_an_edge_is_a_conflict(world, make_app, source, fn, persona):
    publish_lists(world)
    app = STAGES[source](world, make_app)
    before, audits = _row(app), AuditEntry.objects.count()
    with pytest.raises(Conflict):
        fn(Application.objects.get(pk=app.pk), world.users[persona], "理由")
    assert _row(app) == before
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize("final", ["approved", "rejected", "withdrawn"])
def test_a_decided_application_accepts_no_further_move(world, make_app, final):
    publish_lists(world)
    app = _first_passed(world, make_app)
    if final == "approved":
        app = actions.do_approve_application(app, actor=world.leading_group, reason="同意")
    elif final == "rejected":
        app = actions.do_reject_application(app, actor=world.leading_group, reason="不同意")
    else:
        app = actions.do_withdraw_application(app, actor=world.dept_officer, reason="不再需要")
    before, audits = _row(app), AuditEntry.objects.count()
    for fn, persona in (
        (_submit, "dept_officer"),
        (_withdraw, "dept_officer"),
        (_pass_first, "county_mzj"),
        (_return, "leading_group"),
        (_approve, "leading_group"),
        (_reject, "leading_group"),
    ):
        with pytest.raises(Conflict):
            fn(Application.objects.get(pk=app.pk), world.users[persona], "理由")
        assert _row(app) == before, fn.__name__
    assert AuditEntry.objects.count() == audits


def test_resubmitting_a_returned_application_clears_the_old_decision_and_sets_a_new_deadline(world, make_app):
    app = _returned(world, make_app)
    assert app.decided_at is not None and app.decision_reason == "请补充经费测算"
    for persona in ("dept_officer2", "county_mzj", "leading_group", "other_dept_officer", "other_county_officer"):
        with pytest.raises(NotAllowed):
            actions.do_submit_application(app, actor=world.users[persona])
    again = actions.do_submit_application(app, actor=world.dept_officer)
    assert again.state == "submitted" and again.decided_at is None and again.due_date is not None
    assert AuditEntry.objects.filter(event_type="admission.application.submit", object_id=str(app.pk)).count() == 2
