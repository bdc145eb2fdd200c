"""Who may do what with certificates, the seal log and 告知承诺."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import GRASSROOTS_KINDS, Role
from jianfu.orgs.permissions import has_role

# Who reads a register (masked, except the issuing community): the community itself, its
# township, the county's 民政/组织 and 领导小组.
READERS = (Role.COMMUNITY_WORKER, Role.TOWNSHIP_OFFICER, Role.LIST_OWNER, Role.APPROVER)


def can_issue(user: Any) -> bool:
    """A community's own workers issue, refuse, log the seal and record 告知承诺."""
    return (
        has_role(user, Role.COMMUNITY_WORKER)
        and user.org is not None
        and user.org.kind in GRASSROOTS_KINDS
        and user.org.is_active
    )


def can_read_register(user: Any) -> bool:
    return has_role(user, *READERS)


def can_edit_templates(user: Any) -> bool:
    """The county's 民政/组织 keep the 告知承诺书 wording."""
    return has_role(user, Role.LIST_OWNER)


def sees_clear(user: Any, obj: Any) -> bool:
    """Only the issuing community reads a resident's name and ID number in clear."""
    return has_role(user, Role.COMMUNITY_WORKER) and user.org_id == obj.community_id


def can_verify(user: Any, commitment: Any) -> bool:
    """The agency named in a commitment notes its verification (核查)."""
    return has_role(user, Role.DEPT_OFFICER) and user.org_id == commitment.agency_org_id
