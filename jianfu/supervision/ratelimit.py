"""Rate limit on anonymous public reports, per client address (Django cache, as the login guard).

Every attempt counts, valid or not, so a flood is stopped before anything is read or saved.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

MESSAGE = "提交过于频繁，请一小时后再试。如情况紧急，请拨打县民政局举报电话。"


def _limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "SUPERVISION_PUBLIC_REPORTS_PER_WINDOW", 5)),
        int(getattr(settings, "SUPERVISION_PUBLIC_REPORT_WINDOW_SECONDS", 3600)),
    )


def client_ip(request: object) -> str:
    return getattr(request, "META", {}).get("REMOTE_ADDR", "") or "unknown"


def _key(ip: str) -> str:
    return "supervision-report:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def allow_public_report(ip: str) -> bool:
    """Count this attempt; False once the address has used up its window."""
    limit, window = _limit()
    key = _key(ip)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    return count <= limit
