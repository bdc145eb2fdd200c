"""Objection pages (deadline, raise once, decide) and the per-community result PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jianfu.core.errors import NotFound
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree

from . import assessors, objections, selectors
from .forms import AppointForm, DeadlineForm, DecideForm, ObjectionForm, ScoreForm
from .models import Scheme
from .permissions import is_community_worker, owns_scheme
from .views import _must_see, detail_page


def _assessor_choices(scheme: Scheme) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    communities = [(c.code, c.name) for c in tree.grassroots_of(scheme.township).order_by("code")]
    manual = [(str(i.pk), i.title) for i in scheme.indicators.filter(kind="item", method="manual")]
    return communities, manual


def objection_forms(scheme: Scheme, user: Any) -> dict[str, Any]:
    """Context for the detail page: the objections the user may see and the forms it may use."""
    scoring = scheme.state == "scoring"
    owner = owns_scheme(scheme, user)
    mine = is_community_worker(user) and user.org.parent_id == scheme.township_id
    listed = list(selectors.objections_for(user, scheme))
    indicators = [(str(i.pk), i.title) for i in scheme.indicators.all()]
    communities, manual = _assessor_choices(scheme)
    evaluator = scoring and assessors.is_assessor(scheme, user)
    return {
        "assessors": list(scheme.assessors.select_related("user")),
        "appoint_form": AppointForm() if owner and scheme.state != "published" else None,
        "assessor_form": ScoreForm(communities=communities, indicators=manual) if evaluator else None,
        "objections": listed,
        "deadline_form": DeadlineForm(initial={"deadline": scheme.objection_deadline}) if owner and scoring else None,
        "decide_form": DecideForm() if owner and scoring else None,
        "objection_form": (
            ObjectionForm(indicators=indicators)
            if mine and scoring and scheme.objection_deadline and not listed
            else None
        ),
    }


def _scheme(request: AuthedRequest, pk: int) -> Scheme:
    _must_see(request)
    return selectors.get_scheme(request.user, pk)


@login_required
@require_POST
def set_deadline(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    if not owns_scheme(scheme, request.user):
        raise PermissionDenied(_("只有本乡镇（街道）可以设置异议期。"))
    form = DeadlineForm(request.POST)
    if form.is_valid():
        done = run_action(
            request, objections.do_set_objection_deadline, scheme, actor=request.user, form=form, **form.cleaned_data
        )
        if done:
            messages.success(request, _("已设置异议期。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, deadline_form=form)


@login_required
@require_POST
def raise_objection(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有被考核的社区（村）可以对本社区得分提出异议。"))
    form = ObjectionForm(request.POST, indicators=[(str(i.pk), i.title) for i in scheme.indicators.all()])
    if form.is_valid():
        done = run_action(
            request, objections.do_raise_objection, scheme, actor=request.user, form=form, **form.cleaned_data
        )
        if done:
            messages.success(request, _("已提交异议，等待乡镇（街道）决定。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, objection_form=form)


@login_required
@require_POST
def decide(request: AuthedRequest, pk: int, objection_pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    if not owns_scheme(scheme, request.user):
        raise PermissionDenied(_("只有本乡镇（街道）可以决定异议。"))
    objection = selectors.get_objection(request.user, scheme, objection_pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        done = run_action(
            request, objections.do_decide_objection, objection, actor=request.user, form=form, **form.cleaned_data
        )
        if done:
            messages.success(request, _("已决定异议。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, decide_form=form)


@login_required
@require_GET
def community_pdf(request: AuthedRequest, pk: int, community_code: str) -> HttpResponse:
    """One community's result with the breakdown (each score, its source and how it was computed)."""
    scheme = _scheme(request, pk)
    if scheme.state == "draft":
        raise NotFound(_("考核方案尚未开始评分。"))
    community = tree.grassroots_of(scheme.township).filter(code=community_code).first()
    user = request.user
    if community is None or (is_community_worker(user) and user.org_id != community.pk):
        raise NotFound(_("未找到该社区。"))
    _indicators, rows = selectors.results(scheme)
    row = next(r for r in rows if r.community.pk == community.pk)
    breakdown = selectors.breakdown(scheme, community)
    context = {"scheme": scheme, "community": community, "row": row, "total_rows": len(rows), "lines": breakdown}
    try:
        data = render_pdf("assess/pdf/community.html", context)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return pdf_response(data, f"{scheme.title}-{community.name}.pdf")
