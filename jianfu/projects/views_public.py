"""Residents' pages (no account, on a phone): the project board of a community, township or
county; one project with its stages; proposing a project; voting with a household code."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jianfu.core.files import download_response
from jianfu.core.net import client_ip
from jianfu.core.pages import run_action
from jianfu.orgs import tree
from jianfu.orgs.choices import GRASSROOTS_KINDS

from . import actions, ratelimit, selectors
from .choices import ProjectState, RoundKind, RoundState
from .forms import ProposalForm, VoteForm

BOARD_ROWS = 30  # per page: a phone screen or two, and the board stays fast for a whole county


def board(request: HttpRequest, code: str) -> HttpResponse:
    division = selectors.public_division(code)
    qs = selectors.public_projects(division)
    state = request.GET.get("state", "")
    shown = qs.filter(state=state) if state in ProjectState.values else qs
    page = Paginator(shown, BOARD_ROWS).get_page(request.GET.get("page"))
    communities = []
    if division.kind not in GRASSROOTS_KINDS:
        communities = list(tree.grassroots_of(division).order_by("code").only("code", "name"))
    return render(
        request,
        "projects/public_board.html",
        {
            "division": division,
            "county": tree.county_of(division),
            "projects": page.object_list,
            "page": page,
            "state": state,
            "summary": selectors.board_summary(qs),
            "communities": communities,
            "is_community": division.kind in GRASSROOTS_KINDS,
        },
    )


def project(request: HttpRequest, pk: int) -> HttpResponse:
    p = selectors.public_project(pk)
    return render(
        request,
        "projects/public_project.html",
        {
            "p": p,
            "county": tree.county_of(p.community),
            "milestones": p.milestones.prefetch_related("photos"),
            "spendings": p.spendings.all(),
            "rounds": p.rounds.order_by("-id"),
        },
    )


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, code: str) -> HttpResponse:
    community = selectors.public_community(code)
    county = tree.county_of(community)
    context: dict[str, Any] = {"community": community, "county": county}
    if request.method == "POST" and not ratelimit.allow_proposal(client_ip(request), county.code):
        form = ProposalForm(initial=request.POST.dict())
        context.update(form=form, error=ratelimit.proposal_message())
        return render(request, "projects/public_propose.html", context, status=429)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, actions.do_submit_proposal, actor=None, community=community, form=form,
                          **form.cleaned_data)  # fmt: skip
        if done:
            return redirect("projects:public_project", pk=done.value.pk)
    context["form"] = form
    return render(request, "projects/public_propose.html", context)


@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    vote_round = selectors.public_round(pk)
    context = {"r": vote_round, "county": tree.county_of(vote_round.community), "done": False}
    if vote_round.state != RoundState.OPEN:
        context.update(rows=selectors.round_results(vote_round))
        return render(request, "projects/public_vote.html", context)
    if request.method == "POST" and not ratelimit.allow_vote(client_ip(request), vote_round.pk):
        context.update(form=VoteForm(vote_round=vote_round), error=ratelimit.vote_message())
        return render(request, "projects/public_vote.html", context, status=429)
    form = VoteForm(request.POST or None, vote_round=vote_round)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accept = {"yes": True, "no": False}.get(data.get("accept") or "")
        done = run_action(
            request,
            actions.do_cast_vote,
            vote_round,
            code=data["code"],
            picks=data.get("picks") or [],
            accept=accept if vote_round.kind == RoundKind.ACCEPT else None,
            satisfaction=data.get("satisfaction"),
            form=form,
        )
        if done:
            context["done"] = True
            form = VoteForm(vote_round=vote_round)
    context["form"] = form
    return render(request, "projects/public_vote.html", context)


def photo(request: HttpRequest, pk: int) -> FileResponse:
    return download_response(selectors.public_photo(pk))
