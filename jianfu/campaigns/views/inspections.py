"""Inspection pages (明察暗访): recording one with its findings; a 整改 item, its rectification by
the township and the county's acceptance or return."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from .. import actions, selectors
from ..forms import InspectionForm, RectifyForm, ReturnForm
from ..models import Campaign
from ..permissions import keeps, leads
from ..transitions import FINDING
from .campaigns import must_see


def targets(campaign: Campaign) -> list[tuple[str, str]]:
    out = []
    for town in actions.townships_of(campaign.county):
        out.append((str(town.pk), town.name))
        out += [(str(c.pk), f"{town.name} · {c.name}") for c in tree.grassroots_of(town).order_by("code")]
    return out


@login_required
@require_http_methods(["GET", "POST"])
def inspection_new(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    if not leads(campaign, request.user):
        raise PermissionDenied(_("只有县级民政、组织部门或领导小组（联合检查组）可以记录检查。"))
    form = InspectionForm(request.POST or None, targets=targets(campaign))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["target"] = Org.objects.get(pk=data["target"])
        done = run_action(request, actions.do_record_inspection, campaign, actor=request.user, form=form, **data)
        if done:
            messages.success(request, _("已记录检查，发现的问题已生成整改事项。"))
            return redirect("campaigns:findings", pk=campaign.pk)
    return render(request, "campaigns/inspection_new.html", {"campaign": campaign, "form": form})


@login_required
def findings(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    context = {
        "campaign": campaign,
        "findings": selectors.findings_for(request.user, campaign)[:1000],
        "lead": leads(campaign, request.user),
    }
    return render(request, "campaigns/findings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def finding_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    finding = selectors.get_finding(request.user, pk)
    mine = keeps(finding, request.user)
    form = RectifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not mine:
            raise PermissionDenied(_("只有本乡镇（街道）经办人可以报送整改情况。"))
        if form.is_valid():
            data = form.cleaned_data
            done = run_action(
                request,
                actions.do_rectify_finding,
                finding,
                actor=request.user,
                form=form,
                text=data["text"],
                files=data["evidence"],
            )
            if done:
                messages.success(request, _("已报送整改情况，等待县级验收。"))
                return redirect("campaigns:finding", pk=finding.pk)
    context = {
        "finding": finding,
        "form": form if mine and finding.state == "open" else None,
        "return_form": ReturnForm() if leads(finding, request.user) and finding.state == "submitted" else None,
        "buttons": FINDING.available(finding, request.user),
    }
    return render(request, "campaigns/finding.html", context)


@login_required
@require_POST
def finding_decide(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    must_see(request)
    finding = selectors.get_finding(request.user, pk)
    if action == "accept":
        done = run_action(request, actions.do_accept_finding, finding, actor=request.user)
    elif action == "return":
        done = run_action(
            request, actions.do_return_finding, finding, actor=request.user, reason=request.POST.get("reason", "")
        )
    else:
        raise Http404(_("未知的操作。"))
    if done:
        messages.success(request, _("已验收通过。") if action == "accept" else _("已退回重新整改。"))
    return redirect("campaigns:finding", pk=finding.pk)


finding_file = protected_download(selectors.get_finding_file)
