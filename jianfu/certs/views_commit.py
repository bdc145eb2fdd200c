"""Pages of 告知承诺: the county's templates and the community's signed commitments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.catalog.selectors import owner_for_user
from jianfu.core.errors import NotFound
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.security import do_record_personal_data_view

from . import actions, selectors
from .forms import CommitmentForm, TemplateForm, VerifyForm
from .permissions import can_edit_templates, can_issue, can_read_register, can_verify, sees_clear
from .views import _agencies, _worker


def _county(request: AuthedRequest) -> Org:
    if not can_edit_templates(request.user):
        raise PermissionDenied(_("只有县级民政、组织部门可以维护告知承诺书模板。"))
    county = owner_for_user(request.user)
    if county is None:
        raise PermissionDenied(_("您没有可维护的县（区）。"))
    return county


@login_required
def templates(request: AuthedRequest) -> HttpResponse:
    county = _county(request)
    existing = {t.item_code: t for t in selectors.templates_of(county)}
    items = list(selectors.allowed_certificates(county)) + list(selectors.forbidden_certificates(county))
    rows = [{"item": i, "template": existing.get(i.code)} for i in items]
    return render(request, "certs/templates.html", {"rows": rows, "county": county})


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedRequest, code: str) -> HttpResponse:
    county = _county(request)
    items = selectors.allowed_certificates(county) | selectors.forbidden_certificates(county)
    item = items.filter(code=code).first()
    if item is None:
        raise NotFound(_("未找到该证明事项。"))
    current = selectors.template_for(county, code)
    initial = (
        {"title": current.title, "body": current.body, "verifier": current.verifier}
        if current
        else {
            "title": f"{item.title}告知承诺书",
            "body": _("本人承诺：所填报信息真实、准确、完整；如有虚假，愿意承担相应法律责任，并记入信用记录。"),
        }
    )
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "item_code": code}
        if run_action(request, actions.do_save_template, county, actor=request.user, data=data, form=form):
            messages.success(request, _("模板已保存。"))
            return redirect("certs:templates")
    return render(request, "certs/template_form.html", {"form": form, "item": item})


@login_required
def commitments(request: AuthedRequest) -> HttpResponse:
    if not (can_read_register(request.user) or has_role(request.user, Role.DEPT_OFFICER)):
        raise PermissionDenied(_("您没有查看告知承诺的权限。"))
    page = Paginator(selectors.commitments_for(request.user), 30).get_page(request.GET.get("page"))
    rows = [{"c": c, "name": selectors.person(request.user, c)[0]} for c in page.object_list]
    return render(request, "certs/commitments.html", {"page": page, "rows": rows, "can_issue": can_issue(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def commitment_new(request: AuthedRequest) -> HttpResponse:
    community = _worker(request)
    county = selectors.list_owner_org(community)
    items = [(t.item_code, t.title) for t in selectors.templates_of(county)] if county else []
    form = CommitmentForm(request.POST or None, items=items, agencies=_agencies(community))
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request, actions.do_sign_commitment, community, actor=request.user, data=form.cleaned_data, form=form
        )
        if done:
            messages.success(request, _("已登记告知承诺 %(no)s。") % {"no": done.value.doc_no})
            return redirect("certs:commitment", pk=done.value.pk)
    return render(request, "certs/commitment_form.html", {"form": form})


@login_required
def commitment(request: AuthedRequest, pk: int) -> HttpResponse:
    obj = selectors.get_commitment(request.user, pk)
    name, number = selectors.person(request.user, obj)
    if sees_clear(request.user, obj):  # audited (issue 20)
        do_record_personal_data_view(request.user, obj, fields=["resident_name", "resident_id"])
    form = VerifyForm() if can_verify(request.user, obj) and obj.state == "signed" else None
    return render(request, "certs/commitment.html", {"c": obj, "name": name, "id_number": number, "form": form})


@login_required
def commitment_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    obj = selectors.get_commitment(request.user, pk)
    name, number = selectors.person(request.user, obj)
    try:
        data = render_pdf("certs/pdf/commitment.html", {"c": obj, "name": name, "id_number": number})
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("certs:commitment", pk=obj.pk)
    return pdf_response(data, f"告知承诺书{obj.doc_no}.pdf")


@login_required
@require_POST
def commitment_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    obj = selectors.get_commitment(request.user, pk)
    result = request.POST.get("result", "")
    done = run_action(
        request, actions.do_verify_commitment, obj, actor=request.user, result=result, note=request.POST.get("note", "")
    )
    if done:
        messages.success(request, _("已登记核查结果。"))
    return redirect("certs:commitment", pk=obj.pk)
