"""Who may send tasks and who acts on them."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role

SENDER_ROLES = (Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER)


def can_send(user: Any) -> bool:
    return has_role(user, *SENDER_ROLES) and user.org is not None and user.org.is_active


def is_community_of(task: Any, user: Any) -> bool:
    """The receiving community's own workers act on its task."""
    return has_role(user, Role.COMMUNITY_WORKER) and user.org_id == task.community_id
