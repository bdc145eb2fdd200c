"""PDF rendering embeds a CJK font; Excel exports never carry a live formula."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from jianfu.core.errors import ActionError
from jianfu.core.pdf import render_pdf
from jianfu.core.xlsx import open_workbook, safe_cell, unquote_cell, write_rows
from jianfu.testing import pdf_facts


def test_a_pdf_carries_its_chinese_text_with_the_font_embedded(cjk_font, tmp_path, settings):
    (tmp_path / "probe.html").write_text(
        '{% extends "pdf/base.html" %}{% block body %}<h1>社区工作事项清单</h1><p>费随事转</p>{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    text, fonts = pdf_facts(render_pdf("probe.html", {}))
    assert "社区工作事项清单" in text and "费随事转" in text
    assert any("CJK" in f for f in fonts)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x","点我")', "+1+1", "-2", "@SUM(A1)"])
def test_exports_neutralise_formulas_and_imports_restore_the_text(value):
    wb = Workbook()
    write_rows(wb.active, [[value, "普通文本"]])
    buffer = io.BytesIO()
    wb.save(buffer)
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert cell.data_type == "s" and cell.value.startswith("'")
    assert unquote_cell(cell.value) == value
    assert safe_cell("普通文本") == "普通文本"


def test_a_file_that_is_not_a_workbook_gets_a_chinese_message():
    with pytest.raises(ActionError, match="不是有效的 Excel"):
        open_workbook(io.BytesIO(b"%PDF-1.4 not a workbook"))
    with pytest.raises(ActionError, match="空的"):
        open_workbook(io.BytesIO(b""))
