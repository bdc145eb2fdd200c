"""Who may register forms, merge them, schedule them and fill them."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind, Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

OWNER_ROLES = (Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER)


def _active_org(user: Any) -> bool:
    return getattr(user, "org", None) is not None and user.org.is_active


def can_register(user: Any) -> bool:
    """Departments and townships register the forms they want communities to fill."""
    return has_role(user, *OWNER_ROLES) and _active_org(user)


def is_owner(user: Any, form: Any) -> bool:
    return can_register(user) and user.org_id == form.owner_org_id


def can_merge(user: Any, form: Any) -> bool:
    """The county's 民政/组织 (list owners) merge look-alike forms and set the caps."""
    return has_role(user, Role.LIST_OWNER) and _active_org(user) and in_scope(user, form.region_code)


def can_schedule(user: Any, township: Any) -> bool:
    return (
        has_role(user, Role.TOWNSHIP_OFFICER)
        and _active_org(user)
        and township.kind == OrgKind.TOWNSHIP
        and user.org.division.pk == township.pk
    )


def is_community_worker(user: Any) -> bool:
    return has_role(user, Role.COMMUNITY_WORKER) and _active_org(user) and user.org.kind in GRASSROOTS_KINDS
