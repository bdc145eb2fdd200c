"""Admission pages: apply, see the pre-check, review and decide, the annual plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.catalog.selectors import list_owner_org
from jianfu.core.errors import ActionError
from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.selectors import object_history
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from . import actions, exports, selectors
from .choices import AppKind, AppState, WindowState
from .forms import ApplicationForm, AttachmentForm, ReasonForm
from .permissions import can_apply, can_manage_window
from .transitions import APPLICATION, DANGER_ACTIONS

ACTIONS: dict[str, actions.ApplicationAction] = {
    "pass_first": actions.do_pass_first_review,
    "return_first": actions.do_return_application,
    "return": actions.do_return_application,
    "approve": actions.do_approve_application,
    "reject": actions.do_reject_application,
    "withdraw": actions.do_withdraw_application,
}


def _get(request: HttpRequest, pk: Any) -> Any:
    return selectors.get_application(request.user, pk)


def _townships(user: Any) -> list[tuple[str, str]]:
    county = list_owner_org(user.org) if user.org is not None else None
    if county is None:
        return []
    return list(Org.objects.filter(kind=OrgKind.TOWNSHIP, parent=county, is_active=True).values_list("code", "name"))


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = {k: request.GET.get(k, "").strip() for k in ("state", "kind", "q")}
    qs = selectors.filter_applications(selectors.applications_for(user), **filters)
    if wants_xlsx(request):
        return table_response(
            _("准入申请"),
            [_("编号"), _("事项名称"), _("申请单位"), _("类型"), _("状态"), _("经费（元/年）"), _("经费来源"),
             _("提交时间"), _("审查期限")],
            qs.select_related("applicant_org"),
            lambda a: [a.pk, a.title, a.applicant_org.name, a.get_kind_display(), a.get_state_display(),
                       a.funding_amount, a.funding_source, a.submitted_at, a.due_date],
        )  # fmt: skip
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "admission/list.html",
        {
            "page": page,
            "filters": filters,
            "states": AppState.choices,
            "kinds": AppKind.choices,
            "queue": selectors.review_queue(user)[:20],
            "can_apply": can_apply(user),
            "today": timezone.localdate(),
        },
    )


def _attach(request: HttpRequest, app: Any, form: Any) -> bool:
    upload = request.FILES.get("attachment")
    if not upload:
        return True

    def say(exc: ActionError) -> None:
        messages.error(request, _("申请已保存，但附件未上传：{message}").format(message=exc.message))

    return bool(run_action(request, actions.do_add_attachment, app, actor=request.user, upload=upload, on_error=say))


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest) -> HttpResponse:
    if not can_apply(request.user):
        raise PermissionDenied(_("只有部门或乡镇经办人可以申请准入。"))
    form = ApplicationForm(request.POST or None, request.FILES or None, townships=_townships(request.user))
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request, actions.do_create_application, actor=request.user, data=form.data_for_action(), form=form
        )
        if done:
            app = done.value
            _attach(request, app, form)
            messages.success(request, _("申请已保存为草稿。请检查后提交，提交时将自动预审。"))
            return redirect("admission_detail", pk=app.pk)
    return render(request, "admission/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    app = _get(request, pk)
    if app.applicant_org_id != request.user.org_id or app.state not in actions.EDITABLE:
        raise PermissionDenied(_("只有申请单位可以修改草稿或退回的申请。"))
    initial = {
        **ApplicationForm.initial_workload(app),
        **{
            f: getattr(app, f)
            for f in (
                "kind",
                "affairs",
                "title",
                "description",
                "basis",
                "category",
                "target_scope",
                "target_townships",
            )
        },
    }
    initial["start_date"], initial["end_date"] = app.start_date.isoformat(), app.end_date.isoformat()
    form = ApplicationForm(
        request.POST or None, request.FILES or None, initial=initial, townships=_townships(request.user)
    )
    if request.method == "POST" and form.is_valid():
        if run_action(
            request, actions.do_update_application, app, actor=request.user, data=form.data_for_action(), form=form
        ):
            _attach(request, app, form)
            messages.success(request, _("已保存。"))
            return redirect("admission_detail", pk=app.pk)
    return render(request, "admission/form.html", {"form": form, "creating": False, "app": app})


@login_required
def application_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    app = _get(request, pk)
    user = request.user
    edges = APPLICATION.available(app, user)
    history = object_history(app)
    today = timezone.localdate()
    return render(
        request,
        "admission/detail.html",
        {
            "app": app,
            "edges": [e for e in edges if e.action != "submit"],
            "can_submit": any(e.action == "submit" for e in edges),
            "can_edit": app.state in actions.EDITABLE and app.applicant_org_id == user.org_id,
            "danger": DANGER_ACTIONS,
            "reason_form": ReasonForm(),
            "attachment_form": AttachmentForm()
            if app.applicant_org_id == user.org_id and app.state not in ("approved", "rejected", "withdrawn")
            else None,
            "history": history,
            "overdue": app.due_date and app.due_date < today and app.state in ("submitted", "first_passed"),
        },
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get(request, pk)
    if run_action(request, actions.do_submit_application, app, actor=request.user):
        messages.success(request, _("已提交，等待初审。"))
    return redirect("admission_detail", pk=app.pk)


@login_required
@require_POST
def application_act(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get(request, pk)
    action = request.POST.get("action", "")
    fn = ACTIONS.get(action)
    if fn is None:
        messages.error(request, _("未知的操作。"))
        return redirect("admission_detail", pk=app.pk)
    reason = request.POST.get("reason", "").strip()
    if run_action(request, fn, app, actor=request.user, reason=reason):
        app.refresh_from_db()
        messages.success(request, _("已完成：{get_state_display}。").format(get_state_display=app.get_state_display()))
    return redirect("admission_detail", pk=app.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("admission_detail", pk=app.pk)
    done = run_action(
        request, actions.do_add_attachment, app, actor=request.user, upload=form.cleaned_data["attachment"]
    )
    if done:
        messages.success(request, _("已上传 {original_name}。").format(original_name=done.value.original_name))
    return redirect("admission_detail", pk=app.pk)


# Only those who may see the application get its files (others: 404).
attachment_download = protected_download(lambda user, pk, att_pk: selectors.get_attachment(user, pk, att_pk))


# The annual plan -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_windows(request: AuthedRequest) -> HttpResponse:
    user = request.user
    county = list_owner_org(user.org) if user.org is not None else None
    manage = county is not None and can_manage_window(user, county)
    if request.method == "POST":
        if county is None or not manage:
            raise PermissionDenied(_("只有本县民政局、组织部可以管理年度计划申报。"))
        _plan_window_op(request, county, request.POST.get("op", ""))
        return redirect("admission_plans")
    windows = selectors.windows_for(user)
    if not manage:
        windows = windows.filter(state=WindowState.PUBLISHED)
    return render(
        request,
        "admission/plans.html",
        {"windows": windows, "manage": manage, "next_year": timezone.localdate().year},
    )


def _plan_window_op(request: AuthedRequest, county: Org, op: str) -> None:
    """Open, close or publish a year's plan window, with the outcome as a message."""
    user = request.user
    if op == "open":
        try:
            year = int(request.POST.get("year") or 0)
        except ValueError:
            messages.error(request, _("年度不正确。"))
            return
        if run_action(request, actions.do_open_plan_window, county, actor=user, year=year):
            messages.success(request, _("已开启年度计划申报。"))
        return
    window = selectors.get_window(user, request.POST.get("window"))
    if op == "close" and run_action(request, actions.do_close_plan_window, window, actor=user):
        messages.success(request, _("已截止申报。"))
    elif op == "publish" and run_action(request, actions.do_publish_plan, window, actor=user):
        messages.success(request, _("已发布年度社区工作事项计划清单。"))


def _window(request: AuthedRequest, pk: int) -> Any:
    user = request.user
    county = list_owner_org(user.org) if user.org is not None else None
    manage = county is not None and can_manage_window(user, county)
    return selectors.get_window(user, pk, published_only=not manage)


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    window = _window(request, pk)
    rows = exports.plan_rows(window)
    return render(request, "admission/plan.html", {"window": window, "rows": rows, "totals": exports.plan_totals(rows)})


@login_required
def plan_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    return exports.plan_xlsx(_window(request, pk))


@login_required
def plan_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    from jianfu.core.pdf import PdfUnavailable

    window = _window(request, pk)
    try:
        return exports.plan_pdf(window)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("admission_plan", pk=window.pk)
