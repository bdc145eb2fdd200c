"""Who drafts, who reviews (by affair type, as admission routes it) and who reports."""

from __future__ import annotations

from typing import Any

from jianfu.admission.permissions import FIRST_REVIEW_DEPT
from jianfu.orgs.choices import Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

DRAFTER_ROLES = (Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER)


def can_draft(user: Any) -> bool:
    """Department and township officers submit their drafts for review."""
    return has_role(user, *DRAFTER_ROLES) and user.org is not None and user.org.is_active


def is_drafter(user: Any, draft: Any) -> bool:
    """The drafting org's own officers act on its draft (resubmit, withdraw, issue)."""
    return can_draft(user) and user.org_id == draft.org_id


def is_reviewer(user: Any, draft: Any) -> bool:
    """组织部 reviews party affairs, 民政局 government affairs, of the draft's county."""
    return (
        has_role(user, Role.LIST_OWNER)
        and user.org is not None
        and user.org.dept_kind == FIRST_REVIEW_DEPT.get(draft.affairs)
        and in_scope(user, draft.region_code)
    )


def can_report(user: Any, draft: Any | None = None) -> bool:
    """民政局 and 组织部 of the county report a document issued without review to supervision."""
    if not has_role(user, Role.LIST_OWNER) or user.org is None:
        return False
    return draft is None or in_scope(user, draft.region_code)


def sees_all(user: Any) -> bool:
    """Reviewers and the leading group see every draft of their jurisdiction."""
    return has_role(user, Role.LIST_OWNER, Role.APPROVER)
