"""Staff pages of resident projects: the list, entering a proposal from a meeting, one project
with its stage buttons, milestones and spending, and the township's annual envelope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.permissions import has_role

from . import actions, selectors
from .choices import ProjectState, RoundState
from .forms import EnvelopeForm, MilestoneForm, ProposalForm, SpendingForm
from .permissions import is_community_worker, runs_delivery
from .transitions import PROJECT


@login_required
def project_list(request: AuthedRequest) -> HttpResponse:
    qs = selectors.projects_for(request.user)
    state = request.GET.get("state", "")
    if state in ProjectState.values:
        qs = qs.filter(state=state)
    if wants_xlsx(request):  # every project of the filter (the page shows the first 300); no resident contacts
        return table_response(
            _("民生微实事"),
            [_("年度"), _("项目名称"), _("社区/村"), _("乡镇"), _("来源"), _("状态"), _("估算金额（元）"),
             _("批准预算（元）"), _("已支出（元）"), _("实施单位")],
            qs.select_related("community", "township"),
            lambda p: [p.year, p.title, p.community.name, p.township.name, p.get_source_display(),
                       p.get_state_display(), p.estimated_cost, p.budget, p.spent, p.supplier],
        )  # fmt: skip
    rounds = selectors.rounds_for(request.user)[:20]
    return render(
        request,
        "projects/list.html",
        {
            "projects": qs[:300],
            "rounds": rounds,
            "states": ProjectState.choices,
            "state": state,
            "summary": selectors.board_summary(selectors.projects_for(request.user)),
            "can_enter": is_community_worker(request.user),
            "is_township": has_role(request.user, Role.TOWNSHIP_OFFICER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: AuthedRequest) -> HttpResponse:
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有社区工作者可以录入议事会上的项目建议。"))
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request, actions.do_submit_proposal, actor=request.user, community=request.user.org, form=form,
            **form.cleaned_data,
        )  # fmt: skip
        if done:
            return redirect("projects:detail", pk=done.value.pk)
    return render(request, "projects/new.html", {"form": form})


@login_required
def project_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project(request.user, pk)
    return render(
        request,
        "projects/detail.html",
        {
            "p": project,
            "edges": PROJECT.available(project, request.user),
            "milestones": project.milestones.prefetch_related("photos"),
            "spendings": project.spendings.all(),
            "rounds": project.rounds.order_by("-id"),
            "delivery": project.state == ProjectState.IMPLEMENTING and runs_delivery(project, request.user),
            "milestone_form": MilestoneForm(),
            "spending_form": SpendingForm(),
            "open_round": project.rounds.filter(state=RoundState.OPEN).first(),
        },
    )


@login_required
@require_POST
def project_act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    project = selectors.get_project(request.user, pk)
    post = request.POST
    if action == "deliberate":
        run_action(request, actions.do_deliberate_project, project, actor=request.user,
                   meeting_record=post.get("meeting_record", ""))  # fmt: skip
    elif action == "approve":
        run_action(request, actions.do_approve_project, project, actor=request.user,
                   budget=post.get("budget", ""), funding_source=post.get("funding_source", ""))  # fmt: skip
    elif action == "start":
        run_action(request, actions.do_start_project, project, actor=request.user, supplier=post.get("supplier", ""))
    else:
        run_action(request, actions.do_move_project, project, actor=request.user, action=action,
                   reason=post.get("reason", ""))  # fmt: skip
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def milestone_add(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project(request.user, pk)
    if not runs_delivery(project, request.user):
        raise PermissionDenied(_("只有本社区或所属乡镇（街道）可以记录实施情况。"))
    form = MilestoneForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        run_action(request, actions.do_add_milestone, project, actor=request.user, files=data.pop("photos"), **data)
    else:
        _form_errors(request, form)
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def spending_add(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project(request.user, pk)
    if not runs_delivery(project, request.user):
        raise PermissionDenied(_("只有本社区或所属乡镇（街道）可以记录实施情况。"))
    form = SpendingForm(request.POST)
    if form.is_valid():
        run_action(request, actions.do_add_spending, project, actor=request.user, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return redirect("projects:detail", pk=project.pk)


def _form_errors(request: AuthedRequest, form: object) -> None:
    from django.contrib import messages

    for field, errors in form.errors.items():  # type: ignore[attr-defined]
        label = form.fields[field].label if field in form.fields else ""  # type: ignore[attr-defined]
        messages.error(request, f"{label}：{' '.join(errors)}" if label else " ".join(errors))


@login_required
@require_http_methods(["GET", "POST"])
def envelopes(request: AuthedRequest) -> HttpResponse:
    user = request.user
    is_town = has_role(user, Role.TOWNSHIP_OFFICER) and user.org is not None and user.org.kind == OrgKind.TOWNSHIP
    if not is_town and not has_role(user, Role.LIST_OWNER, Role.APPROVER):
        raise PermissionDenied(_("只有乡镇（街道）和县民政/组织可以查看民生微实事资金额度。"))
    form = EnvelopeForm(request.POST or None)
    if request.method == "POST":
        if not is_town:
            raise PermissionDenied(_("只有本乡镇（街道）经办人可以设定资金额度。"))
        if form.is_valid():
            done = run_action(request, actions.do_set_envelope, user.org, actor=user, form=form, **form.cleaned_data)
            if done:
                return redirect("projects:envelopes")
    return render(
        request,
        "projects/envelopes.html",
        {"form": form, "envelopes": selectors.envelopes_for(user), "can_set": is_town},
    )
