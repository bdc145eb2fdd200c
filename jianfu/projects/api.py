"""Resident projects API (mounted at /api/v1/projects): the scoped list for staff; proposing a
project and voting with a household code for residents (public, rate-limited). See docs/projects.md."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.errors import ActionError, NotFound
from jianfu.core.net import client_ip
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree

from . import actions, ratelimit, selectors
from .choices import ProjectState, RoundKind
from .models import Project

PREFIX = "projects"
router = Router(tags=["民生微实事"])


class ProjectOut(Schema):
    id: int
    title: str
    community: str
    community_code: str
    state: str
    state_label: str
    source: str
    estimated_cost: str
    budget: str | None
    funding_source: str
    supplier: str
    spent: str
    votes: int | None
    accept_yes: int | None
    accept_no: int | None
    satisfaction: str | None
    created_at: str


class ProposalIn(Schema):
    community_code: str
    title: str
    description: str
    estimated_cost: str
    contact: str = ""


class ProposalOut(Schema):
    id: int
    title: str
    state: str
    url: str


class VoteIn(Schema):
    code: str
    picks: list[int] | None = None
    accept: bool | None = None
    satisfaction: int | None = None


class VoteOut(Schema):
    round_id: int
    round_title: str
    accepted: bool


def project_out(p: Project) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "community": p.community.name,
        "community_code": p.community.code,
        "state": p.state,
        "state_label": p.get_state_display(),
        "source": p.source,
        "estimated_cost": str(p.estimated_cost),
        "budget": str(p.budget) if p.budget is not None else None,
        "funding_source": p.funding_source,
        "supplier": p.supplier,
        "spent": str(p.spent),
        "votes": p.votes,
        "accept_yes": p.accept_yes,
        "accept_no": p.accept_no,
        "satisfaction": str(p.satisfaction) if p.satisfaction is not None else None,
        "created_at": p.created_at.isoformat(),
    }


@router.get("", response=Page[ProjectOut], summary="我辖区的民生微实事项目（分页）")
def list_projects(request: AuthedRequest, paging: Query[PageQuery], state: str = "") -> dict[str, Any]:
    qs = selectors.projects_for(request.user)
    if state:
        if state not in ProjectState.values:
            raise ActionError(_("未知的阶段：{state}").format(state=state), field="state")
        qs = qs.filter(state=state)
    return page_of(request, qs, paging, project_out)


@router.post("/proposals", auth=None, response={201: ProposalOut}, summary="居民提出项目建议（无需登录）")
def propose(request: HttpRequest, payload: ProposalIn) -> Status[dict[str, Any]]:
    community = selectors.public_community(payload.community_code)
    county = tree.county_of(community)
    if not ratelimit.allow_proposal(client_ip(request), county.code):
        raise HttpError(429, ratelimit.proposal_message())
    p = actions.do_submit_proposal(
        actor=None,
        community=community,
        title=payload.title,
        description=payload.description,
        estimated_cost=payload.estimated_cost,
        contact=payload.contact,
    )
    return Status(201, {"id": p.pk, "title": p.title, "state": p.state, "url": f"/public/projects/project/{p.pk}/"})


@router.post("/{project_id}/votes", auth=None, response={201: VoteOut}, summary="凭一户一码投票（无需登录）")
def vote(request: HttpRequest, project_id: int, payload: VoteIn) -> Status[dict[str, Any]]:
    project = selectors.public_project(project_id)
    vote_round = selectors.open_round_of(project)
    if vote_round is None:
        raise NotFound(_("该项目当前没有进行中的投票。"))
    if not ratelimit.allow_vote(client_ip(request), vote_round.pk):
        raise HttpError(429, ratelimit.vote_message())
    picks = payload.picks if payload.picks is not None else [project.pk]
    actions.do_cast_vote(
        vote_round,
        code=payload.code,
        picks=picks if vote_round.kind == RoundKind.SELECT else [],
        accept=payload.accept,
        satisfaction=payload.satisfaction,
    )
    return Status(201, {"round_id": vote_round.pk, "round_title": vote_round.title, "accepted": True})
