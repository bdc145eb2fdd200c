"""Third-party evaluation pages: the township appoints an evaluator, who scores with evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest

from . import assessors, selectors
from .forms import AppointForm, ScoreForm
from .permissions import owns_scheme
from .views import detail_page
from .views_objections import _assessor_choices, _scheme


@login_required
@require_POST
def appoint(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    if not owns_scheme(scheme, request.user):
        raise PermissionDenied(_("只有本乡镇（街道）可以委托第三方评估。"))
    form = AppointForm(request.POST)
    if form.is_valid():
        if run_action(
            request, assessors.do_appoint_assessor, scheme, actor=request.user, form=form, **form.cleaned_data
        ):
            messages.success(request, _("已委托第三方评估人。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, appoint_form=form)


@login_required
@require_POST
def assessor_score(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    if not assessors.is_assessor(scheme, request.user):
        raise PermissionDenied(_("您不是本考核方案的第三方评估人。"))
    communities, manual = _assessor_choices(scheme)
    form = ScoreForm(request.POST, communities=communities, indicators=manual)
    if form.is_valid():
        files = request.FILES.getlist("files")
        if run_action(
            request,
            assessors.do_assessor_score,
            scheme,
            actor=request.user,
            form=form,
            files=files,
            **form.cleaned_data,
        ):
            messages.success(request, _("已保存评估得分。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, assessor_form=form)


# The township that owns the scheme and the community scored; a 404 for everyone else.
evidence_file = protected_download(selectors.get_evidence)
