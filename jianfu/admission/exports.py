"""The published annual plan (年度社区工作事项计划清单) as a page, Excel and PDF."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from jianfu.catalog.choices import CATEGORY_SHORT, Category, CommunityRole
from jianfu.core.gongwen import official_document
from jianfu.core.pdf import pdf_response, render_pdf
from jianfu.core.xlsx import write_rows, xlsx_response

from .models import PLAN_NUMBERS, PlanWindow, plan_issuer
from .selectors import plan_applications

HEADERS = [
    "序号", "事项名称", "申请单位", "类别", "法律政策依据", "社区职责", "经费（元/年）", "经费来源", "频次",
    "每次用时（分钟）", "小时/社区/年", "涉及社区数", "合计小时/年", "实施期限",
]  # fmt: skip
ROLE_LABELS = dict(CommunityRole.choices)


def plan_rows(window: PlanWindow) -> list[dict[str, Any]]:
    rows = []
    for n, app in enumerate(plan_applications(window), start=1):
        rows.append(
            {
                "n": n,
                "app": app,
                "title": app.title,
                "org": app.applicant_org.name,
                "category": str(CATEGORY_SHORT.get(Category(app.category), app.category)),
                "basis": app.basis,
                "roles": "、".join(str(ROLE_LABELS.get(r, r)) for r in app.community_roles or []),
                "funding": app.funding_amount,
                "funding_source": app.funding_source,
                "frequency": f"{app.get_frequency_unit_display()} {app.frequency_count.normalize():f} 次",
                "minutes": app.minutes_per_occurrence,
                "hours": app.hours_per_community,
                "affected": app.affected_count,
                "hours_total": app.hours_total,
                "period": f"{app.start_date:%Y-%m-%d} 至 {app.end_date:%Y-%m-%d}",
            }
        )
    return rows


def plan_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "items": len(rows),
        "funding": sum((r["funding"] or Decimal(0) for r in rows), Decimal(0)),
        "hours": sum((r["hours"] for r in rows), Decimal(0)),
        "hours_total": sum((r["hours_total"] for r in rows), Decimal(0)),
    }


def plan_title(window: PlanWindow) -> str:
    return f"{window.org.name}{window.year}年度社区工作事项计划清单"


def plan_xlsx(window: PlanWindow) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"{window.year}年度计划"
    write_rows(ws, [[plan_title(window)], HEADERS])
    write_rows(
        ws,
        (
            [
                r["n"], r["title"], r["org"], r["category"], r["basis"], r["roles"],
                float(r["funding"]) if r["funding"] is not None else None, r["funding_source"], r["frequency"],
                r["minutes"], float(r["hours"]), r["affected"], float(r["hours_total"]), r["period"],
            ]
            for r in plan_rows(window)
        ),
    )  # fmt: skip
    return xlsx_response(wb, f"{plan_title(window)}.xlsx")


def plan_pdf(window: PlanWindow) -> HttpResponse:
    """The plan as a 公文 (GB/T 9704-2012) issued by the county's leading group, the list attached."""
    rows = plan_rows(window)
    title = plan_title(window)
    document = official_document(
        issuer=plan_issuer(window), kind=PLAN_NUMBERS, year=window.doc_year, number=window.doc_number,
        title=_("关于印发《{title}》的通知").format(title=title),
        recipients=_("各有关单位"), date=window.published_at, attachments=(title,),
    )  # fmt: skip
    context = {"window": window, "rows": rows, "totals": plan_totals(rows), "title": title, **document}
    data = render_pdf("admission/plan_pdf.html", context)
    return pdf_response(data, f"{plan_title(window)}.pdf")
