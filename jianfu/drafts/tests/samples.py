"""Real files for the draft tests: a .docx, a PDF with and without a text layer, a zip bomb."""

from __future__ import annotations

import io
import zipfile

NOTICE = (
    "关于开展农村生产生活条件现状调查的通知\n"
    "各乡（镇）人民政府，县政府有关部门：\n"
    "一、认真实施\n"
    "各村民小组须在12月2日下午前将调查表（表一）报各村（居）委会，"
    "各村（居）委会须在12月3日上午前将调查汇总表（表二）报各乡（镇）。\n"
    "各乡（镇）须在12月3日下午5时前将汇总表（表三）报县统计局。\n"
)


def docx_bytes(text: str = NOTICE) -> bytes:
    from docx import Document

    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "各社区须每周报送巡查台账"
    table.rows[0].cells[1].text = "镇综治办"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str = NOTICE) -> bytes:
    """A PDF with a real text layer (WeasyPrint with the CJK font)."""
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    html = f"<html><body style=\"font-family: 'Noto Serif CJK SC'\">{body}</body></html>"
    return HTML(string=html).write_pdf()


def scanned_pdf_bytes() -> bytes:
    """A PDF whose page has no text at all (as a scanner without OCR makes)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx-shaped zip whose document part unpacks ~1000:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (30 * 1024 * 1024))
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 256
