"""A corpus of hostile workbooks, generated (never committed as binaries): zip bomb, XXE,
billion laughs, shared-strings bomb, a single huge cell, truncated, renamed text, a damaged part."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

MB = 1024 * 1024


def valid() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "数量"])
    ws.append(["入户登记", 3])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _replace(parts: dict[str, bytes]) -> bytes:
    """A valid workbook with some parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(valid()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename not in parts:
                out.writestr(info.filename, source.read(info.filename))
        for name, data in parts.items():
            out.writestr(name, data)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _sheet(cell_xml: bytes, prolog: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + b"<worksheet " + NS + b"><sheetData>"
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + cell_xml + b"</t></is></c></row>"
        b"</sheetData></worksheet>"
    )


def zip_bomb() -> bytes:
    """Many parts of zeros: the total far above the limit, each part below it."""
    return _replace({f"xl/media/pad{i}.xml": b"<a>" + b"0" * (15 * MB) + b"</a>" for i in range(8)})


def xxe() -> bytes:
    prolog = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _replace({SHEET: _sheet(b"&xxe;", prolog)})


def billion_laughs() -> bytes:
    lol = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    return _replace({SHEET: _sheet(b"&lol9;", b"<!DOCTYPE worksheet [" + lol + b"]>")})


def utf16_doctype() -> bytes:
    """The DTD hidden from a byte scan by encoding the part in UTF-16."""
    xml = _sheet(b"&xxe;", b'<!DOCTYPE worksheet [<!ENTITY xxe "x">]>').decode().replace("UTF-8", "UTF-16")
    return _replace({SHEET: xml.encode("utf-16")})


def shared_strings_bomb() -> bytes:
    """One shared-strings part that unpacks to 300 MB from a few hundred KB."""
    body = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    return _replace({"xl/sharedStrings.xml": body + b"0" * (300 * MB) + b"</t></si></sst>"})


def huge_cell(size: int) -> bytes:
    """One inline-string cell of ``size`` bytes (the 303 KB file with a 300 MB cell, scaled)."""
    return _replace({SHEET: _sheet(b"A" * size)})


def incompressible_cell(size: int) -> bytes:
    """One cell of ``size`` random letters: no zip-bomb ratio, so it is accepted and parsed."""
    import base64
    import os

    return _replace({SHEET: _sheet(base64.b64encode(os.urandom(size * 3 // 4))[:size])})


def truncated() -> bytes:
    data = valid()
    return data[: len(data) // 2]


def renamed_text() -> bytes:
    return "标题,数量\n入户登记,3\n".encode()


def damaged_xml() -> bytes:
    return _replace({SHEET: _sheet(b"x")[:-40]})


HOSTILE = {
    "zip-bomb": (zip_bomb, "压缩炸弹"),
    "xxe": (xxe, "DOCTYPE"),
    "billion-laughs": (billion_laughs, "十亿笑声"),
    "utf16-doctype": (utf16_doctype, "DOCTYPE"),
    "shared-strings-bomb": (shared_strings_bomb, "sharedStrings.xml"),
    "huge-cell": (lambda: huge_cell(300 * MB), "单个部件上限"),
    "truncated": (truncated, "不完整"),
    "renamed-text": (renamed_text, "不是有效的 Excel"),
    "damaged-xml": (damaged_xml, "不是完整的 XML"),
}
