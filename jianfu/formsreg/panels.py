"""Home panels: a community's forms due soon; a department's or township's registered forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel, head_and_count

from . import numbers, selectors
from .permissions import can_register, is_community_worker


def calendar_panel(user: Any) -> Panel | None:
    if not is_community_worker(user):
        return None
    today = timezone.localdate()
    rows = [r for r in selectors.calendar_of(user.org, today.year)
            if r["submission"] is None and today <= r["due"] <= today + dt.timedelta(days=30)]  # fmt: skip
    lines = [(f"{r['due']:%m-%d} {r['form'].title}", reverse("formsreg:fill", args=[r["form"].pk])) for r in rows[:6]]
    return Panel(title=_("近期要报的表格"), count=len(rows), lines=lines, more_url=reverse("formsreg:calendar"),
                 empty_text=_("30 天内没有要报送的表格。"), order=15)  # fmt: skip


def registry_panel(user: Any) -> Panel | None:
    if not can_register(user):
        return None
    rows, total = head_and_count(selectors.forms_for(user).filter(owner_org=user.org), 5)
    lines = [(f.title, reverse("formsreg:detail", args=[f.pk])) for f in rows]
    return Panel(title=_("本单位报备的表格"), count=total, lines=lines, more_url=reverse("formsreg:list"),
                 empty_text=_("尚未报备表格。"), order=45)  # fmt: skip


def _cut(before: float, after: float) -> str:
    return f"{(after - before) / before * 100:+.0f}%" if before else "—"


def report_section(region: Any, before: tuple[dt.date, dt.date], after: tuple[dt.date, dt.date]) -> Any:
    """The registry's before/after on the reduction report: forms and indicators as registered
    against what is in force after merging, for the year of the comparison period, with the share
    of fields pre-filled and the minutes saved per community (seed 003: 44 → 7 forms)."""
    from jianfu.burden.sections import Section

    year = after[1].year
    n = numbers.numbers(region.region_prefix, year)
    t = n.total
    if not t.forms_before:
        return None
    share = f"{n.prefilled_share * 100:.0f}%" if n.prefilled_share is not None else "—"
    return Section(
        title=_("表格报备（%(year)d 年度）") % {"year": year},
        kpis=[
            (_("预填比例"), share, ""),
            (_("每个社区节省"), round(n.minutes_saved_per_community), _("分钟")),
            (_("填报次数"), n.submissions, _("次")),
        ],
        headers=[_("指标"), _("报备（合并前）"), _("现行（合并后）"), _("变化")],
        rows=[
            [_("表格（张）"), t.forms_before, t.forms_after, _cut(t.forms_before, t.forms_after)],
            [_("指标（项）"), t.fields_before, t.fields_after, _cut(t.fields_before, t.fields_after)],
        ],
        note=_(
            "种子材料：北京市级部门下派社区的表格由 44 张减至 7 张（减少 84%）；"
            "江西“一表同享”表格 91 → 39 张，指标 1849 → 904 项。"
        ),
        url=reverse("formsreg:numbers"),
        order=55,
    )


def register_burden_section() -> None:
    from jianfu.burden import sections

    sections.register_report(report_section)
