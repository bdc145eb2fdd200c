"""Reads of admission, always restricted to the user's jurisdiction (and, for departments, to
their own applications)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404, restrict

from .choices import AppState, WindowState
from .models import Application, Attachment, PlanWindow
from .permissions import APPLICANT_ROLES, FIRST_REVIEW_DEPT


def applications_for(user: Any) -> QuerySet[Application]:
    """Applications this user may see: a department its own; 民政/组织 and 领导小组 every
    submitted one in their jurisdiction; nobody else any."""
    qs = restrict(Application.objects.select_related("applicant_org", "applicant", "plan_window"), user)
    if has_role(user, *APPLICANT_ROLES):
        return qs.filter(applicant_org=user.org)
    if has_role(user, Role.LIST_OWNER, Role.APPROVER):
        return qs.exclude(state=AppState.DRAFT)
    return qs.none()


def get_application(user: Any, pk: Any) -> Application:
    return get_in_scope_or_404(applications_for(user), user, pk=pk, message=_("未找到该申请。"))


def review_queue(user: Any) -> QuerySet[Application]:
    """What waits for this user's decision: 初审 for 民政/组织 (by affairs), 审议 for 领导小组."""
    qs = applications_for(user)
    if has_role(user, Role.LIST_OWNER):
        affairs = [a for a, dept in FIRST_REVIEW_DEPT.items() if user.org and user.org.dept_kind == dept]
        return qs.filter(state=AppState.SUBMITTED, affairs__in=affairs).order_by("due_date", "id")
    if has_role(user, Role.APPROVER):
        return qs.filter(state=AppState.FIRST_PASSED).order_by("due_date", "id")
    return qs.none()


def overdue(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.filter(state__in=[AppState.SUBMITTED, AppState.FIRST_PASSED], due_date__lt=timezone.localdate())


def filter_applications(
    qs: QuerySet[Application], *, state: str = "", kind: str = "", q: str = ""
) -> QuerySet[Application]:
    if state == "open":
        qs = qs.filter(state__in=[AppState.SUBMITTED, AppState.FIRST_PASSED])
    elif state == "overdue":
        qs = overdue(qs)
    elif state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(applicant_org__name__icontains=q))
    return qs


def approved_for(user: Any) -> QuerySet[Application]:
    """Approved applications in the user's jurisdiction a task may rest on (any role that sends)."""
    return restrict(Application.objects.filter(state=AppState.APPROVED), user).select_related("applicant_org")


def get_attachment(user: Any, app_pk: Any, pk: Any) -> Attachment:
    app = get_application(user, app_pk)
    return get_in_scope_or_404(Attachment.objects.filter(application=app), user, pk=pk, message=_("未找到该附件。"))


def windows_for(user: Any) -> QuerySet[PlanWindow]:
    return restrict(PlanWindow.objects.select_related("org"), user)


def get_window(user: Any, pk: Any, *, published_only: bool = False) -> PlanWindow:
    qs = windows_for(user)
    if published_only:
        qs = qs.filter(state=WindowState.PUBLISHED)
    return get_in_scope_or_404(qs, user, pk=pk, message=_("未找到该年度计划。"))


def plan_applications(window: PlanWindow) -> QuerySet[Application]:
    return (
        window.applications.filter(state=AppState.APPROVED)
        .select_related("applicant_org")
        .order_by("applicant_org__sort_order", "id")
    )
