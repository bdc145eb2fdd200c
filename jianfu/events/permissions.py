"""Who does what with an event: the unit holding it acts, the reporter (or the community, for a
resident's or the hotline's demand) verifies, the county's offices read."""

from __future__ import annotations

from typing import Any

from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind, Role
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import in_scope

# The role that acts for each kind of holding unit.
HOLDER_ROLE = {
    OrgKind.COMMUNITY: Role.COMMUNITY_WORKER,
    OrgKind.VILLAGE: Role.COMMUNITY_WORKER,
    OrgKind.TOWNSHIP: Role.TOWNSHIP_OFFICER,
    OrgKind.DEPARTMENT: Role.DEPT_OFFICER,
}
COUNTY_READERS = (Role.LIST_OWNER, Role.APPROVER, Role.SYSADMIN)


def is_grid_worker(user: Any) -> bool:
    """A community (village) worker: patrols the community's grids and reports events."""
    return has_role(user, Role.COMMUNITY_WORKER) and user.org is not None and user.org.kind in GRASSROOTS_KINDS


def is_holder(user: Any, event: Any) -> bool:
    """The unit that has the event now acts on it, through the role that unit's kind has."""
    holder = event.holder
    return (
        user.is_authenticated
        and user.org_id == event.holder_id
        and has_role(user, HOLDER_ROLE.get(OrgKind(holder.kind), ""))
    )


def is_community_holder(user: Any, event: Any) -> bool:
    return is_holder(user, event) and event.holder_id == event.community_id


def is_township_holder(user: Any, event: Any) -> bool:
    return is_holder(user, event) and event.holder_id == event.township_id


def is_department_holder(user: Any, event: Any) -> bool:
    return is_holder(user, event) and event.holder.kind == OrgKind.DEPARTMENT


def is_verifier(user: Any, event: Any) -> bool:
    """谁上报、谁核查: the grid worker who reported it; for a resident's or a hotline demand, the
    community's workers."""
    if not has_role(user, Role.COMMUNITY_WORKER):
        return False
    if event.reporter_id is not None:
        return bool(user.pk == event.reporter_id)
    return bool(user.org_id == event.community_id)


def may_see_contact(user: Any, event: Any) -> bool:
    """A resident's name and telephone: the community and its township (who call back), never a
    department, nor the county's reading offices."""
    if has_role(user, Role.COMMUNITY_WORKER):
        return bool(user.org_id == event.community_id)
    if has_role(user, Role.TOWNSHIP_OFFICER):
        return bool(user.org_id == event.township_id)
    return False


def is_county_office(user: Any) -> bool:
    return has_role(user, *COUNTY_READERS) and user.org is not None


def can_configure(user: Any, county: Any) -> bool:
    """The category tree and hotline import: the county's 民政/组织 and system administrators."""
    return (
        has_role(user, Role.LIST_OWNER, Role.SYSADMIN)
        and county is not None
        and county.kind == OrgKind.COUNTY
        and in_scope(user, county.region_code)
    )


def sees_numbers(user: Any) -> bool:
    return has_role(user, Role.LIST_OWNER, Role.APPROVER, Role.SYSADMIN, Role.TOWNSHIP_OFFICER, Role.DEPT_OFFICER)
