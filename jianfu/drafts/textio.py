"""Getting the text out of a draft: .docx (python-docx), .pdf with a text layer (pypdf), .txt, pasted
text; traditional characters converted to simplified (OpenCC tables, pure Python).

Pure functions: bytes in, text out, or ``ActionError`` with a Chinese message. Uploads reach here
only after ``core.files.check_upload`` decided their type from their content.
"""

from __future__ import annotations

import io
import logging
import re
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from jianfu.core.errors import ActionError

log = logging.getLogger(__name__)

MAX_CHARS = 200_000  # about 250 pages; a draft longer than that is not a draft
EMPTY = "文档中没有可审核的文字。"
NO_TEXT_LAYER = "该PDF无可识别文字（可能是扫描件）。请上传带文字层的PDF，或上传Word文档、粘贴正文。"


def _docx_text(data: bytes) -> str:
    from docx import Document  # imported here: only uploads of Word drafts need it

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ActionError(_("无法读取该Word文档，文件可能已损坏。请另存为 .docx 后重新上传。")) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # notices put deadlines and duties in tables too
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if cell.text not in cells:  # merged cells repeat their text
                    cells.append(cell.text)
            lines.append("，".join(c.strip() for c in cells if c.strip()) + "。")
    return "\n".join(lines)


def _unwrap(page: str) -> str:
    """Rejoin the lines a PDF wrapped: a line as wide as the page's widest that ends without a
    punctuation mark goes on into the next one (a short line is a title or a paragraph end)."""
    lines = page.split("\n")
    widest = max((len(x.rstrip()) for x in lines), default=0)
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= 0.85 * widest and not re.search(r"[。！？；：:;!?]\s*$", out[-1]):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ActionError(_("该PDF已加密，无法读取。请上传未加密的文件。"))
        pages = [_unwrap(page.extract_text() or "") for page in reader.pages]
    except ActionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ActionError(_("无法读取该PDF文件，文件可能已损坏。")) from exc
    text = "\n".join(pages)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise ActionError(NO_TEXT_LAYER)
    return text


def _plain_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Windows Notepad in China saves GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ActionError(_("无法识别该文本文件的编码，请另存为 UTF-8 后上传，或直接粘贴正文。"))


def extract_text(data: bytes, kind: str) -> str:
    """The text of an uploaded draft whose type (``docx``, ``pdf``, ``txt``) is already known."""
    if kind == "docx":
        text = _docx_text(data)
    elif kind == "pdf":
        text = _pdf_text(data)
    elif kind == "txt":
        text = _plain_text(data)
    else:
        raise ActionError(_("仅支持 Word（.docx）、带文字层的PDF和纯文本（.txt）文件。"))
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise line ends and blank runs; refuse an empty or absurdly long document."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t\u3000\xa0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        raise ActionError(EMPTY)
    if len(text) > MAX_CHARS:
        raise ActionError(
            _("文档过长（{text} 字），上限为 {MAX_CHARS} 字。请分篇提交。").format(text=len(text), MAX_CHARS=MAX_CHARS)
        )
    return text


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, bool]:
    """The text in simplified characters, and whether anything was converted."""
    converted = _converter().convert(text)
    return converted, converted != text
