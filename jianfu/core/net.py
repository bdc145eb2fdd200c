"""The client's address, for rate limits (sign-in, anonymous reports).

Behind a reverse proxy every request comes from the proxy's address; set JIANFU_CLIENT_IP_HEADER
to the header the proxy fills with the real client address (e.g. X-Real-IP). Only that proxy must
be able to reach the server, or clients could forge the header.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        # X-Forwarded-For may list several hops; the proxy appends the client it saw last.
        candidate = value.split(",")[-1].strip()
        if candidate:
            return candidate[:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
