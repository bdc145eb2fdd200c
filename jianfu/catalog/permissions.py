"""Who may edit and publish a jurisdiction's lists: its 县级民政/组织 list owners."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope


def can_edit_lists(user: Any, owner: Org) -> bool:
    return has_role(user, Role.LIST_OWNER) and in_scope(user, owner.region_code)
