"""PDF documents (lists, plans, 督办单, 通报, reports) rendered from HTML with WeasyPrint.

Chinese text needs a CJK font installed on the server (Debian: fonts-noto-cjk); WeasyPrint embeds
the subset it uses, so the PDF reads the same on any machine. Official documents (公文) extend
"pdf/gongwen.html" with the context of ``core.gongwen.official_document`` (GB/T 9704-2012 layout);
reports and cards extend "pdf/base.html". Both get ``fonts`` (core.fonts: the deployment's licensed
faces from JIANFU_FONT_DIR, open Noto CJK otherwise).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import lru_cache
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.encoding import escape_uri_path

from .fonts import font_set

# WeasyPrint logs every stylesheet and font at INFO (hundreds of lines a document) and fontTools
# each subset table: only their warnings belong in a server log.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)

CJK_FONT_FAMILIES = "'Noto Serif CJK SC', 'Noto Sans CJK SC', 'Source Han Serif SC', 'WenQuanYi Micro Hei', serif"


class PdfUnavailable(RuntimeError):
    """No CJK font: a PDF would show empty boxes instead of Chinese, so none is produced."""


@lru_cache(maxsize=1)
def cjk_font_available() -> bool:
    """Whether fontconfig knows a font that covers Chinese."""
    if shutil.which("fc-list") is None:
        return False
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=10).stdout  # noqa: S607
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render ``template`` (HTML extending pdf/gongwen.html or pdf/base.html) to PDF bytes."""
    if not cjk_font_available():
        raise PdfUnavailable("服务器未安装中文字体（fonts-noto-cjk），暂无法生成 PDF。")
    from weasyprint import HTML  # imported lazily: it loads Pango

    html = render_to_string(template, {"cjk_fonts": CJK_FONT_FAMILIES, "fonts": font_set(), **context})
    return HTML(string=html).write_pdf()


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response
