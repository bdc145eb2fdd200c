"""Excel template, import reader, Excel and PDF exports of a list version.

The template, the export and the import share one column order (``validation.FIELD_LABELS``), so
an exported version re-imports to the same items. Exports add two computed columns (hours) after
the template's columns; the reader ignores columns after the template's.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from jianfu.core.errors import ActionError
from jianfu.core.xlsx import TemplateColumn, column_letter, column_types, open_workbook, unquote_cell, write_rows
from jianfu.orgs.models import Org
from jianfu.orgs.tree import departments_of

from .choices import (
    AppliesTo,
    Body,
    Category,
    CertKind,
    CommunityRole,
    CommunityType,
    FrequencyUnit,
    PlaqueKind,
    PlaquePosition,
    SourceLevel,
)
from .models import PUBLICATION_NUMBERS, ListItem, ListVersion, publisher_of
from .selectors import communities_counts, display_values, items_of
from .validation import BASE_LABELS, FIELD_LABELS, clean_item, find_department

COLUMNS = list(FIELD_LABELS)  # field names, in column order
HEADER = [FIELD_LABELS[f] for f in COLUMNS]
# Files made from the original (sixteen-column) template still import: the newer columns may be absent.
BASE_COLUMNS = len(BASE_LABELS)
EXTRA_HEADER = ["每社区年工时（小时）", "全辖区年工时（小时）"]
SHEET_TITLE = "清单事项"
MAX_ROWS = 10_000
MAX_LISTED_ERRORS = 500
REQUIRED = {"code", "title", "category"}


def _header_style(sheet: Any, ncols: int) -> None:
    fill = PatternFill("solid", fgColor="F2DCDB")
    for col in range(1, ncols + 1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column_letter(col)].width = 28 if col in (2, 5, 7, 8) else 14
    sheet.freeze_panes = "A2"


def _instructions(book: Workbook, owner: Org) -> None:
    sheet = book.create_sheet("填写说明")
    labels = lambda choices: "、".join(str(label) for _v, label in choices)  # noqa: E731
    depts = departments_of(owner)
    rows: list[list[Any]] = [
        ["列", "是否必填", "填写说明"],
        ["编号", "必填", "1–32 位字母、数字或 . _ -，同一清单内不得重复，如 A-01；跨版本以编号对应同一事项。"],
        ["事项名称", "必填", "不超过 200 字，不得包含 HTML 标签。"],
        ["类别", "必填", "只能是：" + labels(Category.choices)],
        ["证明类型", "证明事项必填", "只能是：" + labels(CertKind.choices) + "；其他类别留空。"],
        ["制度依据", "除负面清单外必填", "法律法规或政策文件名称及条款。"],
        ["责任部门", "协助事项必填", "本辖区部门全称或编码，也可省略县名（如“民政局”）。可选部门见下方。"],
        ["职责范围", "选填", ""],
        ["运行流程", "选填", ""],
        ["社区职责", "协助事项必填", "可多选，用顿号分隔：" + labels(CommunityRole.choices)],
        ["经费（元/年）", "见“费随事转”", "数字，0 至 99 亿元。"],
        ["经费来源", "见“费随事转”", "如：县财政专项、部门工作经费。"],
        ["频次", "选填（默认 1）", "数字，0 至 10000。"],
        ["频次单位", "选填（默认 每年）", "只能是：" + labels(FrequencyUnit.choices)],
        ["每次用时（分钟）", "选填（默认 0）", "整数，0 至 10000；用于估算社区负担（标准成本法）。"],
        ["适用范围", "选填（默认 城市社区和村）", "只能是：" + labels(AppliesTo.choices)],
        ["复核日期", "选填", "日期，如 2027-12-31。"],
        [
            "法定事项",
            "选填（默认 否）",
            "是/否。法律法规直接规定的履职或协助事项填“是”：无须责任部门、社区职责和经费，制度依据须写明法律或法规名称。",
        ],
        ["发文机关", "选填", "出处：发文机关，多个用顿号分隔，如“中共汉阴县委办公室、汉阴县人民政府办公室”。"],
        ["文号", "选填", "如 汉政办发〔2016〕88号。"],
        ["发文日期", "选填", "日期，如 2016-07-13。"],
        ["层级", "选填", "只能是：" + labels(SourceLevel.choices)],
        ["批次", "选填", "如 第一批。"],
        ["承接的上级清单", "选填", "本事项照搬或细化的上级清单及条目。"],
        ["约束主体", "选填", "可多选，用顿号分隔：" + labels(Body.choices)],
        ["社区类别", "选填", "可多选，用顿号分隔：" + labels(CommunityType.choices)],
        ["适用条件与例外", "选填", "如：未经县委县政府统一部署，不得以社区名义开展。"],
        ["牌子类型", "仅机制牌子", "只能是：" + labels(PlaqueKind.choices)],
        ["悬挂位置", "仅机制牌子", "只能是：" + labels(PlaquePosition.choices)],
        ["限挂数量", "仅机制牌子", "整数，0 至 100。"],
        [],
        [
            "费随事转",
            "",
            "协助事项、以及有责任部门且占用社区工时（每次用时和频次均大于 0）的事项须填写经费和经费来源；"
            "法定事项和社区自身工作（无责任部门）除外。",
        ],
        ["疑似重复", "", "事项名称与表中前面的行或现行清单中另一编号的事项相同时，列出并请您确认后再导入。"],
        [],
        ["导入规则", "", "导入将用表中全部事项替换当前草稿；任一行有误则整表不导入，并列出每个错误的行号和列。"],
        ["", "", f"最多 {MAX_ROWS} 行；不得包含公式；仅读取第一个工作表。"],
        [],
        ["可选责任部门（编码）", "", "名称"],
        *[[d.code, "", d.name] for d in depts],
    ]
    write_rows(sheet, rows)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["C"].width = 90
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _labels(choices: Any) -> list[str]:
    return [str(label) for _v, label in choices]


def template_columns(owner: Org) -> list[TemplateColumn]:
    """Dropdowns for the coded columns, real dates and numbers for the others (multi-valued
    columns such as 社区职责 take several values and so no dropdown; 填写说明 lists them)."""
    choices: dict[str, list[str]] = {
        "category": _labels(Category.choices),
        "cert_kind": _labels(CertKind.choices),
        "frequency_unit": _labels(FrequencyUnit.choices),
        "applies_to": _labels(AppliesTo.choices),
        "statutory": ["是", "否"],
        "source_level": _labels(SourceLevel.choices),
        "plaque_kind": _labels(PlaqueKind.choices),
        "plaque_position": _labels(PlaquePosition.choices),
    }
    kinds = {"funding_amount": "decimal", "frequency_count": "decimal", "minutes_per_occurrence": "int",
             "plaque_quota": "int", "review_date": "date", "issued_on": "date"}  # fmt: skip
    departments = [d.name for d in departments_of(owner)]
    columns = []
    for col, name in enumerate(COLUMNS, start=1):
        column = TemplateColumn(HEADER[col - 1], 28 if col in (2, 5, 7, 8) else 14, choices.get(name, ()),
                                kind=kinds.get(name, "text"), required=name in REQUIRED)  # fmt: skip
        if name == "department":  # a code or a short name is accepted too: the list only suggests
            column.choices, column.strict = departments, False
        columns.append(column)
    return columns


def template_workbook(owner: Org) -> Workbook:
    """The empty import template: a Chinese header row, a dropdown for every coded column, real
    date and number columns, and a 填写说明 sheet of allowed values (no example row to import)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    write_rows(sheet, [HEADER])
    _header_style(sheet, len(HEADER))
    column_types(book, sheet, template_columns(owner))
    _instructions(book, owner)
    return book


