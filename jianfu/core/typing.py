"""Types shared by views, API handlers, actions and the transition engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from jianfu.orgs.models import User

# Who makes a move: a signed-in user, or None for the system itself (a cron sweep, a loader run
# by an operator). Permission callables must answer for None too (usually: refused).
Actor: TypeAlias = "User | None"


class AuthedRequest(HttpRequest):
    """A request behind @login_required or API authentication: ``user`` is a signed-in User."""

    user: User
