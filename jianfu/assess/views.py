"""Assessment pages: the schemes, one scheme (indicators, workflow, results)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.catalog.selectors import current_items
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree

from . import actions, selectors
from .forms import ImportForm, IndicatorForm, SchemeForm, ScoreForm
from .permissions import can_see_assess, is_township_assessor, owns_scheme
from .transitions import SCHEME, scheme_problem


def _must_see(request: AuthedRequest) -> None:
    if not can_see_assess(request.user):
        raise PermissionDenied(_("部门不参与社区综合考核（由乡镇、街道统一考核）。"))


@login_required
def scheme_list(request: AuthedRequest) -> HttpResponse:
    _must_see(request)
    schemes = selectors.schemes_for(request.user)[:200]
    return render(request, "assess/list.html", {"schemes": schemes, "can_create": is_township_assessor(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def scheme_new(request: AuthedRequest) -> HttpResponse:
    if not is_township_assessor(request.user):
        if request.method == "POST" and actions.is_department_officer(request.user):
            year = request.POST.get("year", "")
            # refused, and recorded as a breach with a supervision case (seed 000)
            run_action(request, actions.do_create_scheme, actor=request.user, year=int(year) if year.isdigit() else 0)
        raise PermissionDenied(_("只有乡镇（街道）可以对社区进行综合考核；部门不得单独考核社区。"))
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, actions.do_create_scheme, actor=request.user, form=form, **form.cleaned_data)
        if done:
            return redirect("assess:detail", pk=done.value.pk)
    return render(request, "assess/new.html", {"form": form})


def _item_choices(scheme: Any) -> list[tuple[str, str]]:
    # every current item is offered; the action refuses plaques and 创建达标 with the rule's words
    items = current_items(scheme.township)
    return [(i.code, f"{i.code} {i.title}") for i in items[:500]]


def score_form(scheme: Any, data: Any = None) -> ScoreForm:
    communities = [(c.code, c.name) for c in tree.grassroots_of(scheme.township).order_by("code")]
    indicators = [(str(i.pk), f"{i.title}（{i.weight}%）") for i in scheme.indicators.all()]
    return ScoreForm(data, communities=communities, indicators=indicators)


def detail_page(request: AuthedRequest, scheme: Any, **extra: Any) -> HttpResponse:
    from .views_objections import objection_forms

    user = request.user
    owner = owns_scheme(scheme, user)
    indicators, rows = selectors.results_for(user, scheme)
    context = {
        "scheme": scheme,
        "indicators": indicators,
        "rows": rows,
        "owner": owner,
        "buttons": SCHEME.available(scheme, user),
        "problem": scheme_problem(scheme) if scheme.state == "draft" else None,
        "resident_share": sum(i.weight for i in indicators if i.is_resident),
        "indicator_form": IndicatorForm(items=_item_choices(scheme)) if owner and scheme.state == "draft" else None,
        "score_form": score_form(scheme) if owner and scheme.state == "scoring" else None,
        "import_form": ImportForm() if owner and scheme.state == "scoring" else None,
        "evidence": list(selectors.evidence_for(user, scheme)),
        **objection_forms(scheme, user),
        **extra,
    }
    return render(request, "assess/detail.html", context)


@login_required
def scheme_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _must_see(request)
    return detail_page(request, selectors.get_scheme(request.user, pk))


@login_required
@require_POST
def indicator_add(request: AuthedRequest, pk: int) -> HttpResponse:
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    if not owns_scheme(scheme, request.user):
        raise PermissionDenied(_("只有本乡镇（街道）可以修改考核方案。"))
    form = IndicatorForm(request.POST, items=_item_choices(scheme))
    if form.is_valid():
        done = run_action(request, actions.do_add_indicator, scheme, actor=request.user, form=form, **form.cleaned_data)
        if done:
            messages.success(request, _("已添加指标。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, indicator_form=form)


@login_required
@require_POST
def indicator_remove(request: AuthedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    indicator = scheme.indicators.filter(pk=indicator_pk).first()
    if indicator is None:
        raise Http404(_("未找到该指标。"))
    if run_action(request, actions.do_remove_indicator, indicator, actor=request.user):
        messages.success(request, _("已删除指标。"))
    return redirect("assess:detail", pk=scheme.pk)


ACTS = {"open": actions.do_open_scoring, "publish": actions.do_publish_scheme, "reopen": actions.do_reopen_scheme}


@login_required
@require_POST
def act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    fn = ACTS.get(action)
    if fn is None:
        raise Http404(_("未知的操作。"))
    kwargs: dict[str, Any] = {"reason": request.POST.get("reason", "")} if action == "reopen" else {}
    edge = SCHEME.edges.get((scheme.state, action))
    if run_action(request, fn, scheme, actor=request.user, **kwargs) and edge is not None:
        messages.success(request, _("已完成：{label}。").format(label=edge.label))
    return redirect("assess:detail", pk=scheme.pk)
