"""The ledger Excel import: parsing and row/column checks (all-or-nothing; see actions)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from jianfu.catalog.selectors import current_items
from jianfu.core.xlsx import (
    TemplateColumn,
    column_letter,
    instructions_sheet,
    iter_rows,
    open_workbook,
    template_sheet,
    write_rows,
)
from jianfu.orgs.models import Org

from .choices import Kind

COLUMNS = ["社区编码", "类型", "来源单位编码", "日期", "用时（分钟）", "清单事项编号", "说明"]
MAX_ROWS = 5000
KIND_BY_LABEL = {label: value for value, label in Kind.choices} | {v: v for v in Kind.values}


@dataclass
class Row:
    number: int
    community: Org
    kind: str
    source_org: Org
    occurred_on: dt.date
    minutes: int
    list_item: Any
    note: str


def template_columns(communities: list[Org], sources: list[Org]) -> list[TemplateColumn]:
    return [
        TemplateColumn(COLUMNS[0], 16, [c.code for c in communities], required=True,
                       note="本辖区社区（村）编码，从下拉列表选择；编码与名称对照见下方。"),
        TemplateColumn(COLUMNS[1], 12, [str(label) for label in Kind.labels], required=True),
        TemplateColumn(COLUMNS[2], 16, [s.code for s in sources], required=True,
                       note="布置这项工作的单位编码，从下拉列表选择；编码与名称对照见下方。"),
        TemplateColumn(COLUMNS[3], 12, kind="date", required=True, note="日期单元格，如 2026-03-05。"),
        TemplateColumn(COLUMNS[4], 12, kind="int", required=True, note="整数分钟，不小于 0。"),
        TemplateColumn(COLUMNS[5], 14, note="该社区现行清单中的事项编号；清单外的工作留空。"),
        TemplateColumn(COLUMNS[6], 40, note="不超过 500 字。"),
    ]  # fmt: skip


def template_workbook(communities: list[Org] | None = None, sources: list[Org] | None = None) -> Workbook:
    """The ledger import template for the caller's communities and the orgs they may name as the
    source; the example row lives in 填写说明 and is never imported."""
    communities, sources = communities or [], sources or []
    columns = template_columns(communities, sources)
    wb = Workbook()
    ws = wb.active
    ws.title = "负担台账"
    template_sheet(wb, ws, columns)
    guide = instructions_sheet(
        wb,
        columns,
        rules=[
            "任一行有误则整表不导入，并列出每个错误的行号和列。",
            f"最多 {MAX_ROWS} 行；仅读取第一个工作表；第一行是表头，请勿修改。",
        ],
        example=["610921100001", "会议", "610921100", dt.date(2026, 3, 5), 60, "", "镇月度例会"],
    )
    guide.cell(row=guide.max_row, column=4).number_format = "yyyy-mm-dd"
    write_rows(guide, [[], ["可选社区（村）编码", "", "名称"], *[[c.code, "", c.name] for c in communities]])
    write_rows(guide, [[], ["可选来源单位编码", "", "名称"], *[[s.code, "", s.name] for s in sources]])
    return wb


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip().replace("/", "-"))
        except ValueError:
            return None
    return None


def parse(upload: Any) -> tuple[list[Row], list[dict]]:
    """Rows of an uploaded ledger workbook and every row/column error found (Chinese)."""
    wb = open_workbook(upload)
    ws = wb.worksheets[0]
    header = [str(c).strip() if c is not None else "" for c in next(ws.iter_rows(max_row=1, values_only=True), ())]
    errors: list[dict] = []
    if header[: len(COLUMNS)] != COLUMNS:
        return [], [{"row": 1, "column": "", "message": f"表头应为：{'、'.join(COLUMNS)}。请使用下载的模板。"}]
    codes: set[str] = set()
    raw_rows = list(iter_rows(ws, max_rows=MAX_ROWS))
    for _n, values in raw_rows:
        codes |= {str(values[0] or "").strip(), str(values[2] or "").strip()}
    orgs = {o.code: o for o in Org.objects.filter(code__in=codes).select_related("parent")}
    rows = []
    for number, values in raw_rows:
        values = tuple(values) + (None,) * (len(COLUMNS) - len(values))

        def err(col: int, message: str, number: int = number) -> None:
            errors.append({"row": number, "column": f"{column_letter(col + 1)}（{COLUMNS[col]}）", "message": message})

        community = orgs.get(str(values[0] or "").strip())
        if community is None or not community.is_grassroots:
            err(0, "找不到该社区/村编码。")
        kind = KIND_BY_LABEL.get(str(values[1] or "").strip())
        if kind is None:
            err(1, f"类型应为：{'、'.join(map(str, Kind.labels))}。")
        source = orgs.get(str(values[2] or "").strip())
        if source is None:
            err(2, "找不到该来源单位编码。")
        day = _date(values[3])
        if day is None:
            err(3, "日期格式应为 年-月-日，如 2026-03-05。")
        minutes = values[4]
        if isinstance(minutes, float) and minutes.is_integer():
            minutes = int(minutes)
        if isinstance(minutes, str) and re.fullmatch(r"-?[0-9]{1,7}", minutes.strip()):
            minutes = int(minutes.strip())
        if not isinstance(minutes, int) or isinstance(minutes, bool):
            err(4, "用时应为整数分钟。")
            minutes = None
        elif minutes < 0:
            err(4, "用时不能为负数。")
        item = None
        item_code = str(values[5] or "").strip()
        if item_code and community is not None:
            item = current_items(community).filter(code=item_code).first()
            if item is None:
                err(5, "现行清单中没有该事项编号。")
        note = str(values[6] or "").strip()
        if len(note) > 500:
            err(6, "说明不能超过 500 字。")
        if any(e["row"] == number for e in errors):
            continue
        # A row without errors has all of these; the checks tell the type checker so.
        if (
            community is not None
            and kind is not None
            and source is not None
            and day is not None
            and minutes is not None
        ):
            rows.append(Row(number, community, kind, source, day, minutes, item, note))
    if not raw_rows and not errors:
        errors.append({"row": 2, "column": "", "message": "文件中没有数据行。"})
    return rows, errors
