"""core.files: uploads checked by content (not name), stored under random names, downloaded only
as attachments by those who may see the owning object."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ActionError
from jianfu.core.files import IMAGES, WORD, check_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
EVIDENCE = (*IMAGES, "pdf", *WORD)
ALLOWED = "仅支持图片（JPG/PNG/GIF/WEBP）、PDF 和 Word 文档。"


def _zip(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["事项", "频次"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def check(*files, kinds=EVIDENCE, max_bytes=1024 * 1024, max_count=5):
    return check_upload(list(files), kinds=kinds, max_bytes=max_bytes, max_count=max_count, allowed=ALLOWED)


def refused(*files, **kw) -> ActionError:
    with pytest.raises(ActionError) as info:
        check(*files, **kw)
    assert info.value.field == "files"
    return info.value


def test_the_type_comes_from_the_content_not_the_name_or_the_browser():
    uploads = [
        SimpleUploadedFile("方案.pdf", PDF, content_type="text/html"),
        SimpleUploadedFile("通知.docx", _zip({"word/document.xml": "<w:document/>"})),
        SimpleUploadedFile("台账.xlsx", _xlsx()),
        SimpleUploadedFile("现场.jpeg", JPG),
        SimpleUploadedFile("扫描件", PNG),  # no extension: the content decides
    ]
    checked = check(*uploads, kinds=(*EVIDENCE, "xlsx"))
    assert [c.ext for c in checked] == ["pdf", "docx", "xlsx", "jpg", "png"]
    assert checked[0].content_type == "application/pdf"
    assert checked[2].content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert checked[0].size == len(PDF) and len(checked[0].sha256) == 64


def test_a_photo_renamed_to_docx_is_refused_even_where_photos_are_allowed():
    exc = refused(SimpleUploadedFile("整改报告.docx", JPG))
    assert exc.message == "文件“整改报告.docx”的内容是 JPG 图片，与扩展名 .docx 不符，请确认文件后重新上传。"


def test_a_zip_bomb_named_docx_is_refused():
    bomb = _zip({"word/document.xml": b"\x00" * (20 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    exc = refused(SimpleUploadedFile("通知.docx", bomb))
    assert "疑似压缩炸弹" in exc.message and "通知.docx" in exc.message


def test_html_named_pdf_and_an_excel_named_docx_are_refused_with_the_reason():
    exc = refused(SimpleUploadedFile("假的.pdf", b"<html><script>alert(1)</script></html>"))
    assert exc.message == f"文件“假的.pdf”不是允许的类型：{ALLOWED}其内容与扩展名 .pdf 不符，不是有效的 PDF 文件。"
    exc = refused(SimpleUploadedFile("表格.docx", _xlsx()))
    assert "不是有效的 Word（.docx）文件" in exc.message


def test_a_kind_not_allowed_here_is_refused_even_when_real():
    exc = refused(SimpleUploadedFile("台账.xlsx", _xlsx()))
    assert exc.message == f"文件“台账.xlsx”不是允许的类型：{ALLOWED}"


def test_too_many_empty_and_too_large_files_are_refused_in_chinese():
    assert refused(*[SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]).message == "材料最多上传 5 个文件。"
    assert refused(SimpleUploadedFile("空.pdf", b"")).message == "文件“空.pdf”是空文件。"
    big = SimpleUploadedFile("大.pdf", PDF + b"x" * (2 * 1024 * 1024))
    assert refused(big).message == "文件过大（“大.pdf”，2 MB），上限为 1 MB，请压缩后再上传。"


def test_a_path_in_the_uploaded_name_is_dropped():
    (checked,) = check(SimpleUploadedFile("方案.pdf", PDF))
    assert checked.name == "方案.pdf"
    (checked,) = check(type("U", (), {"name": "..\\..\\etc/方案.pdf", "size": len(PDF), "read": lambda s, n: PDF})())
    assert checked.name == "方案.pdf"
