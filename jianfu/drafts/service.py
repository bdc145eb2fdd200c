"""Scanning a draft for a user: the upload checked (core.files), its text read, converted and
scanned against the user's county lists. Nothing is stored here."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import gettext as _

from jianfu.core.errors import ActionError
from jianfu.core.files import CheckedFile, Kind, check_upload, clean_name
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from . import gating
from .scanner import ScanResult, scan
from .textio import EMPTY, clean_text, extract_text, to_simplified

MAX_BYTES = 20 * 1024 * 1024
ALLOWED = "仅支持 Word（.docx）、带文字层的PDF和纯文本（.txt）文件。"
# Plain text cannot be told by its bytes, so core.files does not know it; drafts accept it by name.
TXT = Kind("txt", "text/plain", "纯文本（.txt）文件", ("txt",))


def read_upload(upload: Any) -> tuple[str, CheckedFile]:
    """(text, checked file) of an uploaded draft; .txt is not sniffable, so plain text is
    accepted only under a .txt name and only if it decodes; everything else is checked by content."""
    name = str(getattr(upload, "name", "") or "")
    if name.lower().endswith(".txt"):
        size = getattr(upload, "size", None)
        data = b"" if size is not None and size > MAX_BYTES else upload.read(MAX_BYTES + 1)
        if (size is not None and size > MAX_BYTES) or len(data) > MAX_BYTES:
            raise ActionError(
                _("文件过大，上限为 {MAX_BYTES} MB。").format(MAX_BYTES=MAX_BYTES // 1024 // 1024), field="file"
            )
        if not data.strip():
            raise ActionError(EMPTY, field="file")
        if b"\x00" in data[:4096]:
            raise ActionError(_("文件“{name}”不是文本文件。{ALLOWED}").format(name=name, ALLOWED=ALLOWED), field="file")
        checked = CheckedFile(clean_name(name, "文稿.txt"), TXT, data, hashlib.sha256(data).hexdigest())
        return extract_text(data, "txt"), checked
    checked = check_upload(
        upload, kinds=("docx", "pdf"), max_bytes=MAX_BYTES, max_count=1, allowed=ALLOWED, noun="文稿", field="file"
    )[0]
    return extract_text(checked.data, checked.ext), checked


def county_for(user: Any) -> Org | None:
    org = getattr(user, "org", None)
    return tree.county_of(org) if org is not None else None


def scan_text(text: str, *, county: Org | None) -> ScanResult:
    """Scan pasted or extracted text for the lists of ``county``."""
    simplified, converted = to_simplified(clean_text(text))
    communities = tree.grassroots_of(county).count() if county is not None else 1
    return scan(simplified, gate=gating.gate_for(county), communities=communities, converted=converted)
