"""Pages of 告知承诺: the county's templates and the community's signed commitments."""

from __future__ import annotations

from typing import Any

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
from jianfu.core.reveal import personal_data_response, render_personal_data
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role

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
    rows = [{"c": c, "name": selectors.masked_person(c)[0]} for c in page.object_list]
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
    name, number = selectors.masked_person(obj)  # in clear only after 显示完整信息 (audited POST)
    return render(request, "certs/commitment.html", _commitment_context(request, obj, name, number, clear=False))


def _commitment_context(request: AuthedRequest, obj: Any, name: str, number: str, *, clear: bool) -> dict[str, Any]:
    form = VerifyForm() if can_verify(request.user, obj) and obj.state == "signed" else None
    return {"c": obj, "name": name, "id_number": number, "form": form, "clear": clear,
            "may_reveal": not clear and sees_clear(request.user, obj)}  # fmt: skip


@login_required
@require_POST
def commitment_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """显示完整信息: the commitment with the resident's full name and ID number, after an audited POST."""
    obj = selectors.get_commitment(request.user, pk)
    done = run_action(request, actions.do_reveal_commitment, obj, actor=request.user)
    if not done:
        return redirect("certs:commitment", pk=obj.pk)
    name, number = done.value
    return render_personal_data(
        request, "certs/commitment.html", _commitment_context(request, obj, name, number, clear=True)
    )


@login_required
def commitment_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The commitment for the resident to sign: in clear for the community that took it (printing is
    a reveal, audited), masked for everyone else who may read it."""
    obj = selectors.get_commitment(request.user, pk)
    if sees_clear(request.user, obj):
        name, number = actions.do_reveal_commitment(obj, actor=request.user, printing=True)
    else:
        name, number = selectors.masked_person(obj)
    try:
        data = render_pdf("certs/pdf/commitment.html", {"c": obj, "name": name, "id_number": number})
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("certs:commitment", pk=obj.pk)
    return personal_data_response(pdf_response(data, f"告知承诺书{obj.doc_no}.pdf"))


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
