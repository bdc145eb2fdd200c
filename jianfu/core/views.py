"""Core pages: home, one's own audit trail, health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jianfu.orgs.choices import Role
from jianfu.orgs.selectors import audit_trail_of

from .home import panels_for
from .typing import AuthedRequest

ROLE_INTRO = {
    Role.LIST_OWNER: "维护本县社区工作事项清单，初审部门准入申请，监督社区减负落实。",
    Role.APPROVER: "审议经初审的社区工作事项准入申请，决定是否准予进入社区。",
    Role.DEPT_OFFICER: "确需社区协助的工作，先申请准入、费随事转；向社区派发任务须有清单依据。",
    Role.TOWNSHIP_OFFICER: "统筹本乡镇（街道）对社区的任务、会议、检查和报表，按限额执行。",
    Role.COMMUNITY_WORKER: "未入清单的事项一律不接；如实记录社区承担的各项工作负担。",
    Role.SYSADMIN: "管理本辖区的组织机构与用户账号、角色和接口令牌。",
}


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "core/home.html",
        {"panels": panels_for(user), "role_intro": ROLE_INTRO.get(Role(user.role), "") if user.role else ""},
    )


@login_required
def my_audit(request: HttpRequest) -> HttpResponse:
    page = Paginator(audit_trail_of(request.user), 30).get_page(request.GET.get("page"))
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
