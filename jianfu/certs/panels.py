"""Home panel of the certificate register, and the certificate figures on the burden dashboard
and reduction report (registered into ``burden.sections``; burden imports nothing of certs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel
from jianfu.core.models import AuditEntry
from jianfu.orgs.scoping import prefix_q

from . import selectors
from .choices import RefusalRule
from .models import Certificate, Refusal
from .permissions import can_issue

MAX_ROWS = 60


def certificates_panel(user: Any) -> Panel | None:
    if not can_issue(user):
        return None
    month = timezone.localdate().replace(day=1)
    issued = selectors.certificates_for(user).filter(issued_on__gte=month).count()
    refused = selectors.refusals_for(user).filter(created_at__date__gte=month).count()
    lines = [
        (_("本月出具证明 %(n)d 份，不予出具 %(r)d 次") % {"n": issued, "r": refused}, reverse("certs:register")),
        (_("出具证明"), reverse("certs:issue")),
        (_("用印登记"), reverse("certs:seal")),
    ]
    return Panel(title=_("证明与印章"), lines=lines, more_url=reverse("certs:register"), order=65, empty_text="")


def figures(prefix: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Certificates issued, their hours (minutes per certificate from the list), refusals and
    forbidden demands reported, for a region prefix and a period."""
    certs = Certificate.objects.within(prefix).filter(issued_on__range=(start, end))
    issued = certs.aggregate(n=Count("id"), m=Sum("list_item__minutes_per_occurrence"))
    refusals = (
        Refusal.objects.within(prefix)
        .filter(created_at__date__range=(start, end))
        .aggregate(
            n=Count("id"),
            forbidden=Count("id", filter=Q(rule=RefusalRule.FORBIDDEN)),
            reported=Count("id", filter=Q(case_id__isnull=False)),
        )
    )
    public = AuditEntry.objects.filter(
        prefix_q(prefix), event_type="certs.demand.report", at__date__range=(start, end)
    ).count()
    return {
        "issued": issued["n"],
        "hours": round((issued["m"] or 0) / 60, 1),
        "refused": refusals["n"],
        "forbidden": refusals["forbidden"],
        "reported": refusals["reported"] + public,
        "certs": certs,
    }


def dashboard_section(region: Any, start: dt.date, end: dt.date) -> Any:
    from jianfu.burden.sections import Section

    f = figures(region.region_prefix, start, end)
    rows = (
        f["certs"]
        .annotate(month=TruncMonth("issued_on"))
        .values("community__name", "month", "item_title")
        .annotate(n=Count("id"), m=Sum("list_item__minutes_per_occurrence"))
        .order_by("-month", "community__name", "-n")[:MAX_ROWS]
    )
    return Section(
        title=_("证明出具（按社区、月份、证明事项）"),
        kpis=[
            (_("出具证明"), f["issued"], _("份")),
            (_("耗用工时"), f["hours"], _("小时")),
            (_("不予出具"), f["refused"], _("次")),
            (_("其中属不得要求社区出具"), f["forbidden"], _("次")),
            (_("索要证明被举报"), f["reported"], _("次")),
        ],
        headers=[_("社区/村"), _("月份"), _("证明事项"), _("份数"), _("工时（小时）")],
        rows=[
            [r["community__name"], f"{r['month']:%Y-%m}", r["item_title"], r["n"], round((r["m"] or 0) / 60, 1)]
            for r in rows
        ],
        note=_("工时 = 清单所列每份证明用时 × 份数。出具的证明同时记入负担台账（类型“出具证明”）。"),
        order=50,
    )


def report_section(region: Any, before: tuple[dt.date, dt.date], after: tuple[dt.date, dt.date]) -> Any:
    from jianfu.burden.sections import Section

    a, b = figures(region.region_prefix, *before), figures(region.region_prefix, *after)

    def change(x: float, y: float) -> str:
        return f"{(y - x) / x * 100:+.0f}%" if x else "—"

    rows = [
        [label, a[key], b[key], change(a[key], b[key])]
        for key, label in (
            ("issued", _("出具证明（份）")),
            ("hours", _("证明工时（小时）")),
            ("refused", _("不予出具（次）")),
            ("reported", _("索要证明被举报（次）")),
        )
    ]
    return Section(
        title=_("证明事项"),
        headers=[_("指标"), _("基期"), _("比较期"), _("变化")],
        rows=rows,
        note=_("种子材料：北京社区证明由 100 余项减至 4 项；某乡镇 14 个村少开证明 3000 余份、节约 500 工时。"),
        order=50,
    )


def register_burden_section() -> None:
    from jianfu.burden import sections

    sections.register_dashboard(dashboard_section)
    sections.register_report(report_section)
