"""Checks JIANFU_FIELD_KEY at start-up (imported by settings.py, so it needs nothing from Django)."""

from __future__ import annotations

from cryptography.fernet import Fernet


def check_keys(keys: list[str]) -> None:
    """Raise ValueError naming the first entry that is not a Fernet key."""
    for index, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError) as exc:
            raise ValueError(f"entry {index} is not a Fernet key (32 url-safe base64-encoded bytes)") from exc
