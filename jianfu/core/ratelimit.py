"""Counting attempts in a time window (sign-in failures, anonymous reports), in the shared cache."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def key(scope: str, value: str) -> str:
    """A cache key for ``value`` (a name, an address) that does not store the value itself."""
    return f"ratelimit:{scope}:" + hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def count(cache_key: str) -> int:
    return int(cache.get(cache_key) or 0)


def hit(cache_key: str, window_seconds: int) -> int:
    """Count one attempt; returns the attempts in the current window (which starts at the first)."""
    cache.add(cache_key, 0, window_seconds)
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        return 1
