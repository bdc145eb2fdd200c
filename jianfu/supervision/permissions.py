"""Who may do what in supervision. Jurisdiction (region-code prefix) is always checked too."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import DeptKind, Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

SUPERVISING_KINDS = (DeptKind.CIVIL_AFFAIRS, DeptKind.ORGANISATION)


def is_supervisor(user: Any) -> bool:
    """The supervising office: a list owner of the county's 民政局 or 组织部."""
    return has_role(user, Role.LIST_OWNER) and user.org is not None and user.org.dept_kind in SUPERVISING_KINDS


def supervises(obj: Any, user: Any) -> bool:
    """``user`` is the supervising office of ``obj``'s jurisdiction (a case, order or notice)."""
    return is_supervisor(user) and in_scope(user, obj.region_code)


def is_case_department(case: Any, user: Any) -> bool:
    """``user`` is an officer of the department a case's 督办单 is addressed to."""
    return (
        has_role(user, Role.DEPT_OFFICER)
        and case.department_id is not None
        and user.org_id == case.department_id
        and in_scope(user, case.region_code)
    )


def is_community_worker(user: Any) -> bool:
    return has_role(user, Role.COMMUNITY_WORKER) and user.org is not None and user.org.is_grassroots
