"""Who may do what in assessment: only a township assesses its communities (seed 000)."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind, Role
from jianfu.orgs.permissions import has_role


def _active_org(user: Any) -> Any:
    org = getattr(user, "org", None)
    return org if org is not None and org.is_active else None


def is_township_assessor(user: Any) -> bool:
    """A township officer working in the township itself (not one of its departments)."""
    org = _active_org(user)
    return has_role(user, Role.TOWNSHIP_OFFICER) and org is not None and org.kind == OrgKind.TOWNSHIP


def owns_scheme(scheme: Any, user: Any) -> bool:
    return is_township_assessor(user) and user.org_id == scheme.township_id


def is_community_worker(user: Any) -> bool:
    org = _active_org(user)
    return has_role(user, Role.COMMUNITY_WORKER) and org is not None and org.kind in GRASSROOTS_KINDS


def can_see_assess(user: Any) -> bool:
    return has_role(user, Role.TOWNSHIP_OFFICER, Role.COMMUNITY_WORKER, Role.LIST_OWNER, Role.APPROVER, Role.SYSADMIN)


def can_see_ratings(user: Any) -> bool:
    """The county (民政/组织, 领导小组) sees the two-way ratings; townships see their own."""
    return has_role(user, Role.LIST_OWNER, Role.APPROVER, Role.SYSADMIN, Role.TOWNSHIP_OFFICER)
