"""Events pages for overseeing and configuring: the ranking and numbers, the overdue list, grids
and their workers, the category tree, and the 12345 import."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core import dates
from jianfu.core.errors import ActionError, NotFound
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.actions import can_manage_grids_of, do_create_grid
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org, User
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import jurisdiction, visible_orgs

from . import actions, hotline, selectors, stats
from .forms import CategoryForm, ImportForm
from .models import GridWorker
from .permissions import can_configure, sees_numbers


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), today
    try:
        start = dates.clamp(dt.date.fromisoformat(request.GET.get("start", ""))) if request.GET.get("start") else start
        end = dates.clamp(dt.date.fromisoformat(request.GET.get("end", ""))) if request.GET.get("end") else end
    except ValueError:
        messages.error(request, _("日期格式应为 2026-01-31，已按本年度显示。"))
    return (start, end) if start <= end else (end, start)


def _county(request: HttpRequest) -> Org:
    division = jurisdiction(request.user)
    county = tree.county_of(division) if division is not None else None
    if county is None or county.kind != OrgKind.COUNTY:
        raise PermissionDenied(_("仅县（区）及以下单位可用。"))
    return county


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    if not sees_numbers(request.user):
        raise PermissionDenied(_("您没有查看接诉即办排名的权限。"))
    division = jurisdiction(request.user)
    assert division is not None
    start, end = _period(request)
    prefix = division.region_prefix
    board = stats.board(prefix, start, end)
    return render(
        request,
        "events/ranking.html",
        {
            "division": division,
            "start": start,
            "end": end,
            "totals": board["totals"],
            "rows": board["ranking"],
            "grids": board["grids"],
            "time": board["time"],
        },
    )


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    # The page shows the holder and the community only: planning the selector's seven-table join
    # took PostgreSQL longer (~100 ms at 200,000 events) than running it.
    qs = (
        selectors.overdue(selectors.events_for(request.user)).select_related(None).select_related("holder", "community")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "events/overdue.html", {"page": page, "now": timezone.now()})


def _managed_communities(user: User) -> list[Org]:
    if has_role(user, Role.COMMUNITY_WORKER):
        return [user.org] if user.org is not None else []
    if has_role(user, Role.TOWNSHIP_OFFICER, Role.SYSADMIN):
        return [
            c for c in tree.grassroots_of(jurisdiction(user) or "x").order_by("code") if can_manage_grids_of(user, c)
        ]
    return []


@login_required
@require_http_methods(["GET", "POST"])
def grids(request: AuthedRequest) -> HttpResponse:
    communities = _managed_communities(request.user)
    if not communities:
        raise PermissionDenied(_("只有社区、乡镇或系统管理员可以管理网格。"))
    if request.method == "POST":
        code = request.POST.get("community", "")
        community = next((c for c in communities if c.code == code), None)
        if community is None:
            raise NotFound(_("未找到该社区。"))
        if run_action(request, do_create_grid, community, actor=request.user, name=request.POST.get("name", "")):
            messages.success(request, _("已划分网格。"))
            return redirect("events:grids")
    ids = [c.pk for c in communities]
    grid_list = list(
        visible_orgs(request.user).filter(kind=OrgKind.GRID, parent__in=ids).select_related("parent").order_by("code")
    )
    workers: dict[int, list[str]] = {}
    for link in GridWorker.objects.filter(grid__in=grid_list).select_related("worker"):
        workers.setdefault(link.grid_id, []).append(link.worker.get_full_name())
    for g in grid_list:
        g.worker_names = workers.get(g.pk, [])  # type: ignore[attr-defined]
    staff = User.objects.filter(org__in=ids, role=Role.COMMUNITY_WORKER, is_active=True).order_by("username")
    return render(request, "events/grids.html", {"communities": communities, "grids": grid_list, "staff": staff})


@login_required
@require_POST
def assign_worker(request: HttpRequest, pk: int) -> HttpResponse:
    grid = visible_orgs(request.user).filter(pk=pk, kind=OrgKind.GRID).select_related("parent").first()
    if grid is None or grid.parent is None:
        raise NotFound(_("未找到该网格。"))
    if not can_manage_grids_of(request.user, grid.parent):
        raise PermissionDenied(_("您没有权限安排该网格的网格员。"))
    worker = (
        User.objects.filter(pk=request.POST.get("worker") or 0).first()
        if str(request.POST.get("worker", "")).isdigit()
        else None
    )
    if worker is None:
        messages.error(request, _("请选择网格员。"))
    elif run_action(request, actions.do_assign_grid_worker, grid, actor=request.user, worker=worker):
        messages.success(request, _("已安排网格员。"))
    return redirect("events:grids")


@login_required
@require_http_methods(["GET", "POST"])
def categories(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    if not can_configure(request.user, county):
        raise PermissionDenied(_("只有本县（区）民政/组织或系统管理员可以维护事件分类。"))
    cats = list(selectors.categories_of(county.region_prefix, active=False).order_by("code"))
    parents = [(str(c.pk), c.name) for c in cats if c.parent_id is None]
    departments = [(str(d.pk), d.name) for d in tree.departments_of(county)]
    form = CategoryForm(request.POST or None, parents=parents, departments=departments)
    if request.method == "POST" and form.is_valid():
        if run_action(request, actions.do_save_category, county, actor=request.user, data=form.cleaned_data, form=form):
            messages.success(request, _("已保存分类。"))
            return redirect("events:categories")
    return render(request, "events/categories.html", {"county": county, "cats": cats, "form": form})


@login_required
@require_POST
def load_defaults(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    done = run_action(request, actions.do_load_default_categories, county, actor=request.user)
    if done:
        messages.success(request, _("已载入默认分类 {n} 个。").format(n=done.value))
    return redirect("events:categories")


@login_required
@require_http_methods(["GET", "POST"])
def hotline_import(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    if not can_configure(request.user, county):
        raise PermissionDenied(_("只有本县（区）民政/组织或系统管理员可以导入12345工单。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[dict] = []
    if request.method == "POST" and form.is_valid():

        def show(exc: ActionError) -> None:
            form.add_error(None, exc.message)
            row_errors.extend(exc.errors or [])

        done = run_action(
            request,
            hotline.do_import_hotline,
            county,
            actor=request.user,
            upload=form.cleaned_data["file"],
            on_error=show,
        )
        if done:
            messages.success(
                request, _("已导入 {n} 件工单（直派部门 {d} 件）。").format(n=done.value.count, d=done.value.dispatched)
            )
            return redirect("events:queue")
    return render(request, "events/import.html", {"form": form, "row_errors": row_errors, "columns": hotline.COLUMNS})
