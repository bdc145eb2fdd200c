"""Pages of the community's certificate register, refusals and the seal log."""

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

from jianfu.core.gongwen import doc_prefix, official_document
from jianfu.core.numbering import format_number
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.reveal import personal_data_response, render_personal_data
from jianfu.core.typing import AuthedRequest
from jianfu.core.xlsx import xlsx_response

from . import actions, exports, selectors
from .choices import RefusalRule
from .forms import IssueForm, RefusalForm, SealForm
from .permissions import can_issue, can_read_register, sees_clear
from .verdict import verdict


def _reader(request: AuthedRequest) -> None:
    if not can_read_register(request.user):
        raise PermissionDenied(_("您没有查看证明登记的权限。"))


def _worker(request: AuthedRequest) -> Any:
    if not can_issue(request.user):
        raise PermissionDenied(_("只有社区（村）工作人员可以登记。"))
    return request.user.org


def _agencies(org: Any) -> list[tuple[str, str]]:
    return [(str(d.pk), d.name) for d in selectors.agencies(org)]


def _rows(certs: list[Any], people: list[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """The register's rows: residents masked, or as revealed (``people``, in the same order)."""
    people = people if people is not None else [selectors.masked_person(c) for c in certs]
    return [{"cert": c, "name": n, "id_number": i} for c, (n, i) in zip(certs, people, strict=True)]


@login_required
def register(request: AuthedRequest) -> HttpResponse:
    _reader(request)
    page = Paginator(selectors.certificates_for(request.user), 30).get_page(request.GET.get("page"))
    refusal_form = RefusalForm(agencies=_agencies(request.user.org)) if can_issue(request.user) else None
    context = {
        "page": page,
        "rows": _rows(list(page.object_list)),
        "can_issue": can_issue(request.user),
        "refusal_form": refusal_form,
        "rules": RefusalRule.choices,
    }
    return render(request, "certs/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register_export(request: AuthedRequest) -> HttpResponse:
    """The register as Excel: masked; the issuing community's POST (导出完整信息) has it in clear, audited."""
    _reader(request)
    certs = list(selectors.certificates_for(request.user)[:5000])
    if request.method == "POST":
        if not can_issue(request.user):
            raise PermissionDenied(_("只有出具证明的社区（村）可以导出居民的完整信息。"))
        if not certs:
            messages.info(request, _("暂无可导出的证明。"))
            return redirect("certs:register")
        people = actions.do_reveal_residents(certs, actor=request.user, export=True)
        response = xlsx_response(exports.register_workbook(_rows(certs, people)), _("证明出具登记（完整信息）.xlsx"))
        return personal_data_response(response)
    return xlsx_response(exports.register_workbook(_rows(certs)), _("证明出具登记.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: AuthedRequest) -> HttpResponse:
    community = _worker(request)
    items = [(i.code, f"{i.code} {i.title}") for i in selectors.allowed_certificates(community)]
    form = IssueForm(request.POST or None, items=items, agencies=_agencies(community))
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request, actions.do_issue_certificate, community, actor=request.user, data=form.cleaned_data, form=form
        )
        if done:
            messages.success(request, _("已出具证明 %(no)s。") % {"no": done.value.doc_no})
            return redirect("certs:certificate", pk=done.value.pk)
    return render(request, "certs/issue.html", {"form": form})


@login_required
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    _reader(request)
    cert = selectors.get_certificate(request.user, pk)
    name, number = selectors.masked_person(cert)
    context = {
        "cert": cert,
        "name": name,
        "id_number": number,
        "clear": False,
        "may_reveal": sees_clear(request.user, cert),
    }
    return render(request, "certs/certificate.html", context)


@login_required
@require_POST
def certificate_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """显示完整信息: the one page with the resident's full name and ID number, after an audited POST."""
    _reader(request)
    cert = selectors.get_certificate(request.user, pk)
    done = run_action(request, actions.do_reveal_residents, [cert], actor=request.user)
    if not done:
        return redirect("certs:certificate", pk=cert.pk)
    (name, number) = done.value[0]
    context = {"cert": cert, "name": name, "id_number": number, "clear": True, "may_reveal": False}
    return render_personal_data(request, "certs/certificate.html", context)


@login_required
@require_POST
def refuse(request: AuthedRequest) -> HttpResponse:
    """One tap: the request typed, the rule tapped (or the verdict's rule when none is tapped)."""
    community = _worker(request)
    form = RefusalForm(request.POST, agencies=_agencies(community))
    data: dict[str, Any] = dict(form.cleaned_data) if form.is_valid() else {"request": request.POST.get("request", "")}
    if data.get("request") and not data.get("rule"):
        found = verdict(selectors.list_owner_org(community) or community, data["request"])
        data["rule"], data["item_code"] = found.refusal_rule, found.item.code if found.item else ""
    done = run_action(request, actions.do_record_refusal, community, actor=request.user, data=data)
    if done:
        return redirect("certs:refusal", pk=done.value.pk)
    return redirect("certs:register")


@login_required
def refusals(request: AuthedRequest) -> HttpResponse:
    _reader(request)
    page = Paginator(selectors.refusals_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "certs/refusals.html", {"page": page, "can_issue": can_issue(request.user)})


@login_required
def refusal(request: AuthedRequest, pk: int) -> HttpResponse:
    _reader(request)
    obj = selectors.get_refusal(request.user, pk)
    mine = can_issue(request.user) and request.user.org_id == obj.community_id
    return render(request, "certs/refusal.html", {"refusal": obj, "mine": mine})


def _refusal_document(obj: Any) -> dict[str, Any]:
    """The slip as a 公文 (GB/T 9704-2012) headed by the community's name; its number as issued,
    or with the 机关代字 once the deployment configured one."""
    prefixed = doc_prefix(obj.community, "certs.refusal")
    return official_document(
        issuer=obj.community, title=_("不予出具证明告知单"), mark_suffix="", date=obj.created_at,
        doc_no=format_number(obj.year, obj.number, prefix=prefixed) if prefixed else obj.doc_no,
    )  # fmt: skip


@login_required
def refusal_slip(request: AuthedRequest, pk: int) -> HttpResponse:
    _reader(request)
    obj = selectors.get_refusal(request.user, pk)
    try:
        data = render_pdf("certs/pdf/refusal.html", {"refusal": obj, **_refusal_document(obj)})
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("certs:refusal", pk=obj.pk)
    return pdf_response(data, f"不予出具告知单{obj.doc_no}.pdf")


@login_required
@require_POST
def refusal_report(request: AuthedRequest, pk: int) -> HttpResponse:
    _worker(request)
    obj = selectors.get_refusal(request.user, pk)
    if run_action(request, actions.do_report_refusal, obj, actor=request.user):
        messages.success(request, _("已转县民政局监督，附本县对该证明的认定。"))
    return redirect("certs:refusal", pk=obj.pk)


@login_required
@require_http_methods(["GET", "POST"])
def seal_log(request: AuthedRequest) -> HttpResponse:
    _reader(request)
    form = None
    if can_issue(request.user):
        community = _worker(request)
        scope = [(i.code, f"{i.code} {i.title}") for i in selectors.seal_scope(community)]
        form = SealForm(request.POST or None, scope=scope, agencies=_agencies(community))
        if request.method == "POST" and form.is_valid():
            done = run_action(
                request, actions.do_use_seal, community, actor=request.user, data=form.cleaned_data, form=form
            )
            if done:
                if done.value.in_scope:
                    messages.success(request, _("已登记用印。"))
                else:
                    messages.warning(request, _("已登记用印。该用印超出印章使用范围，已记入负担台账并转监督。"))
                return redirect("certs:seal")
    elif request.method == "POST":
        raise PermissionDenied(_("只有社区（村）工作人员可以登记用印。"))
    page = Paginator(selectors.seal_uses_for(request.user), 30).get_page(request.GET.get("page"))
    org = request.user.org
    scope_items = list(selectors.seal_scope(org)) if org is not None else []
    return render(request, "certs/seal.html", {"form": form, "page": page, "scope": scope_items})
