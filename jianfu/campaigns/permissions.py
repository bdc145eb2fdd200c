"""Who may do what in a campaign: the county's 民政/组织 and 领导小组 define and inspect; a
township officer keeps its own 工作台账; departments and communities take no part (seed 000)."""

from __future__ import annotations

from typing import Any

from jianfu.core.typing import Actor
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope


def _active_org(user: Any) -> Any:
    org = getattr(user, "org", None)
    return org if org is not None and org.is_active else None


def is_county_lead(user: Any) -> bool:
    """The county's 民政局/组织部 (list owners) or its 领导小组."""
    return has_role(user, Role.LIST_OWNER, Role.APPROVER) and _active_org(user) is not None


def is_township_officer(user: Any) -> bool:
    org = _active_org(user)
    return has_role(user, Role.TOWNSHIP_OFFICER) and org is not None and org.kind == OrgKind.TOWNSHIP


def can_see_campaigns(user: Any) -> bool:
    return is_county_lead(user) or is_township_officer(user)


def leads(obj: Any, actor: Actor) -> bool:
    """The actor leads the campaign ``obj`` belongs to (same county)."""
    campaign = getattr(obj, "campaign", obj)
    return actor is not None and is_county_lead(actor) and in_scope(actor, campaign.region_code)


def keeps(obj: Any, actor: Actor) -> bool:
    """The actor is the officer of the township a ledger row or 整改 item belongs to."""
    return actor is not None and is_township_officer(actor) and actor.org_id == obj.township_id
