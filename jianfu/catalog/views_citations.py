"""The citations page (政策依据): which document each rule rests on; the county's list owners edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.models import Org

from . import actions, selectors
from .citations import DEFAULTS, citations_for, label
from .forms import CitationForm
from .permissions import can_edit_lists


def _county(request: AuthedRequest) -> Org:
    county = selectors.owner_for_user(request.user)
    if county is None:
        raise Http404(_("您所在的组织没有对应的县级清单。"))
    return county


@login_required
def citations(request: AuthedRequest) -> HttpResponse:
    county = _county(request)
    cites = citations_for(county.region_code)
    rows = [(key, label(key), cites[key], DEFAULTS[key][1]) for key in DEFAULTS]
    return render(request, "catalog/citations.html", {
        "county": county, "rows": rows, "can_edit": can_edit_lists(request.user, county),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def citation_edit(request: AuthedRequest, key: str) -> HttpResponse:
    county = _county(request)
    if key not in DEFAULTS:
        raise Http404(_("未找到该规则。"))
    if not can_edit_lists(request.user, county):
        raise PermissionDenied(_("只有本县（区）民政/组织部门可以维护政策依据。"))
    current = citations_for(county.region_code)[key]
    initial = {"title": current.title, "doc_number": current.doc_number, "issuer": current.issuer,
               "section": current.section, "excerpt": current.excerpt}  # fmt: skip
    form = CitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_action(request, actions.do_save_citation, county, actor=request.user, key=key,
                      data=form.cleaned_data, form=form):  # fmt: skip
            messages.success(request, _("已保存“{rule}”的政策依据。").format(rule=label(key)))
            return redirect("catalog:citations")
    return render(request, "catalog/citation_form.html", {"form": form, "rule": label(key), "current": current})


@login_required
@require_POST
def citation_reset(request: AuthedRequest, key: str) -> HttpResponse:
    county = _county(request)
    if key not in DEFAULTS:
        raise Http404(_("未找到该规则。"))
    if run_action(request, actions.do_reset_citation, county, actor=request.user, key=key):
        messages.success(request, _("已恢复“{rule}”的默认依据。").format(rule=label(key)))
    return redirect("catalog:citations")
