"""Who may apply, review and decide. Jurisdiction (region-code prefix) and role both count.

The ``is_*`` and ``manages_*`` checks are the workflow tables' permissions: object first, actor
second, like every callable of a transition table (core.transitions)."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import DeptKind, Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

from .choices import Affairs

APPLICANT_ROLES = (Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER)

# Keyed by the stored value (a plain str on a loaded Application); Affairs members compare equal.
FIRST_REVIEW_DEPT: dict[str, DeptKind] = {
    Affairs.PARTY: DeptKind.ORGANISATION,
    Affairs.GOVERNMENT: DeptKind.CIVIL_AFFAIRS,
}


def can_apply(user: Any) -> bool:
    return has_role(user, *APPLICANT_ROLES) and user.org is not None and user.org.is_active


def is_applicant(application: Any, user: Any) -> bool:
    return can_apply(user) and user.org_id == application.applicant_org_id


def is_first_reviewer(application: Any, user: Any) -> bool:
    """初审: 组织部 for party affairs, 民政局 for government affairs, of the same jurisdiction."""
    return (
        has_role(user, Role.LIST_OWNER)
        and user.org is not None
        and user.org.dept_kind == FIRST_REVIEW_DEPT.get(application.affairs)
        and in_scope(user, application.region_code)
    )


def is_approver(application: Any, user: Any) -> bool:
    return has_role(user, Role.APPROVER) and in_scope(user, application.region_code)


def is_reviewer(user: Any) -> bool:
    return has_role(user, Role.LIST_OWNER, Role.APPROVER)


def can_manage_window(user: Any, county: Any) -> bool:
    return has_role(user, Role.LIST_OWNER) and in_scope(user, county.region_code)


def manages_window(window: Any, user: Any) -> bool:
    """The county's list owners open, close and publish its annual-plan window."""
    return can_manage_window(user, window.org)
