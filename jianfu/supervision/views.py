"""Supervision pages. Views parse input, call selectors and actions, and map their errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.calendar import add_working_days
from jianfu.core.charts import bars
from jianfu.core.errors import NotFound
from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.files import protected_download
from jianfu.core.gongwen import official_document
from jianfu.core.net import client_ip
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.reveal import render_personal_data
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role

from . import actions, ratelimit, selectors
from .choices import STATE_TONE, CaseSource, CaseState
from .forms import (
    CaseFactsForm,
    NoticeForm,
    OrderForm,
    PublicReportForm,
    RecheckForm,
    ReplyForm,
    TrackForm,
    WorkerReportForm,
)
from .models import NOTICE_NUMBERS, ORDER_NUMBERS
from .permissions import is_community_worker, is_supervisor
from .transitions import CASE


def _require_office(request: HttpRequest) -> None:
    if not is_supervisor(request.user):
        raise PermissionDenied(_("仅县（区）民政局、组织部可以办理监督案件。"))


def _departments(user: Any) -> Any:
    from jianfu.orgs.scoping import jurisdiction

    division = jurisdiction(user)
    if division is None:
        return selectors.Org.objects.none()
    return selectors.public_departments(tree.county_of(division))


def _month_bounds(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = dt.date(today.year, 1, 1)
    try:
        end = dt.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    if end < start:
        start, end = end, start
    return start, end


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if is_supervisor(user):
        return redirect("supervision:cases")
    if has_role(user, Role.DEPT_OFFICER):
        return redirect("supervision:orders")
    if is_community_worker(user):
        return redirect("supervision:mine")
    return redirect("supervision:scoreboard")


# --- the office's queue and case page --------------------------------------------------------


QUEUE_FILTERS = ("state", "source", "q", "department", "rule")


@login_required
def case_list(request: AuthedRequest) -> HttpResponse:
    _require_office(request)
    filters = {k: request.GET.get(k, "").strip() for k in QUEUE_FILTERS}
    if "state" not in request.GET:
        filters["state"] = "open"
    group = request.GET.get("group", "")
    group = group if group in selectors.QUEUE_GROUPS else ""
    cases = selectors.office_cases(request.user, **filters)
    order = (selectors.QUEUE_GROUPS[group][1],) if group else ()
    groups = selectors.queue_groups(cases, group) if group else []
    cases = cases.order_by(*order, "-created_at", "-id")
    cases = cases.annotate(n_communities=Count("items__community", distinct=True))
    if wants_xlsx(request):
        return table_response(
            _("监督案件"),
            [_("查询码"), _("标题"), _("来源"), _("状态"), _("责任单位"), _("社区/村"), _("涉及社区数"),
             _("违反的规定"), _("登记时间"), _("办结时间")],
            cases.select_related("department", "community"),
            lambda c: [c.tracking_code, c.title, c.get_source_display(), c.get_state_display(),
                       c.department.name if c.department else "", c.community.name if c.community else "",
                       c.n_communities, c.rule_ref, c.created_at, c.closed_at],
        )  # fmt: skip
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    overdue = {
        o.case_id
        for o in selectors.office_orders(request.user).filter(case__in=list(page.object_list))
        if selectors.order_is_overdue(o) or (o.was_overdue and o.accepted_at is None)
    }
    return render(
        request,
        "supervision/case_list.html",
        {
            "page": page,
            "filters": filters,
            "group": group,
            "groups": groups,
            "group_choices": [(k, label) for k, (label, _f) in selectors.QUEUE_GROUPS.items()],
            "group_param": {"source": "source", "rule": "rule", "department": "department"}.get(group, ""),
            "states": CaseState.choices,
            "sources": CaseSource.choices,
            "choices": selectors.queue_filter_choices(request.user),
            "tones": STATE_TONE,
            "overdue": overdue,
        },
    )


@login_required
@require_POST
def case_bulk(request: AuthedRequest) -> HttpResponse:
    """批量办理: verify or dismiss (one reason) the cases ticked in the queue, each on its own."""
    _require_office(request)
    action = request.POST.get("action", "")
    done = run_action(
        request,
        actions.do_bulk_move_cases,
        request.POST.getlist("case"),
        action,
        actor=request.user,
        reason=request.POST.get("reason", ""),
    )
    if done:
        _report_bulk(request, action, done.value)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/"):
        back = reverse("supervision:cases")
    return redirect(back)


def _report_bulk(request: HttpRequest, action: str, result: actions.BulkResult) -> None:
    label = _("开始核查") if action == "verify" else _("核查不属实并了结")
    if result.done:
        names = "、".join(f"#{c.pk}" for c in result.done[:30]) + ("等" if len(result.done) > 30 else "")
        messages.success(
            request, _("已对 {n} 个案件{label}：{names}。").format(n=len(result.done), label=label, names=names)
        )
    if result.refused:
        lines = "；".join(f"#{c.pk}《{c.title}》：{why}" for c, why in result.refused[:20])
        more = _("（另有 {n} 个）").format(n=len(result.refused) - 20) if len(result.refused) > 20 else ""
        messages.error(
            request,
            _("{n} 个案件未能{label}，未作更改：{lines}{more}").format(
                n=len(result.refused), label=label, lines=lines, more=more
            ),
        )
    if result.ignored:
        messages.warning(
            request, _("{n} 个案件不存在或不在您的辖区内，已忽略，未作任何更改。").format(n=result.ignored)
        )


@login_required
def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    case = selectors.get_office_case(request.user, pk)
    return _render_case(request, case)


@login_required
@require_POST
def reporter_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """显示完整联系方式: the one page with the reporter's full name and contact, after an audited POST."""
    _require_office(request)
    case = selectors.get_office_case(request.user, pk)
    clear = run_action(request, actions.do_reveal_reporter, case, actor=request.user)
    if not clear:
        return redirect("supervision:case", pk=case.pk)
    return render_personal_data(request, "supervision/reporter.html", {"case": case, "reporter": clear.value})


