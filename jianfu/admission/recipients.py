"""Who is told what about an application: the notify hooks of the review workflow's edges."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.transitions import Move
from jianfu.core.typing import Actor
from jianfu.notify.actions import notify_on_commit
from jianfu.notify.choices import Kind
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import User

from .choices import AppState
from .models import Application
from .permissions import FIRST_REVIEW_DEPT


def url_of(app: Application) -> str:
    return reverse("admission_detail", args=[app.pk])


def reviewers(app: Application) -> list[User]:
    """初审: the county's list owners of the department that reviews this kind of affairs."""
    dept_kind = FIRST_REVIEW_DEPT.get(app.affairs)
    if dept_kind is None:
        return []
    return list(tree.officers_in(tree.county_code(app.region_code), Role.LIST_OWNER, dept_kind=dept_kind))


def approvers(app: Application) -> list[User]:
    return list(tree.officers_in(tree.county_code(app.region_code), Role.APPROVER))


def applicants(app: Application) -> list[User]:
    users = list(tree.officers(app.applicant_org, [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER]))
    return users or [app.applicant]


def tell_reviewers_submitted(app: Application, actor: Actor, move: Move) -> None:
    notify_on_commit(
        reviewers(app),
        title=_("待初审：{title}").format(title=app.title),
        body=f"{app.applicant_org.name}提交了准入申请，请在 {app.due_date:%Y-%m-%d} 前完成审查。",
        url=url_of(app),
        region_code=app.region_code,
        kind=Kind.REVIEW,
    )


def tell_applicant_decided(app: Application, actor: Actor, move: Move) -> None:
    """Every decision is told to the applicant; 初审通过 also to the 领导小组 that decides next."""
    tail = f"意见：{move.reason}" if move.reason else ""
    notify_on_commit(
        applicants(app),
        title=_("申请{get_state_display}：{title}").format(get_state_display=app.get_state_display(), title=app.title),
        body=tail,
        url=url_of(app),
        region_code=app.region_code,
        kind=Kind.REVIEW,
    )
    if move.action == "pass_first":
        org = getattr(actor, "org", None)
        notify_on_commit(
            approvers(app),
            title=_("待审议：{title}").format(title=app.title),
            body=f"{org.name if org else ''}已完成初审。{tail}",
            url=url_of(app),
            region_code=app.region_code,
            kind=Kind.REVIEW,
        )


def tell_reviewers_withdrawn(app: Application, actor: Actor, move: Move) -> None:
    """Only an application under review was anyone's business; a withdrawn draft tells nobody."""
    if move.source not in (AppState.SUBMITTED, AppState.FIRST_PASSED):
        return
    notify_on_commit(
        reviewers(app) + approvers(app),
        title=_("申请已撤回：{title}").format(title=app.title),
        body=move.reason,
        url=url_of(app),
        region_code=app.region_code,
        kind=Kind.REVIEW,
    )
