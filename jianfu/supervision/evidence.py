"""Evidence files (举报材料、整改材料): images, PDF or Word, checked by content
(``core.files.check_upload``), size-limited by JIANFU_MAX_EVIDENCE_MB, at most five at once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from jianfu.core.files import IMAGES, WORD, CheckedFile, check_upload

MAX_FILES = 5
KINDS = (*IMAGES, "pdf", *WORD)
ALLOWED = "仅支持图片（JPG/PNG/GIF/WEBP）、PDF 和 Word 文档。"


def max_file_bytes() -> int:
    return int(settings.SUPERVISION_MAX_EVIDENCE_BYTES)


def check_files(files: list[Any]) -> list[CheckedFile]:
    """Read and check every uploaded file; raise ActionError (Chinese) before anything is saved."""
    return check_upload(
        files, kinds=KINDS, max_bytes=max_file_bytes(), max_count=MAX_FILES, allowed=ALLOWED, label=_("证据材料")
    )
