"""The county's campaign report as an Excel workbook (core/xlsx.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jianfu.core.xlsx import write_rows

from .models import Campaign
from .selectors import TownshipProgress


def report_workbook(campaign: Campaign, rows: list[TownshipProgress], findings: list[Any]) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.title = _("乡镇进度")
    header = [
        _("乡镇（街道）"),
        _("任务总数"),
        _("已完成"),
        _("完成率（%）"),
        _("逾期未完成"),
        _("已报月报"),
        _("逾期报送"),
        _("未报月份"),
        _("整改未销号"),
        _("整改已验收"),
        _("转督办"),
    ]
    sheet.append([campaign.title])
    sheet.append([_("依据：{b}").format(b=campaign.basis)])
    sheet.append(header)
    write_rows(
        sheet,
        (
            [
                r.township.name,
                r.total,
                r.done,
                r.percent,
                r.overdue,
                r.reports,
                r.late_reports,
                r.missing_reports,
                r.findings_open,
                r.findings_closed,
                r.cases,
            ]
            for r in rows
        ),
    )
    second = wb.create_sheet(_("整改事项"))
    second.append([_("乡镇（街道）"), _("检查对象"), _("发现问题"), _("整改时限"), _("状态")])
    write_rows(
        second,
        ([f.township.name, f.target.name, f.description, f.deadline, f.get_state_display()] for f in findings),
    )
    return wb
