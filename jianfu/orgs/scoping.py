"""Who sees what: the one scoping rule every selector applies.

A user acts within a jurisdiction: the division their org belongs to (a department's parent
county or township, or the division itself). They see exactly the orgs and facts whose region code
starts with that division's GB/T 2260 prefix. Region codes are hierarchical, so this is a single
indexed prefix match — the same key PostgreSQL/Citus can shard on. Object-level rules (a department
sees only its own applications) are applied by each selector on top of this.

Every fact model inherits ``ScopedModel`` (its ``region_code`` and a manager whose queryset has
``.restrict(user)``); one object by id for a user is ``get_in_scope_or_404``. Outside this module
nothing filters region codes by ``__startswith`` or slices them: prefixes are ranges
(``prefix_q``) and the org tree's questions (county of an org, its departments, officers by role)
are answered by ``orgs.tree``.
"""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model, Q, QuerySet

from jianfu.core.errors import NotFound

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


def prefix_range(prefix: str) -> tuple[str, str] | None:
    """``(low, high)`` with ``low <= code < high`` exactly when a digit ``code`` starts with
    ``prefix`` (e.g. 610921 <= code < 610922); None when no such range exists ("", non-digits, 99…)."""
    if prefix.isdigit():
        upper = str(int(prefix) + 1).zfill(len(prefix))
        if len(upper) == len(prefix):
            return prefix, upper
    return None


def prefix_q(prefix: str, field: str = "region_code") -> Q:
    """Rows whose ``field`` starts with ``prefix``, written as a range when the prefix is digits.

    For digit codes, ``code.startswith(p)`` is exactly ``p <= code < p+1`` (e.g. 610921 <= code <
    610922), and a range uses the btree index on any collation, where PostgreSQL will not use one
    for ``LIKE 'p%'`` outside the C collation.
    """
    bounds = prefix_range(prefix)
    if bounds is not None:
        return Q(**{f"{field}__gte": bounds[0], f"{field}__lt": bounds[1]})
    if prefix == "":
        return Q()
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


class ScopedQuerySet(QuerySet[M]):
    """A queryset of facts that carry a ``region_code``: ``.restrict(user)`` keeps the user's
    jurisdiction, ``.within(prefix)`` one region subtree (a report's chosen division)."""

    def restrict(self, user: Any) -> Self:
        return self.filter(scope_q(user))

    def within(self, prefix: str) -> Self:
        return self.filter(prefix_q(prefix))


# The default manager of every fact model (``Model.objects.restrict(user)``).
ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


class ScopedModel(models.Model):
    """Base of every fact model: the GB/T 2260 region code it belongs to (the community's, the
    sender's or the county's, as each model says) and a manager whose queryset has
    ``.restrict(user)``. The field is the one every fact model declared before this base existed,
    so adopting it changes no schema. A model may redeclare ``region_code`` when its indexes differ
    (the ledger's region is served by its composite index)."""

    region_code = models.CharField(max_length=12, db_index=True)

    objects = ScopedManager()

    class Meta:
        abstract = True


def get_in_scope_or_404(
    qs_or_model: QuerySet[M] | type[M],
    user: Any,
    *,
    message: str = "",
    scope_field: str = "region_code",
    **lookup: Any,
) -> M:
    """The one object matching ``lookup`` within the user's jurisdiction, or ``NotFound`` (a 404
    that does not say whether the object exists elsewhere: a forged id from another county).

    ``qs_or_model`` is usually a selector's queryset (which adds object-level rules); ``message``
    is the Chinese 404 text; ``scope_field`` names the region code when it sits on a relation."""
    qs = qs_or_model if isinstance(qs_or_model, QuerySet) else qs_or_model._default_manager.all()
    try:
        obj = restrict(qs, user, scope_field).filter(**lookup).first()
    except (TypeError, ValueError, ValidationError):  # a malformed id ("abc", "1.5") finds nothing
        obj = None
    if obj is None:
        raise NotFound(message or "未找到该记录，或不在您的辖区内。")
    return obj
