"""Staff pages of vote rounds (the community opens a round, prints its household codes, closes
and counts it) and the numbers page for townships and the county, with its Excel export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.typing import AuthedRequest
from jianfu.core.xlsx import write_rows, xlsx_response

from . import actions, selectors
from .choices import ProjectState
from .forms import CodesForm, RoundForm
from .models import Project
from .permissions import is_community_of, is_community_worker


def _round_form(request: AuthedRequest) -> RoundForm:
    mine = Project.objects.restrict(request.user).filter(
        community=request.user.org, state__in=[ProjectState.DELIBERATING, ProjectState.ACCEPTING]
    )
    choices = [(str(p.pk), f"【{p.get_state_display()}】{p.title}") for p in mine.order_by("id")]
    return RoundForm(request.POST or None, projects=choices)


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: AuthedRequest) -> HttpResponse:
    if not is_community_worker(request.user):
        raise PermissionDenied(_("只有社区工作者可以发起居民投票。"))
    form = _round_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = Project.objects.restrict(request.user).filter(pk__in=data.pop("projects"))
        done = run_action(request, actions.do_open_round, actor=request.user, projects=chosen, form=form, **data)
        if done:
            return redirect("projects:round", pk=done.value.pk)
    return render(request, "projects/round_new.html", {"form": form})


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    vote_round = selectors.get_round(request.user, pk)
    mine = is_community_of(vote_round, request.user)
    return render(
        request,
        "projects/round.html",
        {"r": vote_round, "rows": selectors.round_results(vote_round), "mine": mine, "codes_form": CodesForm()},
    )


@login_required
@require_POST
def round_codes(request: AuthedRequest, pk: int) -> HttpResponse:
    """Generates the codes and hands them out once, as a workbook or a printable PDF."""
    vote_round = selectors.get_round(request.user, pk)
    if not is_community_of(vote_round, request.user):
        raise PermissionDenied(_("只有本社区的社区工作者可以生成投票码。"))
    form = CodesForm(request.POST)
    fmt = request.POST.get("format") or "xlsx"
    if not form.is_valid():
        messages.error(request, _("生成数量须在 1—50000 之间。"))
        return redirect("projects:round", pk=vote_round.pk)
    if fmt == "pdf":
        try:
            render_pdf("projects/codes_pdf.html", {"r": vote_round, "codes": []})
        except PdfUnavailable as exc:  # before any code is made: none is wasted
            messages.error(request, str(exc))
            return redirect("projects:round", pk=vote_round.pk)
    done = run_action(request, actions.do_issue_codes, vote_round, actor=request.user, count=form.cleaned_data["count"])
    if not done:
        return redirect("projects:round", pk=vote_round.pk)
    name = _("投票码-{title}").format(title=vote_round.title)
    if fmt == "pdf":
        data = render_pdf(
            "projects/codes_pdf.html", {"r": vote_round, "codes": done.value, "url": _vote_url(request, pk)}
        )
        return pdf_response(data, f"{name}.pdf")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("投票码")
    write_rows(ws, [[vote_round.community.name, vote_round.title], [_("投票网址"), _vote_url(request, pk)],
                    [_("序号"), _("投票码（一户一码，投后作废）")]])  # fmt: skip
    write_rows(ws, ([i, c] for i, c in enumerate(done.value, 1)))
    return xlsx_response(wb, f"{name}.xlsx")


def _vote_url(request: AuthedRequest, pk: int) -> str:
    from django.urls import reverse

    return request.build_absolute_uri(reverse("projects:public_vote", args=[pk]))


@login_required
@require_POST
def round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    vote_round = selectors.get_round(request.user, pk)
    if run_action(request, actions.do_close_round, vote_round, actor=request.user):
        messages.success(request, _("已结束投票并完成计票。"))
    return redirect("projects:round", pk=vote_round.pk)


def _year(request: AuthedRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


@login_required
def numbers(request: AuthedRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.numbers(request.user, year)
    return render(
        request, "projects/numbers.html", {**data, "year": year or "", "this_year": timezone.localdate().year}
    )


@login_required
def numbers_xlsx(request: AuthedRequest) -> HttpResponse:
    from openpyxl import Workbook

    data: dict[str, Any] = selectors.numbers(request.user, _year(request))
    wb = Workbook()
    ws = wb.active
    ws.title = _("民生微实事统计")
    head = [_("乡镇（街道）"), _("项目数"), *data["stages"], _("年度额度（元）"), _("批准预算（元）"),
            _("已支出（元）"), _("发放投票码"), _("投票户数"), _("参与率（%）"), _("验收满意度（满分5）")]  # fmt: skip
    rows: list[list[Any]] = [head]
    for t in [*data["rows"], {**data["total"], "township": None}]:
        rows.append([t["township"].name if t["township"] else _("合计"), t["projects"], *t["stage_list"],
                     float(t["envelope"]), float(t["budget"]), float(t["spent"]), t["codes"], t["ballots"],
                     t["turnout"], float(t["satisfaction"]) if t["satisfaction"] is not None else None])  # fmt: skip
    write_rows(ws, rows)
    return xlsx_response(wb, _("民生微实事统计.xlsx"))
