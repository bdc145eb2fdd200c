"""Input checks shared by the campaign actions: text without markup, dates, months, files."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core.dates import check_in_range
from jianfu.core.errors import ActionError
from jianfu.core.files import IMAGES, WORD, CheckedFile, check_upload

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]")
EVIDENCE_KINDS = (*IMAGES, "pdf", *WORD, "xlsx")
EVIDENCE_ALLOWED = gettext_lazy("仅支持图片（JPG/PNG/GIF/WEBP）、PDF、Word 和 Excel 文件。")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_COUNT = 5


def clean_text(value: Any, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """Trimmed text; refuses empty (when required), too long, NUL bytes and HTML markup."""
    text = str(value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ActionError(_("请填写{label}。").format(label=label), field=field)
    if len(text) > max_length:
        raise ActionError(_("{label}不能超过 {n} 字。").format(label=label, n=max_length), field=field)
    if "\x00" in text:
        raise ActionError(_("{label}含有无效字符。").format(label=label), field=field)
    if MARKUP.search(text):
        raise ActionError(_("{label}不能包含 HTML 标签（如 <script>）。").format(label=label), field=field)
    return text


def parse_date(value: Any, *, field: str, label: str) -> dt.date:
    """A date from a form or the API (a date, or text YYYY-MM-DD), within 2000–2100."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise ActionError(
                _("{label}格式不正确，应为“年-月-日”，如 2026-05-01。").format(label=label), field=field
            ) from None
    check_in_range(value, field=field)
    return value


def parse_month(value: Any, *, field: str = "month") -> dt.date:
    """The first day of a month given as YYYY-MM (or a date)."""
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = str(value or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}", text):
        raise ActionError(_("月份格式不正确，应为“年-月”，如 2026-05。"), field=field)
    try:
        month = dt.date(int(text[:4]), int(text[5:]), 1)
    except ValueError:
        raise ActionError(_("月份格式不正确，应为“年-月”，如 2026-05。"), field=field) from None
    check_in_range(month, field=field)
    return month


def check_evidence(files: Any) -> list[CheckedFile]:
    if not files:
        return []
    return check_upload(
        files,
        kinds=EVIDENCE_KINDS,
        max_bytes=EVIDENCE_MAX_BYTES,
        max_count=EVIDENCE_MAX_COUNT,
        allowed=str(EVIDENCE_ALLOWED),
        noun=_("佐证材料"),
        label=_("佐证材料"),
        field="evidence",
    )
