"""Excel helpers shared by every import and export.

Exports neutralise text that a spreadsheet would run as a formula (leading = + - @, and tab/CR),
so a title like "=HYPERLINK(...)" comes back as text. Imports open workbooks read-only with limits
on size and rows, and turn a file that is not a workbook into a Chinese message.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from django.conf import settings
from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .errors import ActionError
from .files import is_zip_bomb

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that a spreadsheet will show as text, never evaluate."""
    if isinstance(value, Promise):  # a lazy translation (choice label): its text
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unquote_cell(value: Any) -> Any:
    """Undo ``safe_cell`` on import, so an export round-trips to the same text."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_PREFIXES and value[1:2]:
        return value[1:]
    return value


def xlsx_response(workbook: Any, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


def open_workbook(upload: Any, *, max_bytes: int = MAX_UPLOAD_BYTES) -> Any:
    """Open an uploaded .xlsx read-only, or raise ActionError with a Chinese message."""
    from openpyxl import load_workbook

    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ActionError(
            _("文件过大（{size:.1f} MB），上限为 {max_bytes} MB。").format(
                size=size / 1024 / 1024, max_bytes=max_bytes // 1024 // 1024
            )
        )
    data = upload.read() if hasattr(upload, "read") else bytes(upload)
    if len(data) > max_bytes:
        raise ActionError(_("文件过大，上限为 {max_bytes} MB。").format(max_bytes=max_bytes // 1024 // 1024))
    if not data:
        raise ActionError(_("上传的文件是空的。"))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04"):
            raise ActionError(_("该 Excel 文件不完整（可能上传中断或文件被截断），请重新保存后上传。"))
        raise ActionError(_("文件不是有效的 Excel 工作簿（.xlsx），请使用下载的模板填写后上传。"))
    check_parts(data)  # sizes per part and in total, DTDs, damaged XML: each its own message
    if is_zip_bomb(data):  # compresses better than any real workbook (core.files)
        raise ActionError(_("该 Excel 文件解压后异常巨大（疑似压缩炸弹），不是正常的工作簿，已拒收。"))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ActionError(_("无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。")) from exc


# --- Hostile workbooks (issue 20, point 5) ---------------------------------------------------------
# Before openpyxl parses anything, every part is checked: its unpacked size and the total (from
# the zip directory, which zipfile also enforces while inflating: a part that inflates past its
# declared size fails its CRC), and every XML part is run through expat, streamed in 64 KB chunks
# with no handler that keeps text — so memory stays bounded — refusing any DOCTYPE or ENTITY
# declaration (XXE, billion laughs: Excel never writes one) and any part that is not well-formed
# (a truncated or doctored file), each with its own Chinese message.
XML_SUFFIXES = (".xml", ".rels", ".vml")
CHUNK = 64 * 1024


class _Declaration(Exception):
    pass


def _refuse_declaration(*_args: Any) -> Any:  # expat handler (never returns)
    raise _Declaration


def _scan_xml(part: Any) -> None:
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.ExternalEntityRefHandler = _refuse_declaration  # never fetch anything
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    while chunk := part.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def check_parts(data: bytes) -> None:
    """Refuse, in Chinese, a workbook whose parts are too large or whose XML declares a DTD or
    entities, or is damaged — before any XML parser that would expand it sees it."""
    max_part = int(settings.XLSX_MAX_PART_BYTES)
    max_total = int(settings.XLSX_MAX_TOTAL_BYTES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ActionError(_("该 Excel 文件不完整或已损坏，请重新保存后上传。")) from exc
    with archive:
        infos = archive.infolist()
        if "xl/workbook.xml" not in {i.filename for i in infos}:
            raise ActionError(_("文件不是 Excel 工作簿（.xlsx）：压缩包内没有工作簿，请使用下载的模板填写后上传。"))
        for info in infos:
            if info.file_size > max_part:
                raise ActionError(
                    _(
                        "该 Excel 文件中的 {part} 解压后达 {size} MB，"
                        "超过单个部件上限 {limit} MB（疑似压缩炸弹），已拒收。"
                    ).format(part=info.filename, size=_mb(info.file_size), limit=_mb(max_part))
                )
        total = sum(i.file_size for i in infos)
        if total > max_total:
            raise ActionError(
                _("该 Excel 文件解压后共 {size} MB，超过上限 {limit} MB（疑似压缩炸弹），已拒收。").format(
                    size=_mb(total), limit=_mb(max_total)
                )
            )
        for info in infos:
            if not info.filename.lower().endswith(XML_SUFFIXES):
                continue
            try:
                with archive.open(info) as part:
                    _scan_xml(part)
            except _Declaration as exc:
                raise ActionError(
                    _(
                        "该 Excel 文件中的 {part} 含有 DTD 或实体声明（DOCTYPE/ENTITY），正常的工作簿不会包含，"
                        "可能是 XXE 或“十亿笑声”攻击文件，已拒收。"
                    ).format(part=info.filename)
                ) from exc
            except expat.ExpatError as exc:
                raise ActionError(
                    _("该 Excel 文件中的 {part} 不是完整的 XML，文件可能已损坏或被截断，请重新保存后上传。").format(
                        part=info.filename
                    )
                ) from exc
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise ActionError(_("该 Excel 文件已损坏（压缩数据校验失败），请重新保存后上传。")) from exc
            except (RuntimeError, NotImplementedError) as exc:  # encrypted part, unknown compression
                raise ActionError(
                    _("该 Excel 文件经过加密或使用了不支持的压缩方式，请另存为普通 .xlsx 后上传。")
                ) from exc


def iter_rows(sheet: Any, *, max_rows: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) for every non-empty row after the header; refuses more than max_rows.
    A cell openpyxl cannot read (a doctored value) is a Chinese refusal, not a 500."""
    rows = enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
    while True:
        try:
            index, row = next(rows)
        except StopIteration:
            return
        except (ValueError, TypeError, KeyError, IndexError, SyntaxError) as exc:
            raise ActionError(_("无法读取该 Excel 文件中的数据，文件可能已损坏，请重新保存后上传。")) from exc
        if index - 1 > max_rows:
            raise ActionError(_("行数超过上限（最多 {max_rows} 行），请分批导入。").format(max_rows=max_rows))
        if row is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        yield index, tuple(unquote_cell(v) for v in row)


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def write_rows(sheet: Any, rows: Iterable[Iterable[Any]]) -> None:
    for row in rows:
        sheet.append([safe_cell(v) for v in row])


