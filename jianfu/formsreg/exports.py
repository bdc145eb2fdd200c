"""A filled form as an xlsx: in the department's own layout (表样) when it uploaded one, else in
a plain layout (序号, 指标, 单位, 口径, 数值).

In a layout, a cell holding ``{指标名称}`` (or ``【指标名称】``) is replaced by the value; a cell
holding exactly a field's name gets the value in the next cell to its right when that is empty.
``{社区}``, ``{报送日期}`` and ``{表格名称}`` fill in the heading. Every written value passes
``core.xlsx.safe_cell``.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from jianfu.core.errors import ActionError
from jianfu.core.xlsx import safe_cell, write_rows

from .models import FormLayout, Submission

_PLACEHOLDER = re.compile(r"[{【]\s*([^{}【】]+?)\s*[}】]")


def _number(value: str) -> Any:
    try:
        return int(value) if value.lstrip("-").isdigit() else float(value) if value else value
    except ValueError:
        return value


def _values(sub: Submission) -> dict[str, Any]:
    out: dict[str, Any] = {"社区": sub.community.name, "报送日期": sub.due_date.isoformat(), "表格名称": sub.form.title}
    for field in sub.form.fields.all():
        raw = sub.values.get(str(field.pk), "")
        out[field.name] = _number(raw) if field.type in ("integer", "decimal") else raw
    return out


def _into_layout(layout: FormLayout, values: dict[str, Any]) -> Any:
    try:
        with layout.file.open("rb") as handle:
            workbook = load_workbook(io.BytesIO(handle.read()))
    except Exception as exc:  # a damaged layout: say so rather than a 500
        raise ActionError(_("表样文件无法读取，请报备单位重新上传 .xlsx 表样。")) from exc
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                text = cell.value.strip()
                whole = _PLACEHOLDER.fullmatch(text)
                if whole and whole.group(1) in values:
                    cell.value = safe_cell(values[whole.group(1)])
                elif _PLACEHOLDER.search(text):
                    cell.value = safe_cell(_PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text))
                elif text in values and text not in ("社区", "报送日期", "表格名称"):
                    right = sheet.cell(row=cell.row, column=cell.column + 1)
                    if right.value in (None, ""):
                        right.value = safe_cell(values[text])
    return workbook


def submission_workbook(sub: Submission) -> Any:
    values = _values(sub)
    layout = FormLayout.objects.filter(form=sub.form).first()
    if layout is not None:
        return _into_layout(layout, values)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("填报")
    write_rows(sheet, [[sub.form.title], [_("填报单位"), sub.community.name, _("报送日期"), sub.due_date.isoformat()],
                       [_("序号"), _("指标"), _("单位"), _("口径"), _("数值")]])  # fmt: skip
    write_rows(sheet, ([f.position, f.name, f.unit, f.definition, values[f.name]] for f in sub.form.fields.all()))
    return workbook