def item_row(item: ListItem, communities: dict[str, int]) -> list[Any]:
    values = display_values(item)
    row: list[Any] = [item.code]
    for name in COLUMNS[1:]:
        if name == "department":
            row.append(item.department.code if item.department is not None else "")
        elif name == "funding_amount":
            row.append(float(item.funding_amount) if item.funding_amount is not None else None)
        elif name == "frequency_count":
            row.append(float(item.frequency_count))
        elif name in ("minutes_per_occurrence", "plaque_quota"):
            row.append(getattr(item, name))
        else:
            row.append(values[name])
    hours = item.hours_per_community
    row += [float(hours), float(hours * communities[AppliesTo(item.applies_to)])]
    return row


def version_workbook(version: ListVersion) -> Workbook:
    """A version as a workbook in the template's format (plus two computed hour columns)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    communities = communities_counts(version.org)
    write_rows(sheet, [HEADER + EXTRA_HEADER])
    write_rows(sheet, (item_row(item, communities) for item in items_of(version).iterator(chunk_size=1000)))
    _header_style(sheet, len(HEADER) + len(EXTRA_HEADER))
    _instructions(book, version.org)
    return book


def _error(row: int, col: int | None, label: str, message: str) -> dict[str, Any]:
    where = f"第 {row} 行" + (f" {column_letter(col)} 列（{label}）" if col else "")
    return {"row": row, "column": column_letter(col) if col else "", "label": label, "message": message, "where": where}


def _check_header(header: tuple[Any, ...] | None) -> int:
    """How many template columns the file has: all of them, or the original sixteen (a file made
    from the older template or export). Raises ActionError naming the first column whose header is
    not the template's."""
    cells = [str(v).strip() if v is not None else "" for v in (header or ())]
    width = len(HEADER)
    tail = cells[BASE_COLUMNS : len(HEADER)]
    if not any(tail) or tail[0] in EXTRA_HEADER:
        width = BASE_COLUMNS
    for col, expected in enumerate(HEADER[:width], start=1):
        got = cells[col - 1] if col - 1 < len(cells) else ""
        if got != expected:
            raise ActionError(
                _(
                    "第 1 行表头与模板不符：{col} 列应为“{expected}”，实际为“{v}”。请下载最新模板，按模板填写后上传。"
                ).format(col=column_letter(col), expected=expected, v=got[:30] or "（空）"),
                errors=[_error(1, col, expected, f"表头应为“{expected}”")],
            )
    return width


