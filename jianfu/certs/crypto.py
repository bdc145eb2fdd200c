"""Residents' names and ID numbers (身份证号码), encrypted at rest and shown masked.

A community's certificate register and its 告知承诺 hold personal data (个人信息保护法 第二十八条:
an ID number is sensitive personal information). They are stored as Fernet tokens (AES-128-CBC +
HMAC-SHA256, from the vetted ``cryptography`` package), never in clear. The key comes from
``JIANFU_FIELD_KEY`` (one or more Fernet keys, comma-separated, the first encrypts, all decrypt —
so a key can be rotated), or, when unset, is derived from ``SECRET_KEY`` with HKDF-SHA256 under
a fixed label (then rotating SECRET_KEY makes old rows unreadable: production sets
JIANFU_FIELD_KEY; docs/configuration.md).

Only the issuing community sees the clear values; everyone else gets ``mask_id`` / ``mask_name``.
"""

from __future__ import annotations

import re

# The Fernet keys, encryption and masks are core's (shared with grid events' callers' phones).
from jianfu.core.crypto import HKDF_INFO, decrypt, encrypt, fernet, mask_id, mask_name  # noqa: F401

# --- GB 11643-1999: the citizen identity number ------------------------------------------------

ID_RE = re.compile(r"^\d{17}[\dX]$")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # ISO 7064 MOD 11-2, remainder → check character


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalise_id(raw: str) -> str:
    return (raw or "").strip().replace(" ", "").upper().replace("Ｘ", "X")


def id_problem(number: str) -> str | None:
    """Why ``number`` is not a valid 18-digit ID number (GB 11643), in Chinese; None if valid."""
    import datetime as dt

    if not number:
        return "请填写居民身份证号码。"
    if not ID_RE.match(number):
        return "身份证号码应为 18 位：前 17 位数字，最后一位为数字或 X。"
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期（第 7–14 位）不是有效日期，请核对。"
    expected = check_char(number[:17])
    if number[17] != expected:
        return "身份证号码校验位不正确（GB 11643），请逐位核对后重新输入。"
    return None
