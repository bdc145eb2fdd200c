"""Campaign pages: the list, defining one, one campaign with its stages, starting and closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest

from .. import actions, selectors
from ..forms import CampaignForm
from ..permissions import can_see_campaigns, is_county_lead, leads
from ..transitions import CAMPAIGN, STAGE, open_counts


def must_see(request: AuthedRequest) -> None:
    if not can_see_campaigns(request.user):
        raise PermissionDenied(_("专项行动由县级民政、组织部门部署，乡镇（街道）维护工作台账。"))


@login_required
def campaign_list(request: AuthedRequest) -> HttpResponse:
    must_see(request)
    campaigns = selectors.campaigns_for(request.user)[:200]
    return render(request, "campaigns/list.html", {"campaigns": campaigns, "can_create": is_county_lead(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthedRequest) -> HttpResponse:
    if not is_county_lead(request.user):
        raise PermissionDenied(_("只有县级民政、组织部门或领导小组可以部署专项行动。"))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.do_create_campaign,
            actor=request.user,
            form=form,
            title=data["title"],
            basis=data["basis"],
            description=data["description"],
            tasksets=data["tasksets"],
            stages=form.stages(),
        )
        if done:
            messages.success(request, _("已创建专项行动，并为各乡镇生成了工作台账。"))
            return redirect("campaigns:detail", pk=done.value.pk)
    return render(request, "campaigns/new.html", {"form": form})


@login_required
def campaign_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    user = request.user
    current = campaign.current_stage()  # only the earliest open stage may be closed
    stages = [
        (s, *open_counts(s), STAGE.available(s, user) if current is not None and s.pk == current.pk else [])
        for s in campaign.stages.order_by("position")
    ]
    context = {
        "campaign": campaign,
        "stages": stages,
        "buttons": CAMPAIGN.available(campaign, user),
        "lead": leads(campaign, user),
        "rows": selectors.progress(user, campaign),
        "inspections": selectors.inspections_for(user, campaign)[:50],
    }
    return render(request, "campaigns/detail.html", context)


ACTS = {"start": actions.do_start_campaign, "close": actions.do_close_campaign}


@login_required
@require_POST
def campaign_act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    fn = ACTS.get(action)
    if fn is None:
        raise Http404(_("未知的操作。"))
    edge = CAMPAIGN.edges.get((campaign.state, action))
    if run_action(request, fn, campaign, actor=request.user) and edge is not None:
        messages.success(request, _("已完成：{label}。").format(label=edge.label))
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
@require_POST
def stage_close(request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    stage = get_object_or_404(campaign.stages, pk=stage_pk)
    if run_action(request, actions.do_close_stage, stage, actor=request.user):
        messages.success(request, _("“{name}”阶段已结束。").format(name=stage.name))
    return redirect("campaigns:detail", pk=campaign.pk)
