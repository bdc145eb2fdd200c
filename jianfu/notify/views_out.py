"""Notifications out: the user's own settings page and the system administrator's deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.core.pages import run_action
from jianfu.orgs.permissions import is_sysadmin

from . import actions, channels, selectors
from .choices import Channel, DeliveryStatus
from .delivery import choices_of
from .forms import PreferenceForm


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            done = run_action(request, actions.do_set_preferences, actor=user, form=form,
                              kinds=data["kinds"], channels=data["channels"])  # fmt: skip
            if done:
                messages.success(request, _("通知设置已保存。"))
                return redirect("notify_preferences")
    else:
        kinds, chosen = choices_of(user)
        form = PreferenceForm(initial={"kinds": kinds, "channels": chosen})
    configured = channels.configured()
    reach = [
        {"label": label, "configured": value in configured, "reachable": channels.reachable(user, value),
         "value": value}
        for value, label in Channel.choices
    ]  # fmt: skip
    return render(request, "notify/preferences.html", {"form": form, "reach": reach})


@login_required
def deliveries(request: HttpRequest) -> HttpResponse:
    if not is_sysadmin(request.user):
        raise PermissionDenied(_("仅系统管理员可以查看通知投递。"))
    status = request.GET.get("status", DeliveryStatus.FAILED)
    if status not in DeliveryStatus.values and status != "all":
        status = DeliveryStatus.FAILED
    qs = selectors.deliveries_for(request.user, status="" if status == "all" else status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "notify/deliveries.html", {"page": page, "status": status, "statuses": DeliveryStatus.choices}
    )


@login_required
@require_POST
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    if run_action(request, actions.do_retry_delivery, pk, actor=request.user):
        messages.success(request, _("已重新排入发送队列，下次投递时发送。"))
    return redirect("notify_deliveries")
