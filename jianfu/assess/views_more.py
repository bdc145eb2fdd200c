"""Assessment pages: scores (by hand, from Excel), the two-way ratings, the public results."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jianfu.core.errors import ActionError
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.core.xlsx import TemplateColumn, instructions_sheet, template_sheet, write_rows, xlsx_response
from jianfu.orgs import tree

from . import actions, selectors
from .forms import ImportForm, RatingForm
from .models import Scheme
from .permissions import can_see_ratings, is_community_worker, owns_scheme
from .views import _must_see, detail_page, score_form


def _owned(request: AuthedRequest, pk: int) -> Scheme:
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    if not owns_scheme(scheme, request.user):
        raise PermissionDenied(_("只有本乡镇（街道）可以评分。"))
    return scheme


@login_required
@require_POST
def score_enter(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = _owned(request, pk)
    form = score_form(scheme, request.POST)
    if form.is_valid():
        if run_action(request, actions.do_enter_score, scheme, actor=request.user, form=form, **form.cleaned_data):
            messages.success(request, _("已保存得分。"))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, score_form=form)


@login_required
@require_POST
def score_import(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = _owned(request, pk)
    form = ImportForm(request.POST, request.FILES)
    errors: list[dict] = []

    def show(exc: ActionError) -> None:
        form.add_error(None, exc.message)
        errors.extend(exc.errors)

    if form.is_valid():
        done = run_action(
            request,
            actions.do_import_scores,
            scheme,
            actor=request.user,
            upload=form.cleaned_data["file"],
            on_error=show,
        )
        if done:
            messages.success(request, _("已导入 {n} 项得分。").format(n=done.value))
            return redirect("assess:detail", pk=scheme.pk)
    return detail_page(request, scheme, import_form=form, import_errors=errors)


@login_required
@require_GET
def template(request: AuthedRequest, pk: int) -> HttpResponse:
    """The Excel template: one row per community, one column per indicator."""
    from openpyxl import Workbook

    scheme = _owned(request, pk)
    indicators = list(scheme.indicators.all())
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("得分")
    rows = [[_("社区编码"), _("社区名称"), *[i.title for i in indicators]]]
    rows += [[c.code, c.name] for c in tree.grassroots_of(scheme.township).order_by("code")]
    write_rows(sheet, rows)
    columns = [
        TemplateColumn(_("社区编码"), 16, required=True, note=_("已按本乡镇（街道）的社区（村）填好，请勿修改。")),
        TemplateColumn(_("社区名称"), 20, note=_("仅供对照，导入时不读取。")),
        *[TemplateColumn(i.title, max(12, min(len(i.title) * 2 + 2, 30)), kind="decimal", maximum=100,
                         note=_("得分，0 至 100 的数字（保留一位小数）；留空表示暂不录入。")) for i in indicators],
    ]  # fmt: skip
    template_sheet(workbook, sheet, columns)
    instructions_sheet(
        workbook,
        columns,
        rules=[_("任一单元格有误则整表不导入，并列出每个错误的行号和列。"), _("仅读取第一个工作表；请勿修改表头。")],
    )
    return xlsx_response(workbook, f"{scheme.title}-得分模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def ratings(request: AuthedRequest) -> HttpResponse:
    """A community rates the township and departments; the county and township see the summary."""
    user = request.user
    rater = is_community_worker(user)
    if not rater and not can_see_ratings(user):
        raise PermissionDenied(_("您无权查看履职履约评价。"))
    form = None
    if rater and user.org is not None:
        targets = [(t.code, t.name) for t in actions.rating_targets(user.org)]
        form = RatingForm(request.POST or None, targets=targets, initial={"year": timezone.localdate().year})
        if request.method == "POST" and form.is_valid():
            if run_action(request, actions.do_rate, actor=user, form=form, **form.cleaned_data):
                messages.success(request, _("已保存评价。"))
                return redirect("assess:ratings")
    elif request.method == "POST":
        raise PermissionDenied(_("只有社区（村）可以进行履职履约评价。"))
    year = request.GET.get("year", "")
    year_value = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    context = {
        "form": form,
        "summary": selectors.rating_summary(user, year_value),
        "mine": selectors.ratings_for(user)[:100] if rater else [],
        "year": year_value,
    }
    return render(request, "assess/ratings.html", context)


@require_GET
def public_results(request: HttpRequest, county_code: str) -> HttpResponse:
    """Published results of a county's townships (no login)."""
    county = selectors.public_county(county_code)
    blocks = []
    for scheme in selectors.published_schemes(county)[:50]:
        indicators, rows = selectors.results(scheme)
        blocks.append({"scheme": scheme, "indicators": indicators, "rows": rows})
    return render(request, "assess/public.html", {"county": county, "blocks": blocks, "today": dt.date.today()})
