"""Who sees what: the one scoping rule every selector applies.

A user acts within a jurisdiction: the division their org belongs to (a department's parent
county or township, or the division itself). They see exactly the orgs and facts whose region code
starts with that division's GB/T 2260 prefix. Region codes are hierarchical, so this is a single
indexed prefix match — the same key PostgreSQL/Citus can shard on. Object-level rules (a department
sees only its own applications) are applied by each selector on top of this.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from .models import Org

M = TypeVar("M", bound=Model)

NOTHING = Q(pk__in=[])


def jurisdiction(user: Any) -> Org | None:
    """The division a user acts in, or None when they may see nothing."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    org = getattr(user, "org", None)
    if org is None or not org.is_active:
        return None
    return org.division


def scope_prefix(user: Any) -> str | None:
    """Region-code prefix of the user's jurisdiction; "" for a platform superuser; None for nothing."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser and user.org_id is None:
        return ""
    division = jurisdiction(user)
    return division.region_prefix if division is not None else None


def prefix_q(prefix: str, field: str = "region_code") -> Q:
    """Rows whose ``field`` starts with ``prefix``, written as a range when the prefix is digits.

    For digit codes, ``code.startswith(p)`` is exactly ``p <= code < p+1`` (e.g. 610921 <= code <
    610922), and a range uses the btree index on any collation, where PostgreSQL will not use one
    for ``LIKE 'p%'`` outside the C collation.
    """
    if prefix.isdigit():
        upper = str(int(prefix) + 1).zfill(len(prefix))
        if len(upper) == len(prefix):
            return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})
    return Q(**{f"{field}__startswith": prefix})


def scope_q(user: Any, field: str = "region_code") -> Q:
    prefix = scope_prefix(user)
    if prefix is None:
        return NOTHING
    if prefix == "":
        return Q()
    return prefix_q(prefix, field)


def restrict(queryset: QuerySet[M], user: Any, field: str = "region_code") -> QuerySet[M]:
    """``queryset`` narrowed to the user's jurisdiction (NetBox's ``restrict()``)."""
    return queryset.filter(scope_q(user, field))


def in_scope(user: Any, region_code: str) -> bool:
    prefix = scope_prefix(user)
    return prefix is not None and region_code.startswith(prefix)


def visible_orgs(user: Any) -> QuerySet[Org]:
    return restrict(Org.objects.all(), user)
