"""Reads of the lists. Published versions are public; drafts only for the jurisdiction's users."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import restrict

from .choices import AppliesTo, Category, VersionStatus
from .models import ListItem, ListVersion


def list_owner_org(org: Org) -> Org | None:
    """The jurisdiction whose lists apply to ``org``: the nearest ancestor-or-self county
    (a township's own list is optional; the county's is the one every community answers to)."""
    node: Org | None = org.division
    while node is not None and node.kind != OrgKind.COUNTY:
        node = node.parent
    return node


def versions_for(user: Any) -> QuerySet[ListVersion]:
    """Every version (drafts included) in the user's jurisdiction."""
    return restrict(ListVersion.objects.select_related("org"), user)


def published_versions(org: Org) -> QuerySet[ListVersion]:
    return ListVersion.objects.filter(org=org, status=VersionStatus.PUBLISHED).order_by("-number")


def current_version(org: Org) -> ListVersion | None:
    """The newest published version of ``org``'s lists (public), or None."""
    return published_versions(org).first()


def draft_version(org: Org) -> ListVersion | None:
    return ListVersion.objects.filter(org=org, status=VersionStatus.DRAFT).first()


def items_of(version: ListVersion) -> QuerySet[ListItem]:
    return version.items.select_related("department").order_by("sort_order", "code")


def current_items(org: Org, *, category: str | None = None) -> QuerySet[ListItem]:
    """Items of the current published version of the lists that apply to ``org`` (any org)."""
    owner = list_owner_org(org)
    version = current_version(owner) if owner else None
    if version is None:
        return ListItem.objects.none()
    items = items_of(version)
    return items.filter(category=category) if category else items


def negative_items(org: Org) -> QuerySet[ListItem]:
    return current_items(org, category=Category.NEGATIVE)


def communities_counts(org: Org) -> dict[str, int]:
    """How many urban communities and villages lie under ``org`` (for jurisdiction-wide hours)."""
    qs = Org.objects.filter(region_code__startswith=org.region_prefix, kind__in=GRASSROOTS_KINDS, is_active=True)
    urban = qs.filter(kind=OrgKind.COMMUNITY).count()
    village = qs.filter(kind=OrgKind.VILLAGE).count()
    return {AppliesTo.URBAN: urban, AppliesTo.VILLAGE: village, AppliesTo.BOTH: urban + village}