# --- Import templates a clerk can fill in (issue 18, point 5) ---------------------------------------
# Every import template is built here: a styled, frozen header; widths; a dropdown (data
# validation) for each coded column — short lists inline, long ones (org codes, list items) from a
# hidden 选项 sheet; real date / percentage / number cell types set on the whole column, so what a
# clerk types becomes a date or a number, not text; and a 填写说明 sheet holding the rules and the
# example row, so no example is ever imported. Cells below the header stay empty (the readers skip
# empty rows), and validations span the rows a reader accepts.

TEMPLATE_ROWS = 10_000
INLINE_LIST_MAX = 250  # Excel's limit on an inline list formula is 255 characters


@dataclass
class TemplateColumn:
    header: str
    width: int = 14
    choices: Sequence[str] = ()  # a dropdown of these values
    kind: str = "text"  # text | date | percent | int | decimal
    required: bool = False
    note: str = ""  # the 填写说明 line
    strict: bool = True  # False: the dropdown suggests, other values are still accepted
    maximum: float | None = None  # int / decimal: the largest value allowed (the least is 0)


def _validation_for(book: Any, col: TemplateColumn, letter: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
    if col.choices:
        inline = ",".join(col.choices)
        if len(inline) <= INLINE_LIST_MAX and not any("," in c or '"' in c for c in col.choices):
            formula = f'"{inline}"'
        else:
            options = book["选项"] if "选项" in book.sheetnames else book.create_sheet("选项")
            options.sheet_state = "hidden"
            column = options.max_column + (1 if options["A1"].value is not None else 0)
            for row, value in enumerate(col.choices, start=1):
                options.cell(row=row, column=column, value=safe_cell(value))
            ref = column_letter(column)
            formula = f"'选项'!${ref}$1:${ref}${len(col.choices)}"
        dv = DataValidation(type="list", formula1=formula, allow_blank=not col.required)
        dv.errorStyle = "stop" if col.strict else "information"
        dv.error = f"请从下拉列表中选择“{col.header}”。"
    elif col.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="DATE(1949,10,1)", allow_blank=True)
        dv.error = f"“{col.header}”应为日期，如 2026-03-05。"
    elif col.kind == "percent":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
        dv.error = f"“{col.header}”应为 0% 至 100% 的百分比。"
    elif col.kind in ("int", "decimal"):
        number = "整数" if col.kind == "int" else "数字"
        dv = DataValidation(
            type="whole" if col.kind == "int" else "decimal", allow_blank=True, formula1="0",
            **({"operator": "between", "formula2": f"{col.maximum:g}"} if col.maximum is not None
               else {"operator": "greaterThanOrEqual"}),
        )  # fmt: skip
        dv.error = (f"“{col.header}”应为 0 至 {col.maximum:g} 之间的{number}。" if col.maximum is not None
                    else f"“{col.header}”应为不小于 0 的{number}。")  # fmt: skip
    else:
        return None
    dv.errorTitle = "输入有误"
    dv.showErrorMessage = True
    dv.add(cells)
    return dv


