"""Template context shared by every page: navigation for the user's role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .nav import nav_for


def jianfu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_items": nav_for(user, request.path) if user is not None and user.is_authenticated else [],
        "demo_mode": settings.DEMO_MODE,
    }
