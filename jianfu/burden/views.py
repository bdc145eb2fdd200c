"""Pages of 负担监测: dashboard, community drill-down, quick entry, meetings/inspections,
breaches, reduction report (Excel/PDF), import and limits. Views parse input and map errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.catalog.citations import citations_for
from jianfu.core import dates
from jianfu.core.charts import bars
from jianfu.core.errors import ActionError
from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.typing import AuthedRequest
from jianfu.core.xlsx import xlsx_response
from jianfu.orgs.scoping import prefix_q

from . import actions, exports, metrics, sections, selectors
from .choices import HOURS_PER_STAFF_YEAR, Kind, RuleCode
from .forms import EntryForm, EventForm, ImportForm
from .imports import template_workbook
from .permissions import can_convene, can_record, can_set_rules


def _date(value: str, default: dt.date) -> dt.date:
    """A date from the query string, forced into 2000–2100; the default when it is malformed."""
    try:
        return dates.clamp(dt.date.fromisoformat(value)) if value else default
    except ValueError:
        return default


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    default_start = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    start = _date(request.GET.get("from", ""), default_start)
    end = _date(request.GET.get("to", ""), today)
    if end < start:
        start, end = end, start
    if (end - start).days > 366 * 5:
        start = end - dt.timedelta(days=366 * 5)
    return start, end


def _region(request: HttpRequest) -> Any:
    code = request.GET.get("region", "").strip()
    return selectors.get_region(request.user, code) if code else selectors.home_region(request.user)


def _month_chart(m: Any) -> dict[str, Any]:
    months = [f"{x['month']:%Y-%m}" for x in m.by_month]
    return bars(months, {_("工时"): [x["hours"] for x in m.by_month]}, unit=_("小时"))


def _reduction_chart(lines: list[Any]) -> dict[str, Any]:
    series = {
        _("基期月均工时"): [x.before_monthly_hours for x in lines],
        _("比较期月均工时"): [x.after_monthly_hours for x in lines],
    }
    return bars([x.label for x in lines], series, unit=_("小时/月"))


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    region = _region(request)
    if region is None:
        raise PermissionDenied(_("您没有可查看的辖区。"))
    if region.is_grassroots:
        return redirect("burden_community", code=region.code)
    start, end = _period(request)
    m = metrics.metrics(region, start, end)
    breaches = metrics.breach_counts(region.region_prefix, start, end)
    recent = selectors.breaches_for(request.user).filter(prefix_q(region.region_prefix))[:8]
    months = m.by_month if any(x["count"] for x in m.by_month) else []  # all zero: 暂无数据, not empty axes
    chart = {
        "departments": [{"name": d["name"], "hours": d["hours"]} for d in m.by_department[:12]],
        "months": [f"{x['month']:%Y-%m}" for x in months],
        "month_hours": [x["hours"] for x in months],
        "month_counts": [x["count"] for x in months],
        "kinds": [{"name": k["label"], "value": k["hours"]} for k in m.by_kind],
        "breach_rules": [{"name": r["label"], "value": r["count"]} for r in breaches["by_rule"]],
        "breach_depts": [{"name": r["name"], "value": r["count"]} for r in breaches["by_department"][:10]],
    }
    return render(
        request,
        "burden/dashboard.html",
        {
            "region": region,
            "regions": selectors.region_choices(request.user),
            "start": start,
            "end": end,
            "m": m,
            "breaches": breaches,
            "recent": recent,
            "chart": chart,
            "child_is_community": len(region.region_prefix) >= 9,
            "hours_per_staff": HOURS_PER_STAFF_YEAR,
            "can_record": can_record(request.user),
            "can_convene": can_convene(request.user),
            "sections": sections.dashboard_sections(region, start, end),
        },
    )


@login_required
def community(request: AuthedRequest, code: str) -> HttpResponse:
    org = selectors.get_community(request.user, code)
    start, end = _period(request)
    entries = selectors.entries_for(request.user).filter(community=org, occurred_on__range=(start, end))
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        entries = entries.filter(kind=kind)
    if wants_xlsx(request):
        return table_response(
            _("负担台账"),
            [_("日期"), _("类型"), _("来源单位"), _("用时（分钟）"), _("清单内"), _("证明类型"), _("说明")],
            entries.select_related("source_org").order_by("-occurred_on", "-id"),
            lambda e: [e.occurred_on, e.get_kind_display(), e.source_org.name, e.minutes,
                       "" if e.listed is None else (_("是") if e.listed else _("否")), e.cert_type, e.note],
        )  # fmt: skip
    m = metrics.metrics(org, start, end)
    time = metrics.community_time(org, int(m.total_hours * 60), len(m.months))
    page = Paginator(entries.order_by("-occurred_on", "-id"), 50).get_page(request.GET.get("page"))
    breaches = selectors.breaches_for(request.user).filter(community=org, occurred_on__range=(start, end))[:20]
    return render(
        request,
        "burden/community.html",
        {
            "org": org,
            "start": start,
            "end": end,
            "m": m,
            "time": time,
            "page": page,
            "kind": kind,
            "kinds": Kind.choices,
            "breaches": breaches,
            "hours_per_staff": HOURS_PER_STAFF_YEAR,
            "chart": _month_chart(m),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: AuthedRequest) -> HttpResponse:
    if not can_record(request.user):
        raise PermissionDenied(_("您没有登记负担台账的权限。"))
    initial = {"occurred_on": timezone.localdate()}
    form = EntryForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = run_action(
            request,
            actions.do_record_entry,
            actor=request.user,
            kind=d["kind"],
            community=d["community"],
            source_org=d["source_org"],
            occurred_on=d["occurred_on"],
            minutes=d["minutes"],
            listed=None,
            list_item=d["list_item"],
            note=d["note"],
            cert_type=d["cert_type"],
            is_veto=d["is_veto"],
            form=form,
        )
        if done:
            n = done.value.breaches.count()
            messages.success(request, "已登记。" + (f"该条触发 {n} 项超限，已转监督。" if n else ""))
            return redirect(reverse("burden_entry_new"))
    return render(request, "burden/entry_form.html", {"form": form})


def _check_event(user: Any, d: dict[str, Any], where: dict[str, Any], communities: list[Any]) -> list[Any]:
    """The limits a meeting or inspection would exceed; none to check when a reason is given."""
    if d["reason"].strip():
        return []
    return actions.check_event(actor=user, communities=communities, **where)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: AuthedRequest) -> HttpResponse:
    if not can_convene(request.user):
        raise PermissionDenied(_("您没有登记会议或检查的权限。"))
    form = EventForm(request.POST or None, user=request.user, initial={"occurred_on": timezone.localdate()})
    findings: list = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        where = {"kind": d["kind"], "convener": d["convener"], "occurred_on": d["occurred_on"]}
        communities = list(d["communities"])
        checked = run_action(request, _check_event, request.user, d, where, communities, form=form)
        findings = checked.value or []
        if findings:
            form.add_error("reason", "登记将超出限额，如确需继续，请填写理由后再次提交。")
        elif checked:
            done = run_action(
                request,
                actions.do_record_event,
                actor=request.user,
                title=d["title"],
                minutes=d["minutes"],
                communities=communities,
                reason=d["reason"],
                form=form,
                **where,
            )
            if done:
                event, breaches = done.value
                text = f"已登记“{event.title}”，涉及 {event.entries.count()} 个社区。"
                if breaches:
                    text += f"超出限额 {len(breaches)} 项，已记录并转监督。"
                messages.success(request, text)
                return redirect("burden_event_new")
    recent = selectors.events_for(request.user).filter(recorded_by=request.user)[:10]
    return render(request, "burden/event_form.html", {"form": form, "findings": findings, "recent": recent})


@login_required
def breaches(request: AuthedRequest) -> HttpResponse:
    qs = selectors.breaches_for(request.user)
    rule = request.GET.get("rule", "")
    if rule in RuleCode.values:
        qs = qs.filter(rule_code=rule)
    if wants_xlsx(request):
        return table_response(
            _("超限记录"),
            [_("日期"), _("规则"), _("责任单位"), _("社区/村"), _("次数"), _("上限"), _("情况"), _("理由"), _("监督")],
            qs.select_related("department", "community", "case", "rule"),
            lambda b: [b.occurred_on, b.rule.title, b.department.name, b.community.name, b.count, b.limit,
                       b.description, b.reason, b.case.get_state_display() if b.case else ""],
        )  # fmt: skip
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "burden/breaches.html", {"page": page, "rule": rule, "rules": RuleCode.choices})


def _default_report_periods(region: Any, today: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """Before and since the current lists took effect, in equal runs of whole months (the question a
    county asks: what changed once the lists applied). The comparison ends with the last complete
    month, so a month that has just begun does not read as a collapse. Without such a version, or
    when it took effect this month: the last twelve complete months against the twelve before."""
    from jianfu.catalog.selectors import current_version, list_owner_org

    owner = list_owner_org(region)
    version = current_version(owner) if owner is not None else None
    effective = version.effective_date if version is not None else None
    last_month = metrics.add_months(metrics.month_start(today), -1)
    if effective is not None and dates.MIN_DATE < effective and metrics.month_start(effective) <= last_month:
        after_start = metrics.month_start(effective)
        span = len(metrics.months_between(after_start, last_month))
    else:
        span = 12
        after_start = metrics.add_months(last_month, -(span - 1))
    before_start = max(metrics.add_months(after_start, -span), dates.MIN_DATE)
    after_end = metrics.month_end(last_month)
    return (before_start, after_start - dt.timedelta(days=1)), (after_start, after_end)


def _report_periods(request: HttpRequest, region: Any) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    (b0, b1), (a0, a1) = _default_report_periods(region, timezone.localdate())
    get = request.GET.get
    before = (_date(get("before_from", ""), b0), _date(get("before_to", ""), b1))
    after = (_date(get("after_from", ""), a0), _date(get("after_to", ""), a1))
    return before, after


@login_required
def report(request: AuthedRequest) -> HttpResponse:
    region = _region(request)
    if region is None:
        raise PermissionDenied(_("您没有可查看的辖区。"))
    before, after = _report_periods(request, region)
    lines = metrics.reduction(region, before, after)
    context = {
        "region": region,
        "regions": selectors.region_choices(request.user),
        "before": before,
        "after": after,
        "lines": lines,
        "total": metrics.total_line(lines),
        "partial": {"before": metrics.partial_months(before), "after": metrics.partial_months(after)},
        "generated": timezone.localtime(),
        "sections": sections.report_sections(region, before, after),
        "chart": _reduction_chart(lines),
    }
    fmt = request.GET.get("format", "")
    name = f"{region.name}减负精简率报告"
    if fmt == "xlsx":
        return xlsx_response(exports.reduction_workbook(context), f"{name}.xlsx")
    if fmt == "pdf":
        try:
            return pdf_response(render_pdf("burden/report_pdf.html", context), f"{name}.pdf")
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
    return render(request, "burden/report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_entries(request: AuthedRequest) -> HttpResponse:
    if not can_record(request.user):
        raise PermissionDenied(_("您没有登记负担台账的权限。"))
    if request.GET.get("template"):
        book = template_workbook(
            list(selectors.communities_for(request.user).order_by("code")),
            list(selectors.sources_for_user(request.user)),
        )
        return xlsx_response(book, "负担台账导入模板.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():

        def show(exc: ActionError) -> None:
            errors.extend(exc.errors)
            if not errors:
                form.add_error("file", exc.message)
            else:
                messages.error(request, _("导入失败，未保存任何数据，请按下列提示修改后重新上传。"))

        done = run_action(
            request, actions.do_import_entries, actor=request.user, upload=form.cleaned_data["file"], on_error=show
        )
        if done:
            messages.success(request, _("已导入 {value} 条台账。").format(value=len(done.value)))
            return redirect("burden_import")
    return render(request, "burden/import.html", {"form": form, "errors": errors})


@login_required
def rules(request: AuthedRequest) -> HttpResponse:
    home = selectors.home_region(request.user)
    county = home if home is not None and home.kind == "county" else None
    editable = county is not None and can_set_rules(request.user, county)
    cites = citations_for(home.region_code if home is not None else "")
    rows = [(rule, cites[f"burden.{rule.code}"]) for rule in selectors.rules_for(request.user)]
    return render(request, "burden/rules.html", {"rows": rows, "county": county, "editable": editable})


@login_required
@require_POST
def rule_set(request: AuthedRequest) -> HttpResponse:
    home = selectors.home_region(request.user)
    if home is None or home.kind != "county":
        raise PermissionDenied(_("只有县级民政、组织部门可以调整限额。"))
    try:
        limit = int(request.POST.get("limit", ""))
    except ValueError:
        messages.error(request, _("上限须为非负整数。"))
        return redirect("burden_rules")
    done = run_action(
        request, actions.do_set_rule, home, actor=request.user, code=request.POST.get("code", ""), limit=limit
    )
    if done:
        messages.success(request, _("已调整：{title}。").format(title=done.value.title))
    return redirect("burden_rules")
