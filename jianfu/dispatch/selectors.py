"""Reads of dispatch: a community sees its own tasks, a sender its own sends, the county's
民政/组织 and 领导小组 everything in the county, a township everything sent into it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from jianfu.catalog.choices import Category, CertKind
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_items
from jianfu.core.errors import NotFound
from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404, restrict, scope_q

from .choices import TaskState
from .models import Dispatch, Task


def inbox_for(user: Any) -> QuerySet[Task]:
    """A community's inbox: the tasks sent to the user's own community."""
    if not has_role(user, Role.COMMUNITY_WORKER) or user.org is None:
        return Task.objects.none()
    return restrict(Task.objects.filter(community=user.org), user).select_related(
        "dispatch", "sender_org", "dispatch__list_item", "dispatch__application"
    )


def tasks_for(user: Any) -> QuerySet[Task]:
    """Every task row this user may see."""
    qs = restrict(Task.objects.select_related("dispatch", "sender_org", "community"), user)
    if has_role(user, Role.COMMUNITY_WORKER):
        return qs.filter(community=user.org)
    if has_role(user, Role.DEPT_OFFICER):
        return qs.filter(sender_org=user.org)
    if has_role(user, Role.TOWNSHIP_OFFICER, Role.LIST_OWNER, Role.APPROVER):
        return qs
    return qs.none()


def dispatches_for(user: Any) -> QuerySet[Dispatch]:
    """Sends this user may see: their org's own; all in the jurisdiction for 民政/组织 and 领导小组;
    a township also sees what was sent into it."""
    qs = Dispatch.objects.select_related("sender_org", "sender", "list_item", "application")
    if has_role(user, Role.DEPT_OFFICER):
        return restrict(qs, user).filter(sender_org=user.org)
    if has_role(user, Role.TOWNSHIP_OFFICER):
        return qs.filter(Q(sender_org=user.org) | scope_q(user, "tasks__region_code")).distinct()
    if has_role(user, Role.LIST_OWNER, Role.APPROVER):
        return restrict(qs, user)
    return qs.none()


def with_counts(qs: QuerySet[Dispatch]) -> QuerySet[Dispatch]:
    return qs.annotate(
        n_accepted=Count("tasks", filter=Q(tasks__state=TaskState.ACCEPTED)),
        n_refused=Count("tasks", filter=Q(tasks__state=TaskState.REFUSED)),
        n_completed=Count("tasks", filter=Q(tasks__state=TaskState.COMPLETED)),
    )


def get_dispatch(user: Any, pk: Any) -> Dispatch:
    d = dispatches_for(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if d is None:
        raise NotFound(_("未找到该任务。"))
    return d


def tasks_of(user: Any, dispatch: Dispatch) -> QuerySet[Task]:
    """The community rows of a send the user may see (a township only its own communities)."""
    qs = dispatch.tasks.select_related("community").order_by("community__code")
    if user.org_id == dispatch.sender_org_id or has_role(user, Role.LIST_OWNER, Role.APPROVER):
        return qs
    return restrict(qs, user)


def get_inbox_task(user: Any, pk: Any) -> Task:
    return get_in_scope_or_404(inbox_for(user), user, pk=pk, message=_("未找到该任务。"))


def get_task(user: Any, pk: Any) -> Task:
    return get_in_scope_or_404(tasks_for(user), user, pk=pk, message=_("未找到该任务。"))


def basis_items(org: Any) -> QuerySet[ListItem]:
    """The list items a sender may name as a task's basis: never a negative item, never a
    certificate the committees must not issue (issue 10)."""
    return (
        current_items(org)
        .exclude(category=Category.NEGATIVE)
        .exclude(category=Category.CERTIFICATE, cert_kind=CertKind.FORBIDDEN)
    )
