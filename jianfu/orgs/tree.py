"""Questions about the org tree, asked in one place: the county of an org, the departments and
communities of a division, and who holds a role where (the recipients of notifications and
reminders).

Region codes are hierarchical (GB/T 2260: province 2 digits, city 4, county 6, township 9,
community 12), so "within a division" is always the prefix range of ``scoping.prefix_q``; callers
neither cut codes by hand nor filter them by "starts with". Nothing here looks at who is asking:
selectors restrict to the user's jurisdiction on top of these.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .choices import GRASSROOTS_KINDS, GRID_DIGITS, PREFIX_LENGTH, DeptKind, OrgKind, Role
from .models import Org, User
from .scoping import prefix_q

COUNTY_DIGITS = PREFIX_LENGTH[OrgKind.COUNTY]
TOWNSHIP_DIGITS = PREFIX_LENGTH[OrgKind.TOWNSHIP]
COMMUNITY_DIGITS = PREFIX_LENGTH[OrgKind.COMMUNITY]
GRID_MAX = 10**GRID_DIGITS - 1

Division = Org | str  # an org (its jurisdiction's prefix) or a region-code prefix


def county_code(region_code: str) -> str:
    """The county part of a region code (610921100001 → 610921)."""
    return region_code[:COUNTY_DIGITS]


def township_code(region_code: str) -> str:
    """The township part of a region code (610921100001 → 610921100)."""
    return region_code[:TOWNSHIP_DIGITS]


def grid_code(community_code: str, number: int) -> str:
    """The code of grid ``number`` of a community (610921100001, 7 → 610921100001007)."""
    if not 1 <= number <= GRID_MAX:
        raise ValueError(f"grid number {number} out of range")
    return f"{community_code}{number:0{GRID_DIGITS}d}"


def grid_parent_code(code: str) -> str:
    """The community code a grid code extends (610921100001007 → 610921100001), or "" when
    ``code`` is not a grid code."""
    if len(code) == COMMUNITY_DIGITS + GRID_DIGITS and code.isdigit():
        return code[:COMMUNITY_DIGITS]
    return ""


def is_grid_code_of(code: str, community: Org) -> bool:
    """Whether ``code`` is a well-formed grid code below ``community`` (not 000)."""
    return grid_parent_code(code) == community.code and int(code[COMMUNITY_DIGITS:]) >= 1


def next_grid_code(community: Org) -> str:
    """The next free grid code of a community (its highest grid number + 1)."""
    codes = Org.objects.filter(parent=community, kind=OrgKind.GRID).values_list("code", flat=True)
    numbers = [int(c[COMMUNITY_DIGITS:]) for c in codes if grid_parent_code(c) == community.code]
    return grid_code(community.code, max(numbers, default=0) + 1)


def grids_of(division: Division) -> QuerySet[Org]:
    """The active grids (网格) within a division (a community's own, or all of a township's)."""
    return Org.objects.filter(prefix_q(prefix_of(division)), kind=OrgKind.GRID, is_active=True).select_related("parent")


def community_of(org: Org) -> Org | None:
    """The community or village an org is or lies in (a grid's parent), None above that level."""
    if org.kind in GRASSROOTS_KINDS:
        return org
    if org.kind == OrgKind.GRID and org.parent is not None:
        return org.parent
    return None


def county_of(org: Org) -> Org:
    """The county an org belongs to: itself for a county, the county of a township, community or
    department. Above county level (a city, a province) it is the org's own division."""
    division = org.division
    return Org.objects.filter(code=county_code(division.region_code)).first() or division


def prefix_of(division: Division) -> str:
    return division.region_prefix if isinstance(division, Org) else division


def in_division(org: Org, division: Division) -> bool:
    """Whether ``org`` lies within ``division`` (an org's jurisdiction or a region-code prefix)."""
    return org.region_code.startswith(prefix_of(division))


def departments_of(division: Division) -> QuerySet[Org]:
    """The active departments within a division: for a county, its county-level departments and
    those of its townships; for a township, the township's own. County-level ones first."""
    return Org.objects.filter(prefix_q(prefix_of(division)), kind=OrgKind.DEPARTMENT, is_active=True).order_by(
        "region_code", "sort_order", "code"
    )


def grassroots_of(division: Division) -> QuerySet[Org]:
    """The active communities and villages (社区/村) within a division."""
    return Org.objects.filter(prefix_q(prefix_of(division)), kind__in=GRASSROOTS_KINDS, is_active=True)


def sources_above(org: Org) -> QuerySet[Org]:
    """The active orgs of an org's county that are not communities (nor their grids): the divisions
    and departments that can put work on a community of that county."""
    code = county_code(org.division.region_code)
    return Org.objects.filter(prefix_q(code), is_active=True).exclude(kind__in=[*GRASSROOTS_KINDS, OrgKind.GRID])


def ancestors_of_community(community: Org) -> QuerySet[Org]:
    """The active orgs directly above a community: its county and township and their
    departments (the units that can cause it work)."""
    codes = [county_code(community.region_code), township_code(community.region_code)]
    return Org.objects.filter(is_active=True, region_code__in=codes).exclude(kind__in=[*GRASSROOTS_KINDS, OrgKind.GRID])


def _roles(role: str | Iterable[str]) -> list[str]:
    return [role] if isinstance(role, str) else list(role)


def officers(org: Org | Iterable[Org], role: str | Iterable[str]) -> QuerySet[User]:
    """The active users holding ``role`` (one role or several) in ``org`` (one org or several)."""
    users = User.objects.filter(is_active=True, role__in=_roles(role))
    return users.filter(org=org) if isinstance(org, Org) else users.filter(org__in=list(org))


def officers_in(division: Division, role: str | Iterable[str], *, dept_kind: str | None = None) -> QuerySet[User]:
    """The active users holding ``role`` in any org within a division (e.g. a county's
    approvers); ``dept_kind`` narrows to departments of that kind (民政局, 组织部…)."""
    users = User.objects.filter(
        prefix_q(prefix_of(division), "org__region_code"), is_active=True, role__in=_roles(role)
    )
    return users.filter(org__dept_kind=dept_kind) if dept_kind is not None else users


def supervising_office(region_code: str) -> QuerySet[User]:
    """The supervising office (监督) of the county a region code lies in: the list owners of its
    departments other than the leading group and the functional departments (民政局, 组织部)."""
    return (
        officers_in(county_code(region_code), Role.LIST_OWNER)
        .filter(org__kind=OrgKind.DEPARTMENT)
        .exclude(org__dept_kind__in=[DeptKind.LEADING_GROUP, DeptKind.FUNCTIONAL])
    )
