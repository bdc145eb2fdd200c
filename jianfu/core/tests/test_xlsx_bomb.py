"""An xlsx that would unpack to gigabytes is refused before openpyxl reads it."""

from __future__ import annotations

import io
import zipfile

import pytest

from jianfu.core.errors import ActionError
from jianfu.core.xlsx import open_workbook


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"0" * (30 * 1024 * 1024) + b"</sst>")
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_with_a_chinese_message():
    data = _bomb()
    assert len(data) < 1024 * 1024  # small on the wire
    with pytest.raises(ActionError, match="压缩炸弹"):
        open_workbook(data)
