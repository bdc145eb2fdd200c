"""Residents' personal data encrypted at rest, and shown masked (个人信息保护法; issue 20, point 4).

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256, from the vetted ``cryptography`` package).
The keys come from ``JIANFU_FIELD_KEY``: one or more Fernet keys, comma-separated — the first
encrypts, every one decrypts, so a key is rotated by putting a new one first and re-encrypting
(``manage.py rotate_field_key``; docs/security.md). Production refuses to start without it
(settings.py); the demo and the tests derive a key from ``SECRET_KEY`` with HKDF-SHA256.

``EncryptedTextField`` stores a model attribute this way: the Python value is the clear text, the
column holds the token. It cannot be searched or ordered in SQL — by design.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

from .crypto_keys import check_keys  # noqa: F401 (re-exported)

# Kept from the certificate register, where encryption started: rows written before this module
# existed decrypt with the same derived key.
HKDF_INFO = b"jianfu.certs.field-encryption.v1"
UNREADABLE = "（无法解密）"
TOKEN_PREFIX = "gAAAAA"  # every Fernet token starts with its version byte and timestamp


def derived_key(secret: str) -> str:
    """The Fernet key the demo and the tests use when JIANFU_FIELD_KEY is unset (list it after a
    new key to move such data onto a real key: docs/security.md)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(secret.encode())
    return base64.urlsafe_b64encode(derived).decode()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in (keys or (derived_key(secret),))])


def fernet() -> MultiFernet:
    return _fernet(tuple(getattr(settings, "FIELD_KEYS", []) or []), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    """The clear value; "" for an empty token. A token no configured key opens (a lost key) reads
    as "（无法解密）" rather than failing the page."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return UNREADABLE


def rotate(token: str) -> str:
    """The same value under the current first key (MultiFernet.rotate); "" stays ""."""
    return fernet().rotate(token.encode()).decode() if token else ""


class Unreadable(str):
    """ "（无法解密）" for people, carrying the token no configured key opens, so that saving the row
    writes the token back unchanged instead of destroying the data behind it."""

    token: str

    def __new__(cls, token: str) -> Unreadable:
        value = super().__new__(cls, UNREADABLE)
        value.token = token
        return value


class EncryptedTextField(models.TextField):
    """A text attribute stored as a Fernet token. A value that is not a token (a row written
    before the column was encrypted, until its migration has run) reads back as it is."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if not value or not value.startswith(TOKEN_PREFIX):
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            return Unreadable(value)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Unreadable):
            return value.token
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


# --- masks -------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d{7,}")


def mask_phone(phone: str) -> str:
    """138****0000: a mobile number keeps its first three and last four digits; a landline
    (0915-1234567) its area code and last two; any other text its digit runs masked alike."""
    if not phone:
        return ""

    def one(match: re.Match[str]) -> str:
        digits = match.group(0)
        keep_head = 3 if len(digits) >= 11 else 0
        keep_tail = 4 if len(digits) >= 11 else 2
        return digits[:keep_head] + "*" * (len(digits) - keep_head - keep_tail) + digits[-keep_tail:]

    masked = _DIGITS.sub(one, phone)
    if masked == phone and len(phone) > 2:  # no long digit run (an e-mail, a nickname)
        return phone[0] + "*" * (len(phone) - 2) + phone[-1]
    return masked


def mask_id(number: str) -> str:
    """6109**********1234: the first four digits (province and city) and the last four."""
    if len(number) < 9:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """张*明 / 张*: the surname and, for three characters or more, the last character."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
