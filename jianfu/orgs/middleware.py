from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse


class ActiveUserMiddleware:
    """Ends the session of a user who was disabled (or whose org was) while signed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            org = user.org
            if not user.is_active or (org is not None and not org.is_active):
                logout(request)
        return self.get_response(request)
