"""The county's campaign report: every township's progress as a page, Excel and PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.core.typing import AuthedRequest
from jianfu.core.xlsx import xlsx_response

from .. import selectors
from ..exports import report_workbook
from ..permissions import leads
from .campaigns import must_see


def _context(request: AuthedRequest, pk: int, *, findings: bool = True) -> dict[str, Any]:
    must_see(request)
    campaign = selectors.get_campaign(request.user, pk)
    if not leads(campaign, request.user):
        raise PermissionDenied(_("专项行动进展报告由县级民政、组织部门查看和发布。"))
    rows = selectors.progress(request.user, campaign)
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in (
            "total",
            "done",
            "overdue",
            "reports",
            "late_reports",
            "missing_reports",
            "findings_open",
            "findings_closed",
            "cases",
        )
    }
    return {
        "campaign": campaign,
        "rows": rows,
        "totals": totals,
        "stages": list(campaign.stages.order_by("position")),
        # the documents list every 整改 item; the page only counts them
        "findings": list(selectors.findings_for(request.user, campaign)[:2000]) if findings else [],
        "today": timezone.localdate(),
    }


@login_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    return render(request, "campaigns/report.html", _context(request, pk, findings=False))


@login_required
def report_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _context(request, pk)
    workbook = report_workbook(ctx["campaign"], ctx["rows"], ctx["findings"])
    return xlsx_response(workbook, _("专项行动进展_{t}.xlsx").format(t=ctx["campaign"].title))


@login_required
def report_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _context(request, pk)
    try:
        return pdf_response(
            render_pdf("campaigns/report_pdf.html", ctx), _("专项行动进展_{t}.pdf").format(t=ctx["campaign"].title)
        )
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
    return render(request, "campaigns/report.html", ctx)
