"""Excel helpers shared by every import and export.

Exports neutralise text that a spreadsheet would run as a formula (leading = + - @, and tab/CR),
so a title like "=HYPERLINK(...)" comes back as text. Imports open workbooks read-only with limits
on size and rows, and turn a file that is not a workbook into a Chinese message.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
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
