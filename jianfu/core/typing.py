"""Types shared by views and API handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from jianfu.orgs.models import User


class AuthedRequest(HttpRequest):
    """A request behind @login_required or API authentication: ``user`` is a signed-in User."""

    user: User