def read_workbook(upload: Any, *, owner: Org) -> list[dict[str, Any]]:
    """Every row of the first sheet, checked; returns typed values or raises ActionError whose
    ``errors`` list each problem with its row and column (nothing is ever half-read)."""
    return [values for _row, values in read_workbook_rows(upload, owner=owner)]


def read_workbook_rows(upload: Any, *, owner: Org) -> list[tuple[int, dict[str, Any]]]:
    """As ``read_workbook``, each row's values with its sheet row number."""
    book = open_workbook(upload)
    try:
        sheet = book.worksheets[0]
        declared = sheet.max_row  # from the file's <dimension>; refuse a huge sheet before reading it
        if declared and declared - 1 > MAX_ROWS:
            raise ActionError(
                _("表格有 {declared} 行，超过上限（最多 {MAX_ROWS} 行），请分批导入。").format(
                    declared=declared - 1, MAX_ROWS=MAX_ROWS
                )
            )
        rows_iter = sheet.iter_rows(values_only=True)
        header = next(rows_iter, None)
        if header is None or all(v is None for v in header):
            raise ActionError(_("工作表是空的：第 1 行应为模板的表头，请下载模板填写后上传。"))
        width = _check_header(header)
        columns = COLUMNS[:width]
        errors: list[dict[str, Any]] = []
        out: list[tuple[int, dict[str, Any]]] = []
        seen: dict[str, int] = {}
        depts: dict[str, Org | None] = {}
        col_of = {name: i + 1 for i, name in enumerate(COLUMNS)}
        for index, raw_row in enumerate(rows_iter, start=2):
            if index - 1 > MAX_ROWS:
                raise ActionError(_("行数超过上限（最多 {MAX_ROWS} 行），请分批导入。").format(MAX_ROWS=MAX_ROWS))
            if len(errors) >= MAX_LISTED_ERRORS:
                continue  # enough to show; keep counting rows so that the row limit still applies
            cells = list(raw_row[:width]) + [None] * (width - len(raw_row[:width]))
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            raw: dict[str, Any] = {}
            formula = False
            for name, value in zip(columns, cells, strict=True):
                if isinstance(value, str) and value.startswith("=") and len(value) > 1:
                    errors.append(_error(index, col_of[name], FIELD_LABELS[name], "单元格含公式，请只填写文字或数字。"))
                    formula = True
                raw[name] = unquote_cell(value)
            if formula:
                continue
            dept_text = str(raw["department"]).strip() if raw["department"] not in (None, "") else ""
            if dept_text:
                if dept_text not in depts:
                    depts[dept_text] = find_department(owner, dept_text)
                raw["department"] = depts[dept_text] or dept_text
            values, problems = clean_item(raw, owner=owner)
            for p in problems:
                errors.append(_error(index, col_of.get(p.field), p.label, p.message))
            code = values.get("code")
            if code and not problems:
                if code in seen:
                    errors.append(_error(index, col_of["code"], "编号", f"编号 {code} 与第 {seen[code]} 行重复。"))
                else:
                    seen[code] = index
                    out.append((index, values))
            elif code:
                seen.setdefault(code, index)
    finally:
        book.close()
    if errors:
        more = "（仅列出前 500 个）" if len(errors) >= MAX_LISTED_ERRORS else ""
        raise ActionError(
            _("导入失败：共发现 {errors} 处错误{more}，未保存任何事项。请修改后重新上传。").format(
                errors=len(errors), more=more
            ),
            errors=errors,
        )
    if not out:
        raise ActionError(_("表格中没有任何事项（表头以下为空），未保存任何内容。"))
    return out


def version_pdf(version: ListVersion) -> bytes:
    """The list as a publication notice (印发通知, a 公文 by GB/T 9704-2012) with the list attached."""
    from jianfu.core.gongwen import official_document
    from jianfu.core.pdf import render_pdf

    from .selectors import totals_of

    items = list(items_of(version))
    groups = []
    for value, label in Category.choices:
        rows = [i for i in items if i.category == value]
        if rows:
            groups.append((label, rows))
    document = official_document(
        issuer=publisher_of(version), kind=PUBLICATION_NUMBERS, year=version.doc_year, number=version.doc_number,
        title=_("关于印发《{title}》的通知").format(title=version.title),
        recipients=_("各有关单位"), date=version.published_at, attachments=(version.title,),
    )  # fmt: skip
    context = {"version": version, "groups": groups, "totals": totals_of(version), **document}
    return render_pdf("catalog/pdf/version.html", context)
