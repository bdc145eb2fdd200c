"""Evidence files: checked by their first bytes (not their name), size-limited, stored under a
random name below MEDIA_ROOT, served only through views that check who may see them."""

from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile

from jianfu.core.errors import ActionError

MAX_FILES = 5


def max_file_bytes() -> int:
    return int(settings.SUPERVISION_MAX_EVIDENCE_BYTES)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    ext: str
    content_type: str
    data: bytes
    sha256: str


def _sniff(data: bytes) -> tuple[str, str] | None:
    """(extension, content type) from the file's magic bytes, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif", "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp", "image/webp"
    if data.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc", "application/msword"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        except zipfile.BadZipFile:
            return None
    return None


def check_files(files: list[Any]) -> list[CheckedFile]:
    """Read and check every uploaded file; raise ActionError (Chinese) before anything is saved."""
    files = [f for f in files if f is not None]
    if len(files) > MAX_FILES:
        raise ActionError(f"证据材料最多上传 {MAX_FILES} 个文件。", field="files")
    limit = max_file_bytes()
    checked = []
    for upload in files:
        name = str(getattr(upload, "name", "") or "附件")[:200]
        size = getattr(upload, "size", None)
        if size is not None and size > limit:
            raise ActionError(f"文件“{name}”超过 {limit // (1024 * 1024)} MB，请压缩后再上传。", field="files")
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise ActionError(f"文件“{name}”超过 {limit // (1024 * 1024)} MB，请压缩后再上传。", field="files")
        if not data:
            raise ActionError(f"文件“{name}”是空的。", field="files")
        kind = _sniff(data)
        if kind is None:
            raise ActionError(
                f"文件“{name}”不是允许的类型：仅支持图片（JPG/PNG/GIF/WEBP）、PDF 和 Word 文档。", field="files"
            )
        checked.append(CheckedFile(name, kind[0], kind[1], data, hashlib.sha256(data).hexdigest()))
    return checked


def content_file(checked: CheckedFile) -> tuple[str, ContentFile]:
    """The file to store under a random name (the original name stays on the record), and that name."""
    name = f"{secrets.token_hex(16)}.{checked.ext}"
    return name, ContentFile(checked.data, name=name)