NUMBER_FORMATS = {"date": "yyyy-mm-dd", "percent": "0%", "int": "0", "decimal": "0.00", "text": "@"}


def column_types(book: Any, sheet: Any, columns: Sequence[TemplateColumn]) -> None:
    """Widths, cell types and dropdowns of a template's columns (the header is left as it is)."""
    for index, col in enumerate(columns, start=1):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = col.width
        sheet.column_dimensions[letter].number_format = NUMBER_FORMATS.get(col.kind, "General")
        dv = _validation_for(book, col, letter)
        if dv is not None:
            sheet.add_data_validation(dv)


def template_sheet(book: Any, sheet: Any, columns: Sequence[TemplateColumn]) -> None:
    """Style ``sheet`` (already holding the header row or about to) as an import template."""
    from openpyxl.styles import Alignment, Font, PatternFill

    for index, col in enumerate(columns, start=1):
        if sheet.cell(row=1, column=index).value is None:
            sheet.cell(row=1, column=index, value=safe_cell(col.header))
    fill = PatternFill("solid", fgColor="F2DCDB")
    for index, col in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if col.required else "000000")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    column_types(book, sheet, columns)
    sheet.freeze_panes = "A2"


def instructions_sheet(
    book: Any,
    columns: Sequence[TemplateColumn],
    *,
    rules: Sequence[str] = (),
    example: Sequence[Any] = (),
) -> Any:
    """The 填写说明 sheet: one line per column (required, allowed values), the import rules, and
    an example row — here, where it is never imported."""
    from openpyxl.styles import Font

    sheet = book.create_sheet("填写说明")
    rows: list[list[Any]] = [["列", "是否必填", "填写说明"]]
    for col in columns:
        note = col.note
        if col.choices and not note:
            note = "从下拉列表中选择。"
        rows.append([col.header, "必填" if col.required else "选填", note])
    if rules:
        rows += [[], ["导入规则", "", rules[0]], *[["", "", r] for r in rules[1:]]]
    if example:
        rows += [[], ["示例（仅供参考，本行不会被导入）"], [c.header for c in columns], list(example)]
    write_rows(sheet, rows)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet
