"""What an application may carry as materials (申请材料): PDF or Word, checked by content
(``core.files.check_upload``), at most 10 MB each and 10 per application."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jianfu.core.errors import ActionError
from jianfu.core.files import WORD, CheckedFile, check_upload

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10
KINDS = ("pdf", *WORD)
ALLOWED = "只能是 PDF 或 Word 文件（.pdf、.doc、.docx）。"


def check_attachment(upload: Any) -> CheckedFile:
    """The one upload, checked; ``ActionError`` in Chinese on the ``attachment`` field otherwise."""
    if upload is None:
        raise ActionError(_("请选择要上传的文件。"), field="attachment")
    (checked,) = check_upload(
        [upload],
        kinds=KINDS,
        max_bytes=MAX_ATTACHMENT_BYTES,
        max_count=1,
        allowed=ALLOWED,
        noun="附件",
        label=_("申请材料"),
        field="attachment",
    )
    return checked
