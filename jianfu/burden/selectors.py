"""Reads of the ledger, always restricted to the user's jurisdiction (region prefix)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_items
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import get_in_scope_or_404, jurisdiction, prefix_q, restrict, visible_orgs
from jianfu.orgs.tree import ancestors_of_community, sources_above

from .models import Breach, Event, LedgerEntry, LimitRule

REGION_KINDS = [OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY, OrgKind.TOWNSHIP, *GRASSROOTS_KINDS]


def entries_for(user: Any) -> QuerySet[LedgerEntry]:
    return restrict(LedgerEntry.objects.select_related("community", "source_org", "list_item", "event"), user)


def get_entry(user: Any, pk: int) -> LedgerEntry:
    return get_in_scope_or_404(entries_for(user), user, pk=pk, message=_("未找到该台账条目。"))


def breaches_for(user: Any) -> QuerySet[Breach]:
    return restrict(Breach.objects.select_related("community", "department", "rule", "case", "event"), user)


def events_for(user: Any) -> QuerySet[Event]:
    return restrict(Event.objects.select_related("convener"), user)


def communities_for(user: Any) -> QuerySet[Org]:
    return visible_orgs(user).filter(kind__in=GRASSROOTS_KINDS, is_active=True).select_related("parent")


def get_community(user: Any, code: str) -> Org:
    return get_in_scope_or_404(communities_for(user), user, code=code, message=_("未找到该社区。"))


def home_region(user: Any) -> Org | None:
    """The division a user's dashboard opens on: their jurisdiction."""
    return jurisdiction(user)


def get_region(user: Any, code: str) -> Org:
    """A division (province … community) in the user's jurisdiction, or NotFound."""
    regions = visible_orgs(user).filter(kind__in=REGION_KINDS).select_related("parent")
    return get_in_scope_or_404(regions, user, code=code, message=_("未找到该区划，或不在您的辖区内。"))


def region_choices(user: Any) -> list[Org]:
    """Divisions a user can pick: their jurisdiction and the levels just below it (a county's
    townships; a city's counties; a province's cities and counties)."""
    home = home_region(user)
    if home is None:
        return []
    below = {
        OrgKind.PROVINCE: [OrgKind.CITY, OrgKind.COUNTY],
        OrgKind.CITY: [OrgKind.COUNTY],
        OrgKind.COUNTY: [OrgKind.TOWNSHIP],
    }.get(OrgKind(home.kind), [])
    rest = visible_orgs(user).filter(kind__in=below).exclude(pk=home.pk).order_by("code") if below else []
    return [home, *rest]


def sources_for(community: Org) -> QuerySet[Org]:
    """Orgs that can cause work on ``community``: its ancestor divisions and their departments."""
    return ancestors_of_community(community).order_by("region_code", "kind", "sort_order", "code")


def sources_for_user(user: Any) -> QuerySet[Org]:
    """Orgs a user may name as the cause of an entry: for a community worker those above their
    community, for officers every county-level and township-level org of their county."""
    org = getattr(user, "org", None)
    if org is None:
        return Org.objects.none()
    if org.is_grassroots:
        return sources_for(org)
    return sources_above(org.division).order_by("region_code", "kind", "sort_order", "code")


def items_for(community: Org, categories: tuple[str, ...]) -> QuerySet[ListItem]:
    return current_items(community).filter(category__in=categories)


def rules_for(user: Any) -> list[LimitRule]:
    """The rules in force in the user's jurisdiction (its own rows over the defaults)."""
    home = home_region(user)
    if home is None:
        return []
    from .rules import rule_for

    code = home.region_code if len(home.region_prefix) >= 6 else home.region_prefix.ljust(6, "0")
    return [r for r in (rule_for(c, code) for c in _codes()) if r is not None]


def _codes() -> list[str]:
    from .choices import RuleCode

    return list(RuleCode.values)


def scoreboard_hours(user: Any, start: dt.date, end: dt.date) -> dict[int, Decimal]:
    """The supervision scoreboard's ``burden_hours`` figure (registered in ``apps.py``)."""
    return {int(k): Decimal(str(v)) for k, v in hours_by_department(user, start=start, end=end).items()}


def hours_by_department(user: Any, *, start: Any, end: Any) -> dict[int, float]:
    """Hours of community work each org caused in the user's jurisdiction and period (from the
    monthly rollups): {source org id: hours}. Used by the supervision scoreboard."""
    from django.db.models import Sum

    from .metrics import child_depth, hours, month_start
    from .models import Rollup

    region = jurisdiction(user)
    if region is None:
        return {}
    prefix = region.region_prefix
    rows = (
        Rollup.objects.filter(
            prefix_q(prefix), depth=child_depth(prefix), month__gte=month_start(start), month__lte=end
        )
        .values("source_org")
        .annotate(minutes=Sum("minutes"))
    )
    # The dashboard's rounding (half up to 0.1 h), not round()'s half to even: 15 min is 0.3 h.
    return {r["source_org"]: hours(r["minutes"]) for r in rows}
