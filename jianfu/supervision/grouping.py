"""Grouped cases (issue 19): findings of one source, one responsible unit and one ``group_key``
(for breaches: rule and period) share one open case, which lists each finding as a ``CaseItem``.

Called by ``actions.do_open_case`` inside the caller's transaction. No lock of its own is needed
to keep two writers from opening two cases of one group: every caller has already written an
audit entry in the county's chain, whose head row stays locked until it commits (core.auditchain),
so the second writer looks for the open case only after the first one's case is visible.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from jianfu.core import audit
from jianfu.orgs.choices import PREFIX_LENGTH
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import prefix_q
from jianfu.orgs.tree import county_code

from .choices import OPEN_STATES
from .models import Case, CaseItem

LEVELS = sorted(set(PREFIX_LENGTH.values()), reverse=True)  # 12, 9, 6, 4, 2


def common_region(a: str, b: str) -> str:
    """The code of the smallest division holding both codes (a township for two of its communities)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return next((a[:size] for size in LEVELS if size <= n), "")


def _group(source: str, department: Org, group_key: str, region_code: str) -> models.QuerySet[Case]:
    return Case.objects.filter(
        prefix_q(county_code(region_code)), source=source, department=department, group_key=group_key
    )


def open_case_of(source: str, department: Org, group_key: str, region_code: str) -> Case | None:
    """The group's open case, locked (a concurrent dismissal waits, or wins and is seen)."""
    return (
        _group(source, department, group_key, region_code)
        .filter(state__in=OPEN_STATES)
        .select_for_update()
        .order_by("created_at", "id")
        .first()
    )


def decided_case_of(source: str, department: Org, group_key: str, region_code: str) -> Case | None:
    """The group's latest decided (closed or unsubstantiated) case, which a new case links back to."""
    return (
        _group(source, department, group_key, region_code)
        .exclude(state__in=OPEN_STATES)
        .order_by("-created_at", "-id")
        .first()
    )


def item_of(source_obj: models.Model) -> CaseItem | None:
    return (
        CaseItem.objects.filter(source_type=source_obj._meta.label_lower, source_id=str(source_obj.pk))
        .select_related("case")
        .first()
    )


def add_item(
    case: Case,
    *,
    region_code: str,
    community: Org | None,
    source_obj: models.Model | None,
    summary: str,
    occurred_on: dt.date | None,
) -> CaseItem:
    return CaseItem.objects.create(
        case=case,
        region_code=community.region_code if community is not None else region_code,
        community=community,
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "",
        summary=summary[:500],
        occurred_on=occurred_on,
    )


def join(
    case: Case,
    *,
    actor: Any,
    region_code: str,
    community: Org | None,
    source_obj: models.Model | None,
    summary: str,
    occurred_on: dt.date | None,
) -> Case:
    """Add a finding to the group's open case: a new item, the case's region widened to hold the
    new community, an audit entry (shown in the case's history with the finding as its note)."""
    item = add_item(
        case,
        region_code=region_code,
        community=community,
        source_obj=source_obj,
        summary=summary,
        occurred_on=occurred_on,
    )
    fields = []
    widened = common_region(case.region_code, item.region_code)
    if widened != case.region_code:
        case.region_code = widened
        fields.append("region_code")
    if case.community_id is not None and community is not None and case.community_id != community.pk:
        case.community = None  # several communities now: the items list them
        fields.append("community")
    case.save(update_fields=[*fields, "updated_at"])
    communities = case.items.exclude(community=None).values("community").distinct().count()
    audit.record(
        actor,
        "supervision.case.join",
        case,
        after={"item": item.pk, "community": community.pk if community else None, "communities": communities},
        reason=summary[:500],
    )
    return case


def update_item(item: CaseItem, *, actor: Any, summary: str) -> None:
    """A finding already in a case changed (a 6th meeting where the 5th broke the limit): its
    line is rewritten and the case's history says so."""
    summary = summary[:500]
    if not summary or summary == item.summary:
        return
    before = {"summary": item.summary}
    item.summary = summary
    item.save(update_fields=["summary", "updated_at"])
    audit.record(
        actor, "supervision.case.item_update", item.case, before=before, after={"item": item.pk}, reason=summary
    )
