"""Excel export of the reduction report (精简率)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from jianfu.core.xlsx import write_rows


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def reduction_workbook(context: dict[str, Any]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "精简率"
    before, after = context["before"], context["after"]
    rows: list[list[Any]] = [
        [f"{context['region'].full_name} 社区减负精简率报告"],
        [
            f"基期 {before[0]:%Y-%m-%d} 至 {before[1]:%Y-%m-%d}（{context['total'].before_months} 个月）；"
            f"比较期 {after[0]:%Y-%m-%d} 至 {after[1]:%Y-%m-%d}（{context['total'].after_months} 个月）；"
            "不等长时精简率按月均计算"
        ],
        [],
        [
            "类别",
            "基期次数",
            "比较期次数",
            "次数精简率",
            "基期工时（小时）",
            "比较期工时（小时）",
            "基期月均工时",
            "比较期月均工时",
            "工时精简率",
            "基期来源单位数",
            "比较期来源单位数",
        ],
    ]
    for x in [*context["lines"], context["total"]]:
        rows.append(
            [
                x.label,
                x.before_count,
                x.after_count,
                _pct(x.count_cut),
                x.before_hours,
                x.after_hours,
                x.before_monthly_hours,
                x.after_monthly_hours,
                _pct(x.hours_cut),
                x.before_sources or "",
                x.after_sources or "",
            ]
        )
    write_rows(ws, rows)
    ws.column_dimensions["A"].width = 16
    return wb
