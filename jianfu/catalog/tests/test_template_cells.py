"""The list import template, read back with openpyxl: a dropdown for every coded column, real
date and number columns, a frozen header and no example row to import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jianfu.catalog.exports import HEADER

pytestmark = pytest.mark.django_db


def test_the_list_template_has_dropdowns_and_typed_columns(client_for):
    book = load_workbook(io.BytesIO(client_for("county_mzj").get("/lists/template.xlsx").content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER and sheet.max_row == 1 and sheet.freeze_panes == "A2"
    by_header = {}
    for dv in sheet.data_validations.dataValidation:
        column = str(dv.sqref).split(":")[0].rstrip("0123456789")
        by_header[HEADER[sheet[f"{column}1"].column - 1]] = dv
    assert by_header["类别"].type == "list" and "负面清单" in by_header["类别"].formula1
    for coded in ("证明类型", "频次单位", "适用范围", "法定事项", "层级", "牌子类型", "悬挂位置"):
        assert by_header[coded].type == "list", coded
    assert by_header["法定事项"].formula1 == '"是,否"'
    assert by_header["责任部门"].errorStyle == "information"  # suggests names; a code is accepted too
    assert by_header["复核日期"].type == "date" and by_header["发文日期"].type == "date"
    assert by_header["每次用时（分钟）"].type == "whole" and by_header["经费（元/年）"].type == "decimal"
    letter = sheet.cell(row=1, column=HEADER.index("复核日期") + 1).column_letter
    assert sheet.column_dimensions[letter].number_format == "yyyy-mm-dd"
    assert "填写说明" in book.sheetnames
