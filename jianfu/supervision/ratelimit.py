"""Rate limit on anonymous public reports, per client address and county (Django cache, as the
login guard). The address comes from ``core.net.client_ip`` (the proxy's real-client header when
configured), and each county has its own bucket, so one flood cannot close every county's channel.

Every attempt counts, valid or not, so a flood is stopped before anything is read or saved.
"""

from __future__ import annotations

from django.conf import settings

from jianfu.core import ratelimit

MESSAGE = "提交过于频繁，请一小时后再试。如情况紧急，请拨打县民政局举报电话。"


def _limit() -> tuple[int, int]:
    return (
        int(settings.SUPERVISION_PUBLIC_REPORTS_PER_WINDOW),
        int(settings.SUPERVISION_PUBLIC_REPORT_WINDOW_SECONDS),
    )


def allow_public_report(ip: str, county_code: str = "") -> bool:
    """Count this attempt; False once the address has used up its window for this county."""
    limit, window = _limit()
    return ratelimit.hit(ratelimit.key(f"public-report-{county_code}", ip), window) <= limit