def _render_case(request: AuthedRequest, case: Any, **forms: Any) -> HttpResponse:
    edges = [e for e in CASE.available(case, request.user)]
    orders = list(case.orders.select_related("department", "issuing_office").prefetch_related("replies__evidence"))
    items = selectors.case_items(case)
    context = {
        "case": case,
        "info": selectors.case_for_office(case),
        "tone": STATE_TONE.get(case.state, ""),
        "edges": [e for e in edges if e.action in ("verify", "substantiate", "dismiss")],
        "can_decide": any(e.action == "accept" for e in edges),
        "can_order": any(e.action == "issue_order" for e in edges),
        "facts_form": forms.get("facts_form")
        or CaseFactsForm(
            initial={"department": case.department, "rule_ref": case.rule_ref}, departments=_departments(request.user)
        ),
        "can_edit_facts": case.state in (CaseState.RECEIVED, CaseState.VERIFYING, CaseState.SUBSTANTIATED),
        "recheck_form": forms.get("recheck_form") or RecheckForm(),
        "orders": orders,
        "today": timezone.localdate(),
        "evidence": case.evidence.filter(kind="report"),
        "rechecks": case.rechecks.all(),
        "history": selectors.case_history(request.user, case, as_office=True),
        "items": items,
        "item_communities": list(dict.fromkeys(i.community.name for i in items if i.community is not None)),
        "later": selectors.later_cases(case),
    }
    return render(request, "supervision/case_detail.html", context)


