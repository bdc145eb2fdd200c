"""The ledger import template a clerk can fill in: dropdowns for coded columns, real date and
number cells, a frozen header, a 填写说明 sheet holding the example — read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from jianfu.burden.imports import COLUMNS
from jianfu.burden.models import LedgerEntry
from jianfu.core.xlsx import TemplateColumn, template_sheet

pytestmark = pytest.mark.django_db


def _template(client):
    response = client.get("/burden/import/?template=1")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _validations(sheet):
    return {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}


def test_the_template_has_dropdowns_types_widths_a_frozen_header_and_no_example_row(world, client_for):
    book = _template(client_for("township_officer"))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == COLUMNS and sheet.max_row == 1  # nothing below the header
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["G"].width == 40
    found = _validations(sheet)
    assert found["B2"].type == "list" and ",会议," in found["B2"].formula1
    community = found["A2"]
    assert community.type == "list" and community.errorStyle == "stop"
    assert world.dongguan.code in community.formula1 and "610922100001" not in community.formula1  # own only
    assert found["D2"].type == "date" and sheet.column_dimensions["D"].number_format == "yyyy-mm-dd"
    assert found["E2"].type == "whole" and found["E2"].operator == "greaterThanOrEqual"
    assert sheet.column_dimensions["A"].number_format == "@"  # codes stay text, leading zeros and all
    guide = book["填写说明"]
    text = [[c for c in row if c is not None] for row in guide.iter_rows(values_only=True)]
    assert ["社区编码", "必填"] == text[1][:2]
    assert ["示例（仅供参考，本行不会被导入）"] in text
    example = next(row for row in guide.iter_rows() if row[0].value == "610921100001" and row[1].value == "会议")
    assert isinstance(example[3].value, dt.datetime) and example[3].number_format == "yyyy-mm-dd"


def test_a_filled_in_template_imports_with_a_real_date_cell(world, client_for):
    client = client_for("township_officer")
    book = _template(client)
    sheet = book.worksheets[0]
    sheet.append([world.dongguan.code, "会议", "610921100", dt.date.today() - dt.timedelta(days=1), 45, None, "例会"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.name = "台账.xlsx"
    buffer.seek(0)
    response = client.post("/burden/import/", {"file": buffer}, follow=True)
    assert "已导入 1 条台账。" in response.content.decode()
    entry = LedgerEntry.objects.get()
    assert entry.minutes == 45 and entry.occurred_on == dt.date.today() - dt.timedelta(days=1)


def test_a_long_code_list_comes_from_a_hidden_options_sheet():
    from openpyxl import Workbook

    book = Workbook()
    codes = [f"610921{n:06d}" for n in range(300)]
    template_sheet(book, book.active, [TemplateColumn("社区编码", choices=codes, required=True)])
    saved = io.BytesIO()
    book.save(saved)
    book = load_workbook(io.BytesIO(saved.getvalue()))
    dv = _validations(book.worksheets[0])["A2"]
    assert dv.type == "list" and dv.formula1 == "'选项'!$A$1:$A$300"
    options = book["选项"]
    assert options.sheet_state == "hidden" and [r[0] for r in options.iter_rows(values_only=True)] == codes
