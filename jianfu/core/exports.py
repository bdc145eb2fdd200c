"""Excel export of a filtered list page (导出 Excel): the rows the user sees, under the same filters.

A list view that offers it answers ``?format=xlsx`` with ``table_response``: the same selector and
filters as the page, every row rather than one page of them (capped at ``MAX_ROWS``, and the sheet
says so when cut), a bold frozen header, column widths, real dates and numbers, and text made safe
from formula injection (``xlsx.safe_cell``). The page links to it with ``{% export_link %}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .xlsx import safe_cell, xlsx_response

MAX_ROWS = 50_000


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


def _width(value: Any) -> int:
    text = str(value or "")
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)  # a CJK character is two columns wide


def table_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [_width(h) for h in headers]
    count = 0
    for row in rows:
        if count >= MAX_ROWS:
            sheet.append([_("（仅导出前 {n} 行，请缩小筛选范围）").format(n=MAX_ROWS)])
            break
        values = []
        for i, value in enumerate(row):
            if isinstance(value, dt.datetime):
                value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
            values.append(safe_cell(value))
            if i < len(widths):
                widths[i] = max(widths[i], min(_width(value), 60))
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        count += 1
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
    return book


def table_response(
    title: str, headers: Sequence[str], items: Iterable[Any], row: Callable[[Any], Sequence[Any]]
) -> HttpResponse:
    """The xlsx of ``items`` (already restricted and filtered by the page's selector)."""
    stamp = timezone.localdate().isoformat()
    return xlsx_response(table_workbook(title, headers, (row(i) for i in items)), f"{title}-{stamp}.xlsx")
