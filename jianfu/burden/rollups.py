"""Monthly rollups of the ledger, kept correct inside the transaction that changes an entry.

Each entry counts once at each depth (community 12, township 9, county 6 digits) under the key
(region prefix, month, kind, source org, listed). Adding an entry adds (1, minutes); correcting one
subtracts the old values under the old key and adds the new ones under the new key; both happen in
the action's transaction, so a rollback leaves the rollups untouched. ``rebuild`` recomputes
everything from the ledger (``manage.py rebuild_burden_rollups``); a test checks rebuilt == live.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from jianfu.orgs.scoping import prefix_range
from jianfu.orgs.tree import county_code

from .choices import listed_key
from .models import LedgerEntry, Rollup

DEPTHS = (6, 9, 12)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def key_of(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "region_code": entry.region_code,
        "month": month_of(entry.occurred_on),
        "kind": entry.kind,
        "source_org_id": entry.source_org_id,
        "source_level": entry.source_level,
        "listed": listed_key(entry.listed),
    }


def apply(key: dict[str, Any], minutes: int, sign: int) -> None:
    """Add (sign=+1) or remove (sign=-1) one occurrence of ``minutes`` under ``key`` at every depth."""
    for depth in DEPTHS:
        lookup = {
            "depth": depth,
            "region_code": key["region_code"][:depth],
            "month": key["month"],
            "kind": key["kind"],
            "source_org_id": key["source_org_id"],
            "listed": key["listed"],
        }
        updated = Rollup.objects.filter(**lookup).update(count=F("count") + sign, minutes=F("minutes") + sign * minutes)
        if sign < 0:
            Rollup.objects.filter(**lookup, count__lte=0).delete()  # keep no empty rows
            continue
        if updated:
            continue
        try:
            with transaction.atomic():
                Rollup.objects.create(**lookup, source_level=key["source_level"], count=1, minutes=minutes)
        except IntegrityError:  # a concurrent writer created the row first
            Rollup.objects.filter(**lookup).update(count=F("count") + 1, minutes=F("minutes") + minutes)


def add_entry(entry: LedgerEntry) -> None:
    apply(key_of(entry), entry.minutes, +1)


def remove_entry_values(key: dict[str, Any], minutes: int) -> None:
    apply(key, minutes, -1)


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(date_trunc('month', occurred_on) AS date)"
    return "date(occurred_on, 'start of month')"


@transaction.atomic
def rebuild(region_prefix: str = "") -> int:
    """Recompute the rollups (of one region subtree, or all) from the ledger; returns rows written."""
    # Rebuilds cover whole counties (or everything): county rows hold the whole county's totals.
    county = county_code(region_prefix)
    Rollup.objects.within(county).delete()
    rollup = Rollup._meta.db_table
    ledger = LedgerEntry._meta.db_table
    total = 0
    bounds = prefix_range(county) if county else None
    if county and bounds is None:
        raise ValueError(f"not a region-code prefix: {region_prefix!r}")
    for depth in DEPTHS:
        # The county's codes as one index range (prefix_range), like every other scoped read.
        where = "WHERE region_code >= %s AND region_code < %s" if bounds else ""
        params = list(bounds or ())
        # Table names and depth are constants of this module; the prefix is a parameter.
        sql = f"""
            INSERT INTO {rollup} (depth, region_code, month, kind, source_org_id, source_level, listed, count, minutes)
            SELECT {depth}, SUBSTR(region_code, 1, {depth}), {_month_sql()}, kind, source_org_id,
                   MIN(source_level),
                   CASE WHEN listed IS NULL THEN 0 WHEN listed THEN 1 ELSE 2 END,
                   COUNT(*), SUM(minutes)
            FROM {ledger} {where}
            GROUP BY SUBSTR(region_code, 1, {depth}), {_month_sql()}, kind, source_org_id,
                     CASE WHEN listed IS NULL THEN 0 WHEN listed THEN 1 ELSE 2 END
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            total += cursor.rowcount
    return total
