"""Excel export of the certificate register (the resident as the reader may see them)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from jianfu.core.xlsx import write_rows


def register_workbook(rows: list[dict[str, Any]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = _("证明出具登记")
    headers = [
        _("编号"),
        _("出具日期"),
        _("社区/村"),
        _("证明事项"),
        _("居民姓名"),
        _("身份证号码"),
        _("用途"),
        _("要求出具的单位"),
        _("所用印章"),
    ]
    write_rows(sheet, [headers])
    write_rows(
        sheet,
        (
            [
                r["cert"].doc_no,
                r["cert"].issued_on.isoformat(),
                r["cert"].community.name,
                f"{r['cert'].item_code} {r['cert'].item_title}",
                r["name"],
                r["id_number"],
                r["cert"].purpose,
                r["cert"].agency,
                r["cert"].get_seal_display(),
            ]
            for r in rows
        ),
    )
    return book
