"""Community and township pages: the calendar and inbox, filling a form with its pre-fill, the
base data, the township's annual schedule, the filled form's xlsx, reporting an unregistered form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jianfu.core.errors import NotFound
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.core.xlsx import xlsx_response
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from . import actions, exports, prefill, selectors
from .basedata import BASE_KEYS, GROUP_LABELS
from .choices import ScheduleState
from .forms import ReportForm
from .permissions import can_schedule, is_community_worker


def _year(request: AuthedRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _community(request: AuthedRequest) -> Org:
    """The signed-in community worker's own community."""
    if request.user.org is None:
        raise PermissionDenied(_("您的账号未关联社区。"))
    return request.user.org


@login_required
def calendar(request: AuthedRequest) -> HttpResponse:
    if not is_community_worker(request.user):
        raise PermissionDenied(_("报表日历供社区工作者使用。"))
    year = _year(request)
    rows = selectors.calendar_of(_community(request), year)
    return render(request, "formsreg/calendar.html", {"rows": rows, "year": year, "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def fill(request: AuthedRequest, pk: int) -> HttpResponse:
    form = selectors.get_form(request.user, pk)
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有社区工作者可以填报。"))
    data = prefill.prefill(form, _community(request))
    errors: dict[str, str] = {}
    owed = selectors.due_dates_for(form, _community(request))
    if request.method == "POST":
        values = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("f_")}

        def show(exc: object) -> None:
            errors.update({e["field"]: e["message"] for e in getattr(exc, "errors", [])})
            messages.error(request, getattr(exc, "message", ""))

        done = run_action(request, actions.do_submit, form, actor=request.user, due_date=request.POST.get("due_date"),
                          values=values, on_error=show)  # fmt: skip
        if done:
            messages.success(request, _("已填报：{t}（预填 {n} 项）").format(t=form.title, n=len(done.value.prefilled)))
            return redirect("formsreg:calendar")
        for item in data.items:
            item.value = values.get(str(item.field.pk), item.value)
    return render(request, "formsreg/fill.html", {"f": form, "p": data, "errors": errors, "owed": owed,
                                                  "due": request.POST.get("due_date", "")})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def base_data(request: AuthedRequest) -> HttpResponse:
    code = request.GET.get("community") or (request.user.org.code if request.user.org is not None else "")
    community = selectors.get_community(request.user, code)
    if request.method == "POST":
        values = {b.key: request.POST.get(b.key, "") for b in BASE_KEYS if b.key in request.POST}
        done = run_action(request, actions.do_set_base_data, community, actor=request.user, values=values)
        if done:
            messages.success(request, _("已更新 {n} 项基础信息。").format(n=done.value))
            return redirect("formsreg:base")
    facts = selectors.base_facts(community)
    groups: dict[str, list] = {}
    for b in BASE_KEYS:
        groups.setdefault(str(GROUP_LABELS[b.group]), []).append((b, facts.get(b.key)))
    editable = is_community_worker(request.user) and request.user.org_id == community.pk
    return render(request, "formsreg/base.html", {"c": community, "groups": groups, "editable": editable})


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: AuthedRequest) -> HttpResponse:
    township = selectors.township_of(request.user)
    if township is None or not can_schedule(request.user, township):
        raise PermissionDenied(_("年度报表计划由乡镇（街道）经办人编制。"))
    year = _year(request) if request.method == "GET" else int(request.POST.get("year") or timezone.localdate().year)
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op == "add":
            form = selectors.get_form(request.user, request.POST.get("form", ""))
            if run_action(request, actions.do_schedule_form, township, form, actor=request.user, year=year,
                          due_dates=request.POST.get("due_dates", "")):  # fmt: skip
                messages.success(request, _("已列入计划：{t}").format(t=form.title))
        elif op in ("remove", "publish"):
            plan = selectors.schedule_of(township, year)
            if plan is None:
                raise NotFound(_("未找到该年度计划。"))
            if op == "remove":
                entry = plan.entries.filter(pk=request.POST.get("entry") or 0).first() \
                    if str(request.POST.get("entry")).isdigit() else None  # fmt: skip
                if entry is None:
                    raise NotFound(_("未找到该表格。"))
                run_action(request, actions.do_unschedule_form, entry, actor=request.user)
            elif run_action(request, actions.do_publish_schedule, plan, actor=request.user):
                messages.success(request, _("{y} 年度报表计划已发布。").format(y=year))
        else:
            raise NotFound(_("未知的操作。"))
        return redirect(f"{request.path}?year={year}")
    plan = selectors.schedule_of(township, year)
    entries = list(selectors.entries_of(plan)) if plan else []
    listed = {e.form_id for e in entries}
    candidates = [f for f in selectors.active_forms(actions.county_prefix(township)).filter(year__in=[year, year - 1])
                  if f.pk not in listed and tree.in_division(township, f.region_code)]  # fmt: skip
    return render(request, "formsreg/schedule.html", {
        "township": township, "year": year, "plan": plan, "entries": entries, "candidates": candidates,
        "problems": actions.over_cap(plan) if plan else [],
        "published": plan is not None and plan.state == ScheduleState.PUBLISHED,
        "communities": tree.grassroots_of(township).count(),
    })  # fmt: skip


@login_required
def submission_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    sub = selectors.get_submission(request.user, pk)
    done = run_action(request, exports.submission_workbook, sub)
    if not done:
        return redirect("formsreg:detail", pk=sub.form_id)
    return xlsx_response(done.value, f"{sub.form.title}-{sub.community.name}-{sub.due_date}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthedRequest) -> HttpResponse:
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有社区工作者可以反映未报备的表格。"))
    depts = list(tree.ancestors_of_community(_community(request)).order_by("code"))
    form = ReportForm(request.POST or None, departments=[(o.code, o.name) for o in depts])
    if request.method == "POST" and form.is_valid():
        dept = next((o for o in depts if o.code == form.cleaned_data["department"]), None)
        done = run_action(request, actions.do_report_unregistered, actor=request.user, title=form.cleaned_data["title"],
                          department=dept, description=form.cleaned_data["description"], form=form)  # fmt: skip
        if done:
            messages.success(
                request, _("已转监督部门（查询码 {c}）。该表无需填报。").format(c=done.value.tracking_code)
            )
            return redirect("formsreg:calendar")
    return render(request, "formsreg/report.html", {"form": form})
