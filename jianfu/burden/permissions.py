"""Who may record what on the ledger. Jurisdiction (region prefix) is checked with ``in_scope``."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

RECORDERS = (Role.LIST_OWNER, Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER, Role.COMMUNITY_WORKER)
CONVENERS = (Role.LIST_OWNER, Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER)


def can_record(user: Any) -> bool:
    return has_role(user, *RECORDERS)


def can_record_for(user: Any, community: Org) -> bool:
    """Community workers record for their own committee; officers for communities in their scope."""
    if user is None:  # the platform itself (loaders, other apps' system actions)
        return True
    if has_role(user, Role.COMMUNITY_WORKER):
        return user.org_id == community.pk
    return has_role(user, *CONVENERS) and in_scope(user, community.region_code)


def can_convene(user: Any) -> bool:
    return has_role(user, *CONVENERS)


def conveners_for(user: Any) -> list[Org]:
    """Orgs a user may record a meeting or inspection for: their own org, and for township officers
    and county list owners also their division and its departments."""
    if not can_convene(user) or user.org is None:
        return []
    orgs = [user.org]
    if has_role(user, Role.TOWNSHIP_OFFICER, Role.LIST_OWNER):
        division = user.org.division
        extra = Org.objects.filter(parent=division, kind=OrgKind.DEPARTMENT, is_active=True)
        orgs += [o for o in [division, *extra] if o.pk != user.org.pk]
    return orgs


def can_set_rules(user: Any, org: Org) -> bool:
    """County list owners (民政局/组织部) tighten the limits of their county."""
    return has_role(user, Role.LIST_OWNER) and org.kind == OrgKind.COUNTY and in_scope(user, org.region_code)
