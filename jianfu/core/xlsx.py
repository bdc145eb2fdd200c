"""Excel helpers shared by every import and export.

Exports neutralise text that a spreadsheet would run as a formula (leading = + - @, and tab/CR),
so a title like "=HYPERLINK(...)" comes back as text. Imports open workbooks read-only with limits
on size and rows, and turn a file that is not a workbook into a Chinese message.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

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
        raise ActionError(_("文件不是有效的 Excel 工作簿（.xlsx），请使用下载的模板填写后上传。"))
    if is_zip_bomb(data):  # openpyxl would unpack sharedStrings.xml into memory whole
        raise ActionError(_("该 Excel 文件解压后异常巨大（疑似压缩炸弹），不是正常的工作簿，已拒收。"))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ActionError(_("无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。")) from exc


def iter_rows(sheet: Any, *, max_rows: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) for every non-empty row after the header; refuses more than max_rows."""
    for index, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
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
