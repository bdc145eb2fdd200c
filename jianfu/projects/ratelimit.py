"""Rate limits on the public pages, as supervision's public report (per address and county, in
the shared cache via ``core.ratelimit``): every attempt counts, valid or not."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from jianfu.core import ratelimit

WINDOW_SECONDS = 3600


def proposal_message() -> str:
    return _("提交过于频繁，请一小时后再试，或直接联系社区居委会。")


def vote_message() -> str:
    return _("投票尝试过于频繁，请一小时后再试，或到社区居委会现场投票。")


def allow_proposal(ip: str, county_code: str) -> bool:
    limit = int(settings.PROJECTS_PUBLIC_PROPOSALS_PER_WINDOW)
    return ratelimit.hit(ratelimit.key(f"project-proposal-{county_code}", ip), WINDOW_SECONDS) <= limit


def allow_vote(ip: str, round_id: int) -> bool:
    """Counts every attempt, so a wrong code cannot be guessed at speed."""
    limit = int(settings.PROJECTS_VOTE_ATTEMPTS_PER_WINDOW)
    return ratelimit.hit(ratelimit.key(f"project-vote-{round_id}", ip), WINDOW_SECONDS) <= limit
