"""Log lines an operator can follow: time, level, request id and user on every line.

``settings.LOGGING`` puts ``RequestContextFilter`` on its handlers, so a line written while a
request is served carries that request's id (the same id as the ``X-Request-ID`` answer header and
the audit entries it wrote) and the signed-in user's name; outside a request both read "-".
``AccessLogMiddleware`` (core/middleware.py) writes one ``jianfu.access`` line per request.
The user is read only once something has already loaded it: logging never queries the database.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.functional import SimpleLazyObject, empty

from .context import current_request, current_request_id_or_none

FORMAT = "%(asctime)s %(levelname)s [%(request_id)s %(user)s] %(name)s: %(message)s"


def username_of(request: Any) -> str:
    """The signed-in user's name if the request already knows it, else "-" (no query)."""
    user = getattr(request, "__dict__", {}).get("user")
    if isinstance(user, SimpleLazyObject):
        wrapped = user._wrapped
        user = None if wrapped is empty else wrapped
    if user is None or not getattr(user, "is_authenticated", False):
        return "-"
    return str(user.get_username())


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user`` to every record (for the formatter); drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = current_request()
        record.request_id = current_request_id_or_none() or "-"
        record.user = username_of(request) if request is not None else "-"
        return True
