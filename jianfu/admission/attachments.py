"""Checking uploaded application materials: PDF or Word only, by extension and by content."""

from __future__ import annotations

from typing import Any

from jianfu.core.errors import ActionError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10
# Extension → (magic bytes at offset 0, content type). .docx is a zip; .doc is an OLE2 file.
KINDS = {
    ".pdf": (b"%PDF", "application/pdf"),
    ".docx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": (bytes.fromhex("D0CF11E0A1B11AE1"), "application/msword"),
}


def check_upload(upload: Any) -> tuple[str, str, bytes]:
    """(extension, content type, data) of an acceptable upload, or ActionError in Chinese."""
    name = str(getattr(upload, "name", "") or "")
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in KINDS:
        raise ActionError("附件只能是 PDF 或 Word 文件（.pdf、.doc、.docx）。", field="attachment")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise ActionError(
            f"附件过大（{size / 1024 / 1024:.1f} MB），上限为 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB。",
            field="attachment",
        )
    data = upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ActionError(f"附件过大，上限为 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB。", field="attachment")
    if not data:
        raise ActionError("上传的附件是空文件。", field="attachment")
    magic, content_type = KINDS[ext]
    if not data.startswith(magic):
        raise ActionError(f"附件内容与扩展名 {ext} 不符，不是有效的 PDF 或 Word 文件。", field="attachment")
    if ext == ".docx" and b"word/" not in data[:65536] and b"[Content_Types].xml" not in data[:65536]:
        raise ActionError("附件不是有效的 Word（.docx）文件。", field="attachment")
    return ext, content_type, data
