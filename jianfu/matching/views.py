"""The synonym lexicon page (同义词库): everyone signed in reads their county's; its list owners edit."""

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
from .forms import GroupForm
from .permissions import can_edit_lexicon


def _county(request: AuthedRequest) -> Org:
    county = selectors.county_for(request.user)
    if county is None:
        raise Http404(_("未找到您所在县（区）的清单。"))
    return county


@login_required
@require_http_methods(["GET", "POST"])
def lexicon(request: AuthedRequest) -> HttpResponse:
    county = _county(request)
    can_edit = can_edit_lexicon(request.user, county)
    form = GroupForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("只有本县（区）民政/组织部门可以维护同义词库。"))
        if form.is_valid() and run_action(
            request, actions.do_save_group, actor=request.user, county=county, data=form.cleaned_data, form=form
        ):
            messages.success(
                request, _("已保存同义词组“{term}”，派发审查即时生效。").format(term=form.cleaned_data["term"])
            )
            return redirect("matching:lexicon")
    groups, own, field_groups = selectors.groups_for(county)
    return render(
        request,
        "matching/lexicon.html",
        {"county": county, "groups": groups, "own": own, "field_groups": field_groups, "form": form,
         "can_edit": can_edit},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    group = selectors.get_group(request.user, pk)
    county = _county(request)
    if not can_edit_lexicon(request.user, county):
        raise PermissionDenied(_("只有本县（区）民政/组织部门可以维护同义词库。"))
    form = GroupForm(
        request.POST or None,
        initial={"kind": group.kind, "term": group.term, "aliases": group.aliases, "note": group.note},
    )
    form.fields["kind"].disabled = True  # a group keeps its kind
    if request.method == "POST" and form.is_valid():
        if run_action(
            request, actions.do_save_group, actor=request.user, county=county, data=form.cleaned_data,
            group=group, form=form,
        ):  # fmt: skip
            messages.success(request, _("已修改同义词组“{term}”。").format(term=form.cleaned_data["term"]))
            return redirect("matching:lexicon")
    return render(request, "matching/group_form.html", {"group": group, "form": form})


@login_required
@require_POST
def group_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    group = selectors.get_group(request.user, pk)
    county = _county(request)
    term = group.term
    if run_action(request, actions.do_delete_group, group, actor=request.user, county=county):
        messages.success(request, _("已删除同义词组“{term}”。").format(term=term))
    return redirect("matching:lexicon")
