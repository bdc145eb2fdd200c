"""Events pages for the units that handle them: the queue, reporting on a phone, one event with
its route and the moves the user may make."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree

from . import actions, selectors
from .choices import PENDING_STATES, STATE_TONE, Satisfaction, State
from .forms import ReportForm, VerifyForm
from .permissions import is_grid_worker, is_holder
from .transitions import EVENT

TABS = {"todo": _("待我处理"), "verify": _("待我核查"), "late": _("超期"), "all": _("全部")}


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "todo")
    if tab == "verify":
        qs = selectors.to_verify(request.user)
    elif tab == "late":
        qs = selectors.overdue(selectors.events_for(request.user))
    elif tab == "all":
        qs = selectors.events_for(request.user)
    else:
        tab, qs = "todo", selectors.queue_for(request.user).order_by("deadline", "id")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "events/queue.html",
        {
            "page": page,
            "tab": tab,
            "tabs": TABS,
            "tone": STATE_TONE,
            "now": timezone.now(),
            "can_report": is_grid_worker(request.user),
            "pending": PENDING_STATES,
        },
    )


def _report_form(request: AuthedRequest, data: Any = None, files: Any = None) -> ReportForm:
    org = request.user.org
    assert org is not None  # behind is_grid_worker
    categories = [(c.code, c.path) for c in selectors.leaf_categories(tree.county_code(org.region_code))]
    grids = [(g.code, g.name or g.code) for g in tree.grids_of(org).order_by("code")]
    return ReportForm(data, files, categories=categories, grids=grids)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthedRequest) -> HttpResponse:
    if not is_grid_worker(request.user):
        raise PermissionDenied(_("只有社区（村）网格员可以上报网格事件。"))
    form = _report_form(request, request.POST or None, request.FILES or None)
    similar: list = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        done = run_action(
            request,
            actions.do_report_event,
            actor=request.user,
            data=data,
            files=data.pop("photos") or [],
            micro=data["micro"],
            note=data["note"],
            confirm_new=data["confirm_new"],
            form=form,
        )
        if done:
            messages.success(request, _("已上报：{title}").format(title=done.value.title))
            return redirect("events:detail", pk=done.value.pk)
        org = request.user.org
        if done.error is not None and done.error.field == "duplicates" and org is not None:
            grid = actions.grid_for(request.user, data.get("grid")) if data.get("grid") else None
            category = actions._category(tree.county_code(org.region_code), data.get("category"))
            similar = actions.duplicates_of(org, grid, category, data["description"])
    return render(request, "events/report.html", {"form": form, "similar": similar})


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.get_event(request.user, pk)
    contact = selectors.contact_for(request.user, event)  # masked: the full number is an audited reveal
    moves = {e.action: e for e in EVENT.available(event, request.user)}
    departments = []
    if "whistle" in moves:
        departments = list(
            tree.departments_of(tree.county_code(event.region_code)).exclude(
                dept_kind__in=["mzj", "zzb", "leading_group"]
            )
        )
    return render(
        request,
        "events/detail.html",
        {
            "e": event,
            "steps": selectors.steps_of(request.user, event),
            "moves": moves,
            "contact": contact,
            "tone": STATE_TONE,
            "departments": departments,
            "satisfaction": Satisfaction.choices,
            "verify_form": VerifyForm(),
            "may_join": is_grid_worker(request.user)
            and event.state != State.CLOSED
            and request.user.org_id == event.community_id,
            "is_holder": is_holder(request.user, event),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    if action not in actions.ACTIONS:
        raise Http404(_("未知的操作。"))
    event = selectors.get_event(request.user, pk)
    done = run_action(
        request,
        actions.do_act,
        event,
        action,
        actor=request.user,
        data=request.POST.dict(),
        files=request.FILES.getlist("files"),
    )
    if done:
        messages.success(
            request,
            _("已{label}：{title}").format(label=getattr(done.value.steps.last(), "label", ""), title=event.title),
        )
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def join(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.get_event(request.user, pk)
    if run_action(
        request,
        actions.do_join_event,
        event,
        actor=request.user,
        note=request.POST.get("note", ""),
        files=request.FILES.getlist("photos"),
    ):
        messages.success(request, _("已合并到该事件。"))
    return redirect("events:detail", pk=event.pk)


download = protected_download(lambda user, pk: selectors.photo_for(user, pk))
