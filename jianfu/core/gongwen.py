"""Official documents (公文) laid out by GB/T 9704-2012: the context the shared template needs.

Every document the platform issues in the name of an office — a 督办单, a 通报, the list
publication notice, a 审核意见书, the annual plan, a refusal slip — extends ``pdf/gongwen.html`` and
passes ``official_document(...)``: the 发文机关标志 (red, over the red separating line), the
发文字号 (机关代字〔2026〕3号), 主送, title, 署名 and 成文日期 with room for the seal, and the 版记
(抄送, 印发机关 and 印发日期 between rules). The template fills in the body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from .numbering import format_number

TYPE_AREA_WIDTH_MM = 156  # 版心 156 × 225 mm
MARK_MAX_MM = 15.0  # the 发文机关标志's glyph size for a short name (about 初号)


def chinese_date(value: dt.date | dt.datetime | None) -> str:
    """成文日期 as the 2012 standard prints it: Arabic numerals, year in full, no leading zeros
    (2026年12月2日). A datetime is read in the local time zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.year}年{value.month}月{value.day}日"


def _codes(issuer: Any) -> list[str]:
    """The keys an issuer's 机关代字 may be configured under: its own code, then its division's."""
    codes = [str(getattr(issuer, "code", issuer) or "")]
    region = getattr(issuer, "region_code", "")
    if region:
        # A county's region code is 6 digits, a township's 9, a community's 12 (GB/T 2260).
        codes += [region, region[:9], region[:6]]
    return [c for c in dict.fromkeys(codes) if c]


def doc_prefix(issuer: Any, kind: str = "") -> str:
    """The issuer's 机关代字 from ``JIANFU_DOC_PREFIXES`` ("" when none is configured)."""
    prefixes: dict[str, str] = getattr(settings, "DOC_PREFIXES", {})
    for code in _codes(issuer):
        for key in ([f"{code}:{kind}"] if kind else []) + [code]:
            if prefixes.get(key):
                return prefixes[key]
    return ""


def doc_number(issuer: Any, kind: str, year: int | None, number: int | None) -> str:
    """发文字号: 机关代字〔2026〕3号 (no 第, no leading zeros); "" for an unnumbered draft."""
    if not (year and number):
        return ""
    return format_number(year, number, prefix=doc_prefix(issuer, kind))


@dataclass(frozen=True)
class OfficialDocument:
    """What a 公文's 版头, 署名 and 版记 say; the body comes from the template."""

    issuer: str  # 发文机关 (full name): 署名 and, by default, 印发机关
    mark: str  # 发文机关标志 (e.g. 某县民政局文件)
    doc_no: str  # 发文字号, "" for a draft
    title: str
    recipients: str = ""  # 主送机关, printed with a full-width colon
    date: str = ""  # 成文日期, already in the standard's form
    cc: str = ""  # 抄送
    printer: str = ""  # 印发机关
    printed_on: str = ""  # 印发日期
    draft: bool = False
    attachments: tuple[str, ...] = ()  # 附件说明: names of attached documents

    @property
    def mark_size_mm(self) -> float:
        """The mark's glyph size: large for a short name, shrunk so a long one stays on one line."""
        return round(min(MARK_MAX_MM, (TYPE_AREA_WIDTH_MM - 6) / max(len(self.mark), 1)), 2)


def official_document(
    *,
    issuer: Any,
    title: str,
    kind: str = "",
    year: int | None = None,
    number: int | None = None,
    doc_no: str | None = None,
    recipients: str = "",
    date: dt.date | dt.datetime | None = None,
    cc: str = "",
    mark_suffix: str = "文件",
    attachments: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Template context for ``pdf/gongwen.html``. ``issuer`` is the issuing org; the 发文字号 is
    its 机关代字 with ``year``/``number`` (or ``doc_no`` as stored); no date and no number → draft."""
    name = str(getattr(issuer, "name", issuer))
    number_text = doc_no if doc_no is not None else doc_number(issuer, kind, year, number)
    return {
        "gw": OfficialDocument(
            issuer=name,
            mark=f"{name}{mark_suffix}",
            doc_no=number_text,
            title=title,
            recipients=recipients,
            date=chinese_date(date),
            cc=cc,
            printer=name,
            printed_on=chinese_date(date),
            draft=date is None,
            attachments=attachments,
        )
    }
