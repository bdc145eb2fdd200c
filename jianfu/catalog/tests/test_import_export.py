"""Excel template, import (all or nothing, row-level errors), export round trip, PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from jianfu.catalog import selectors
from jianfu.catalog.actions import do_import_items
from jianfu.catalog.exports import HEADER, MAX_ROWS, template_workbook, version_pdf, version_workbook
from jianfu.catalog.models import ListItem, ListVersion
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.testing import assert_official_document, pdf_facts

from .conftest import assist, publish_items, row, workbook_bytes


def _save(book: Workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_template_has_the_chinese_header_and_an_instructions_sheet(world):
    book = load_workbook(_save(template_workbook(world.county)))
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    notes = book["填写说明"]
    text = " ".join(str(c.value) for r in notes.iter_rows() for c in r if c.value)
    assert "依法协助政府工作事项" in text and "联系居民" in text and "每季度" in text
    assert "汉阴县卫生健康局" in text and "石泉县" not in text


def test_an_import_saves_every_row_into_the_draft(world):
    rows = [row(f"A-{i:03d}", f"事项{i}") for i in range(1, 21)]
    draft = do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes(rows))
    assert draft.items.count() == 20
    item = draft.items.get(code="A-005")
    assert item.department == world.mzj and item.frequency_unit == "month" and item.minutes_per_occurrence == 30


def test_one_bad_row_in_500_saves_nothing_and_names_the_row(world):
    rows = [row(f"A-{i:03d}", f"事项{i}") for i in range(1, 501)]
    rows[299] = row("A-300", "事项300", minutes_per_occurrence="很多")  # sheet row 301
    with pytest.raises(ActionError) as exc:
        do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes(rows))
    assert "未保存任何事项" in exc.value.message
    assert exc.value.errors == [
        {
            "row": 301,
            "column": "N",
            "label": "每次用时（分钟）",
            "message": "每次用时须为整数分钟。",
            "where": "第 301 行 N 列（每次用时（分钟））",
        }
    ]
    assert not ListItem.objects.exists() and not ListVersion.objects.exists()


def test_every_error_is_listed_with_row_and_column(world):
    rows = [
        row("A-001", "正常事项"),
        row("A-001", "重复编号"),
        row("A-003", "", category="不存在的类别"),
        row("A-004", "未知部门", department="火星局"),
        row("A-005", "协助事项缺经费", category="依法协助政府工作事项", community_roles="联系居民"),
        row("A-006", "频次越界", frequency_count=99999),
    ]
    with pytest.raises(ActionError) as exc:
        do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes(rows))
    where = {(e["row"], e["column"]) for e in exc.value.errors}
    assert {(3, "A"), (4, "B"), (4, "C"), (5, "F"), (6, "J"), (6, "K"), (7, "L")} <= where
    assert any("与第 2 行重复" in e["message"] for e in exc.value.errors)
    assert not ListItem.objects.exists()


def test_an_import_replaces_the_draft_but_never_a_published_version(world):
    v1 = publish_items(world, [assist("XZ-01", "协助组织老年人健康体检")])
    draft = do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([row("B-1", "新事项")]))
    assert list(draft.items.values_list("code", flat=True)) == ["B-1"]
    assert list(v1.items.values_list("code", flat=True)) == ["XZ-01"]


@pytest.mark.parametrize("persona", ["dept_officer", "community_worker", "other_county_officer"])
def test_only_the_jurisdictions_list_owners_may_import(world, persona):
    with pytest.raises(NotAllowed):
        do_import_items(world.county, actor=world.users[persona], upload=workbook_bytes([row("A-1", "x")]))
    assert not ListItem.objects.exists()


def test_export_then_import_round_trips_to_the_same_items(world):
    items = [
        assist("XZ-01", "协助组织老年人健康体检", review_date="2027-06-30", scope="联系居民\n第二行"),
        assist("XZ-02", '=HYPERLINK("http://evil.example","点我")', frequency_count="2.5", funding_amount="1234.56"),
        {
            "code": "ZM-01",
            "title": "居住证明",
            "category": "certificate",
            "cert_kind": "allowed",
            "basis": "清单",
            "applies_to": "village",
            "frequency_unit": "week",
        },
        {"code": "FM-01", "title": "-拆迁拆违", "category": "negative"},
    ]
    v1 = publish_items(world, items)
    exported = _save(version_workbook(v1))
    sheet = load_workbook(exported).worksheets[0]
    title_cell = sheet["B3"]
    assert title_cell.data_type == "s" and title_cell.value.startswith("'=")  # never a live formula
    exported.seek(0)
    draft = do_import_items(world.county, actor=world.county_mzj, upload=exported)
    fields = [
        "code",
        "title",
        "category",
        "cert_kind",
        "basis",
        "department_id",
        "scope",
        "process",
        "community_roles",
        "funding_amount",
        "funding_source",
        "frequency_count",
        "frequency_unit",
        "minutes_per_occurrence",
        "applies_to",
        "review_date",
    ]
    assert list(draft.items.order_by("code").values(*fields)) == list(v1.items.order_by("code").values(*fields))
    assert selectors.diff_versions(v1, draft).is_empty


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(world):
    upload = io.BytesIO(b"<html>not a workbook</html>")
    with pytest.raises(ActionError, match="不是有效的 Excel"):
        do_import_items(world.county, actor=world.county_mzj, upload=upload)
    assert not ListVersion.objects.exists()


def test_an_empty_sheet_is_refused(world):
    with pytest.raises(ActionError, match="工作表是空的"):
        do_import_items(world.county, actor=world.county_mzj, upload=_save(Workbook()))
    with pytest.raises(ActionError, match="没有任何事项"):
        do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([]))
    assert not ListVersion.objects.exists()


def test_a_wrong_header_is_refused_naming_the_column(world):
    header = list(HEADER)
    header[2] = "分类"
    with pytest.raises(ActionError, match="C 列应为“类别”，实际为“分类”"):
        do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([row("A-1", "x")], header=header))
    assert not ListVersion.objects.exists()


def test_100000_rows_are_refused_quickly(world):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for i in range(100_000):
        sheet.append([f"A-{i}"])
    # Refused once the row limit is passed, before any row is validated or saved.
    with pytest.raises(ActionError, match=f"最多 {MAX_ROWS} 行"):
        do_import_items(world.county, actor=world.county_mzj, upload=_save(book))
    assert not ListVersion.objects.exists()


def test_a_formula_cell_is_refused(world):
    rows = [row("A-1", '=HYPERLINK("http://evil.example","点我")'), row("A-2", "正常")]
    with pytest.raises(ActionError) as exc:
        do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes(rows))
    assert exc.value.errors[0]["row"] == 2 and exc.value.errors[0]["column"] == "B"
    assert "公式" in exc.value.errors[0]["message"]
    assert not ListVersion.objects.exists()


def test_a_script_tag_in_a_title_is_refused(world):
    with pytest.raises(ActionError) as exc:
        do_import_items(
            world.county, actor=world.county_mzj, upload=workbook_bytes([row("A-1", "<script>alert(1)</script>")])
        )
    assert "HTML" in exc.value.errors[0]["message"]
    assert not ListVersion.objects.exists()


def test_the_pdf_carries_the_item_titles_as_text_with_a_cjk_font(world, cjk_font):
    v1 = publish_items(world, [assist("XZ-01", "协助组织老年人健康体检"), assist("XZ-02", "协助开展禁毒宣传")])
    text, fonts = pdf_facts(version_pdf(v1))
    assert "协助组织老年人健康体检" in text.replace("\n", "") and "协助开展禁毒宣传" in text.replace("\n", "")
    assert any("CJK" in f for f in fonts)


def test_the_published_list_prints_as_a_numbered_notice_with_the_list_attached_on_landscape_pages(
    world, cjk_font, settings
):
    settings.DOC_PREFIXES = {world.mzj.code: "汉民发"}
    v1 = publish_items(world, [assist("XZ-01", "协助组织老年人健康体检")])
    day = timezone.localdate(v1.published_at)
    assert (v1.doc_year, v1.doc_number) == (day.year, 1)
    pages = assert_official_document(
        version_pdf(v1), mark=f"{v1.published_by.org.name}文件", title=f"关于印发《{v1.title}》的通知",
        doc_no=f"汉民发〔{day.year}〕1号", recipients="各有关单位", date=f"{day.year}年{day.month}月{day.day}日",
    )  # fmt: skip
    assert pages[0].find(f"附件：{v1.title}")
    annex = next(p for p in pages if any("XZ-01" in ln.text for ln in p.lines))
    assert (round(annex.width), round(annex.height)) == (297, 210) and annex.find("附件")
    # The office's next publication notice that year takes the next number.
    v2 = publish_items(world, [assist("XZ-02", "协助开展禁毒宣传")], date=dt.date(2025, 4, 1))
    assert (v2.doc_year, v2.doc_number) == (day.year, 2)
