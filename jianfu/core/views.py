"""Core pages: home, one's own audit trail, health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .changes import primed
from .home import intro_for, panels_for
from .selectors import audit_trail_of
from .typing import AuthedRequest


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    return render(request, "core/home.html", {"panels": panels_for(user), "role_intro": intro_for(user)})


@login_required
def my_audit(request: HttpRequest) -> HttpResponse:
    page = Paginator(audit_trail_of(request.user), 30).get_page(request.GET.get("page"))
    with primed(page.object_list):
        return render(request, "core/my_audit.html", {"page": page})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and monitoring (no login)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # any database failure is reported, not raised
        db = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
        status = 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": db}, status=status)
