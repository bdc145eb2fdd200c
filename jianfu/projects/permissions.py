"""Who does what with resident projects: the community's workers run proposals and vote rounds,
the township's officers approve and fund, the county's 民政/组织 and 领导小组 read; departments
have no part in it (403)."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

READER_ROLES = (Role.LIST_OWNER, Role.APPROVER, Role.TOWNSHIP_OFFICER, Role.COMMUNITY_WORKER)
NUMBERS_ROLES = (Role.LIST_OWNER, Role.APPROVER, Role.TOWNSHIP_OFFICER)


def can_see_projects(user: Any) -> bool:
    return has_role(user, *READER_ROLES)


def can_see_numbers(user: Any) -> bool:
    return has_role(user, *NUMBERS_ROLES)


def is_community_worker(user: Any) -> bool:
    return has_role(user, Role.COMMUNITY_WORKER) and getattr(user, "org", None) is not None


def is_community_of(obj: Any, user: Any) -> bool:
    """The project's (or round's) own community worker."""
    return is_community_worker(user) and user.org_id == obj.community_id and user.org.is_active


def is_township_of(obj: Any, user: Any) -> bool:
    """An officer of the township the project's community belongs to."""
    return has_role(user, Role.TOWNSHIP_OFFICER) and in_scope(user, obj.region_code)


def runs_delivery(obj: Any, user: Any) -> bool:
    """Delivery (supplier, milestones, spending) is the community's, watched by its township."""
    return is_community_of(obj, user) or is_township_of(obj, user)
