"""The 工作台账 pages: a campaign's ledger (a township's own rows, the county's all), one row kept
by its township, the county adding a task, and the monthly progress reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.models import Org

from .. import actions, selectors
from ..choices import StageState
from ..forms import AddItemForm, ItemForm, ReportForm
from ..models import Campaign
from ..permissions import is_township_officer, keeps, leads
from .campaigns import must_see


def add_form(campaign: Campaign, data: Any = None) -> AddItemForm:
    towns = [(str(t.pk), t.name) for t in actions.townships_of(campaign.county)]
    stages = [(str(s.pk), s.name) for s in campaign.stages.filter(state=StageState.OPEN).order_by("position")]
    return AddItemForm(data, townships=towns, stages=stages)


def ledger_page(request: AuthedRequest, campaign: Campaign, **extra: Any) -> HttpResponse:
    user = request.user
    items = selectors.items_for(user, campaign)
    town = request.GET.get("township", "")
    if town.isdigit():
        items = items.filter(township_id=int(town))
    if wants_xlsx(request):
        return table_response(
            _("工作台账"),
            [_("阶段"), _("乡镇"), _("任务类别"), _("任务"), _("责任人"), _("完成时限"), _("状态"), _("进展情况")],
            items.select_related("stage", "township"),
            lambda i: [i.stage.name, i.township.name if i.township else "", i.group, i.title, i.owner, i.deadline,
                       i.get_status_display(), i.note],
        )  # fmt: skip
    lead = leads(campaign, user)
    context = {
        "campaign": campaign,
        "items": items[:1000],
        "lead": lead,
        "townships": actions.townships_of(campaign.county) if lead else [],
        "township": town,
        "add_form": add_form(campaign) if lead and campaign.state != "closed" else None,
        **extra,
    }
    return render(request, "campaigns/ledger.html", context)


@login_required
def ledger(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    return ledger_page(request, selectors.get_campaign(request.user, pk))


@login_required
@require_POST
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    if not leads(campaign, request.user):
        raise PermissionDenied(_("只有县级民政、组织部门或领导小组可以下达台账任务。"))
    form = add_form(campaign, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.do_add_item,
            campaign,
            actor=request.user,
            form=form,
            township=Org.objects.get(pk=data["township"]),
            stage=campaign.stages.get(pk=data["stage"]),
            title=data["title"],
            deadline=data["deadline"],
            owner=data["owner"],
        )
        if done:
            messages.success(request, _("已添加台账任务。"))
            return redirect("campaigns:ledger", pk=campaign.pk)
    return ledger_page(request, campaign, add_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    item = selectors.get_item(request.user, pk)
    mine = keeps(item, request.user)
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": item.status, "owner": item.owner, "note": item.note},
    )
    if request.method == "POST":
        if not mine:
            raise PermissionDenied(_("只有本乡镇（街道）经办人可以维护本乡镇的工作台账。"))
        if form.is_valid():
            data = form.cleaned_data
            done = run_action(
                request,
                actions.do_update_item,
                item,
                actor=request.user,
                form=form,
                status=data["status"],
                owner=data["owner"],
                note=data["note"],
                files=data["evidence"],
            )
            if done:
                messages.success(request, _("台账已更新。"))
                return redirect("campaigns:ledger", pk=item.campaign_id)
    return render(request, "campaigns/item.html", {"item": item, "form": form if mine else None})


item_file = protected_download(selectors.get_item_file)


@login_required
@require_http_methods(["GET", "POST"])
def reports(request: AuthedRequest, pk: int) -> HttpResponse:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    reporter = is_township_officer(request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if not reporter:
            raise PermissionDenied(_("只有乡镇（街道）经办人可以报送月度进展。"))
        if form.is_valid():
            done = run_action(
                request, actions.do_submit_report, campaign, actor=request.user, form=form, **form.cleaned_data
            )
            if done:
                messages.success(request, _("已报送月度进展。"))
                return redirect("campaigns:reports", pk=campaign.pk)
    context = {
        "campaign": campaign,
        "reports": selectors.reports_for(request.user, campaign)[:500],
        "rows": selectors.progress(request.user, campaign),
        "form": form if reporter and campaign.state == "running" else None,
    }
    return render(request, "campaigns/reports.html", context)