@login_required
@require_POST
def case_move(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    case = selectors.get_office_case(request.user, pk)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    if action in ("accept", "send_back"):
        done = run_action(
            request, actions.do_decide_reply, case, actor=request.user, accept=action == "accept", reason=reason
        )
    else:
        done = run_action(request, actions.do_move_case, case, action, actor=request.user, reason=reason)
    if done:
        case.refresh_from_db()
        messages.success(
            request, _("已办理，当前状态：{get_state_display}。").format(get_state_display=case.get_state_display())
        )
    return redirect("supervision:case", pk=case.pk)


@login_required
@require_POST
def case_facts(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    case = selectors.get_office_case(request.user, pk)
    form = CaseFactsForm(request.POST, departments=_departments(request.user))
    if form.is_valid():
        if run_action(
            request,
            actions.do_set_case_facts,
            case,
            actor=request.user,
            department=form.cleaned_data["department"],
            rule_ref=form.cleaned_data["rule_ref"],
            form=form,
        ):
            messages.success(request, _("已保存责任单位和违反的规定。"))
            return redirect("supervision:case", pk=case.pk)
    return _render_case(request, case, facts_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def order_create(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    case = selectors.get_office_case(request.user, pk)
    lines = [i.summary for i in selectors.case_items(case)][:30]
    initial = {
        "facts": "\n".join([case.description, *lines]) if lines else case.description,
        "rule": case.rule_ref,
        "rectification": "立即停止将该事项交由社区承担，已下达的予以撤回，并将整改情况连同佐证材料书面回复。",
        # 督办 practice: a written reply within 15 working days, by the official calendar.
        "deadline": add_working_days(timezone.localdate(), 15),
    }
    form = OrderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, actions.do_issue_order, case, actor=request.user, form=form, **form.cleaned_data)
        if done:
            order = done.value
            messages.success(request, _("已下发督办单{doc_no}。").format(doc_no=order.doc_no))
            return redirect("supervision:order", pk=order.pk)
    return render(request, "supervision/order_form.html", {"form": form, "case": case})


@login_required
@require_POST
def recheck_schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    case = selectors.get_office_case(request.user, pk)
    form = RecheckForm(request.POST)
    if form.is_valid():
        if run_action(request, actions.do_schedule_recheck, case, actor=request.user, form=form, **form.cleaned_data):
            messages.success(request, _("已安排回头看。"))
            return redirect("supervision:case", pk=case.pk)
    return _render_case(request, case, recheck_form=form)


@login_required
@require_POST
def recheck_record(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    recheck = selectors.get_recheck(request.user, pk)
    passed, note = request.POST.get("passed") == "1", request.POST.get("note", "")
    if run_action(request, actions.do_record_recheck, recheck, actor=request.user, passed=passed, note=note):
        messages.success(request, _("已登记回头看结果。"))
    return redirect("supervision:case", pk=recheck.case_id)


# --- 督办单 ----------------------------------------------------------------------------------


@login_required
def order_list(request: AuthedRequest) -> HttpResponse:
    if is_supervisor(request.user):
        orders = selectors.office_orders(request.user)
    elif has_role(request.user, Role.DEPT_OFFICER):
        orders = selectors.department_orders(request.user)
    else:
        raise PermissionDenied(_("仅督办单位和被督办部门可以查看督办单。"))
    page = Paginator(orders, 30).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        {
            "order": o,
            "case": selectors.case_for_department(o.case),
            "overdue": selectors.order_is_overdue(o, today),
            "tone": STATE_TONE.get(o.case.state, ""),
        }
        for o in page.object_list
    ]
    return render(
        request, "supervision/order_list.html", {"page": page, "rows": rows, "office": is_supervisor(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    order = selectors.get_order(request.user, pk)
    office = is_supervisor(request.user)
    case = order.case
    can_reply = any(e.action == "reply" for e in CASE.available(case, request.user)) and (
        actions.current_order(case) == order
    )
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_reply:
            raise Http404(_("未找到可回复的督办单。"))
        if form.is_valid():
            data = form.cleaned_data
            if run_action(
                request, actions.do_reply, order, actor=request.user, text=data["text"], files=data["files"], form=form
            ):
                messages.success(request, _("整改情况已报送，等待督办单位审核。"))
                return redirect("supervision:order", pk=order.pk)
    replies = list(order.replies.prefetch_related("evidence"))
    return render(
        request,
        "supervision/order_detail.html",
        {
            "order": order,
            "case": selectors.case_for_department(case),
            "office": office,
            "can_reply": can_reply,
            "form": form,
            "replies": replies,
            "overdue": selectors.order_is_overdue(order),
            "history": selectors.case_history(request.user, case, as_office=office),
        },
    )


def _order_pdf_bytes(order: Any) -> bytes:
    document = official_document(
        issuer=order.issuing_office, kind=ORDER_NUMBERS, year=order.year, number=order.number,
        title=_("社区减负工作督办单"), recipients=order.department.name, date=order.issued_at,
    )  # fmt: skip
    context = {"order": order, "case": selectors.case_for_department(order.case), **document}
    return render_pdf("supervision/pdf/order.html", context)


@login_required
def order_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    order = selectors.get_order(request.user, pk)
    try:
        data = _order_pdf_bytes(order)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("supervision:order", pk=order.pk)
    return pdf_response(data, f"督办单{order.doc_no}.pdf")


# The office sees every file of its cases; a department only those of its own replies (others: 404).
evidence_file = protected_download(selectors.get_evidence)


# --- community workers -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def worker_report(request: AuthedRequest) -> HttpResponse:
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有社区（村）工作者可以提交反映。"))
    form = WorkerReportForm(request.POST or None, request.FILES or None, departments=_departments(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.do_submit_worker_report,
            actor=request.user,
            title=data["title"],
            description=data["description"],
            department=data["department"],
            rule_ref=data["rule_ref"],
            files=data["files"],
            form=form,
        )
        if done:
            case = done.value
            messages.success(
                request,
                _("已提交，查询码 {tracking_code}。您的身份仅县民政局、组织部可见。").format(
                    tracking_code=case.tracking_code
                ),
            )
            return redirect("supervision:mine")
    return render(request, "supervision/worker_report.html", {"form": form})


@login_required
def my_reports(request: AuthedRequest) -> HttpResponse:
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有社区（村）工作者可以查看自己的反映。"))
    return render(
        request, "supervision/my_reports.html", {"cases": selectors.own_reports(request.user), "tones": STATE_TONE}
    )


# --- 通报 and scoreboard ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notice_list(request: AuthedRequest) -> HttpResponse:
    _require_office(request)
    today = timezone.localdate()
    first = today.replace(day=1)
    form = NoticeForm(request.POST or None, initial={"period_start": first, "period_end": today})
    if request.method == "POST" and form.is_valid():
        done = run_action(request, actions.do_create_notice, actor=request.user, form=form, **form.cleaned_data)
        if done:
            notice = done.value
            messages.success(request, _("通报草稿已生成，请核对后发布。"))
            return redirect("supervision:notice", pk=notice.pk)
    return render(
        request, "supervision/notice_list.html", {"form": form, "notices": selectors.notices_for(request.user)}
    )


@login_required
def notice_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    notice = selectors.get_notice(request.user, pk)
    return render(request, "supervision/notice_detail.html", {"notice": notice, "public": False})


@login_required
@require_POST
def notice_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    notice = selectors.get_notice(request.user, pk)
    if run_action(request, actions.do_publish_notice, notice, actor=request.user):
        messages.success(request, _("通报已发布到公开页面。"))
    return redirect("supervision:notice", pk=notice.pk)


def _notice_pdf(notice: Any) -> HttpResponse | None:
    try:
        document = official_document(
            issuer=notice.office, kind=NOTICE_NUMBERS, year=notice.year, number=notice.number, title=notice.title,
            recipients=_("各乡镇（街道），县直各有关部门"), date=notice.published_at,
        )  # fmt: skip
        data = render_pdf("supervision/pdf/notice.html", {"notice": notice, **document})
    except PdfUnavailable:
        return None
    return pdf_response(data, f"{notice.title}.pdf")


@login_required
def notice_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_office(request)
    notice = selectors.get_notice(request.user, pk)
    response = _notice_pdf(notice)
    if response is None:
        messages.error(request, _("服务器未安装中文字体，暂无法生成 PDF。"))
        return redirect("supervision:notice", pk=notice.pk)
    return response


def _scoreboard_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    rows = rows[::-1]  # a horizontal chart draws its first category at the bottom
    series = {_("台账负担（小时）"): [r["burden_hours"] for r in rows], _("查实问题"): [r["cases"] for r in rows]}
    return bars([r["department"] for r in rows], series, horizontal=True)


@login_required
def scoreboard(request: AuthedRequest) -> HttpResponse:
    start, end = _month_bounds(request)
    rows = selectors.scoreboard(request.user, start, end)
    if wants_xlsx(request):
        return table_response(
            _("部门记分板"),
            [_("部门"), _("台账负担（小时）"), _("查实问题"), _("督办单"), _("逾期回复"), _("未办结"), _("起"),
             _("止")],
            rows,
            lambda r: [r["department"], r["burden_hours"], r["cases"], r["orders"], r["overdue"], r["open"], start,
                       end],
        )  # fmt: skip
    return render(
        request,
        "supervision/scoreboard.html",
        {
            "rows": rows,
            "start": start,
            "end": end,
            "has_burden": any(r["burden_hours"] is not None for r in rows),
            "chart": _scoreboard_chart(rows),
        },
    )


# --- public pages (no login) -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest, county_code: str) -> HttpResponse:
    county = selectors.public_county(county_code)
    departments = selectors.public_departments(county)
    if request.method == "POST" and not ratelimit.allow_public_report(client_ip(request), county.code):
        # Refused, not invalid: the form comes back unbound (no field errors) with what was typed.
        form = PublicReportForm(departments=departments, initial=request.POST.dict())
        return render(
            request,
            "supervision/public_report.html",
            {"form": form, "county": county, "error": ratelimit.MESSAGE},
            status=429,
        )
    form = PublicReportForm(request.POST or None, request.FILES or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(request, actions.do_submit_public_report, county=county, form=form, **data)
        if done:
            request.session["supervision_tracking_code"] = done.value.tracking_code
            return redirect("supervision:public_report_done", county_code=county.code)
    return render(request, "supervision/public_report.html", {"form": form, "county": county})


def public_report_done(request: HttpRequest, county_code: str) -> HttpResponse:
    county = selectors.public_county(county_code)
    code = request.session.get("supervision_tracking_code", "")
    if not code:
        return redirect("supervision:public_report", county_code=county.code)
    return render(request, "supervision/public_report_done.html", {"county": county, "code": code})


def public_track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    status, error = None, ""
    if request.GET and form.is_valid():
        try:
            status = selectors.tracking_status(form.cleaned_data["code"])
        except NotFound as exc:
            error = exc.message
    return render(
        request,
        "supervision/public_track.html",
        {"form": form, "status": status, "error": error, "county": request.GET.get("county", "")},
    )


def public_notices(request: HttpRequest, county_code: str) -> HttpResponse:
    county = selectors.public_county(county_code)
    return render(
        request, "supervision/public_notices.html", {"county": county, "notices": selectors.public_notices(county)}
    )


def public_notice(request: HttpRequest, county_code: str, pk: int) -> HttpResponse:
    county = selectors.public_county(county_code)
    notice = selectors.get_public_notice(county, pk)
    if request.GET.get("format") == "pdf":
        response = _notice_pdf(notice)
        if response is not None:
            return response
    return render(request, "supervision/notice_detail.html", {"notice": notice, "public": True, "county": county})
