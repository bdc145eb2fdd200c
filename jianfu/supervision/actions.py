"""Writes to supervision cases."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from jianfu.core import audit
from jianfu.orgs.models import Org

from .choices import CaseSource
from .models import Case


@transaction.atomic
def do_open_case(
    *,
    actor: Any,
    source: str,
    region_code: str,
    title: str,
    description: str = "",
    rule_ref: str = "",
    community: Org | None = None,
    department: Org | None = None,
    source_obj: models.Model | None = None,
    reporter: Any = None,
    reporter_contact: str = "",
) -> Case:
    """Put a suspected violation into the supervision queue (state 已受理).

    Called by other actions (a community's refusal, a limit breach) inside their transaction, and
    by the report pages. Permission is the caller's: whoever may refuse a task or record a breach
    may open its case. One case per source object: a second call for the same object returns the
    existing case.
    """
    if source not in CaseSource.values:
        raise ValueError(f"unknown case source {source}")
    if source_obj is not None:
        existing = Case.objects.filter(source_type=source_obj._meta.label_lower, source_id=str(source_obj.pk)).first()
        if existing is not None:
            return existing
    case = Case.objects.create(
        region_code=region_code,
        source=source,
        title=title[:200],
        description=description,
        rule_ref=rule_ref[:300],
        community=community,
        department=department,
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "",
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
        reporter_contact=reporter_contact,
    )
    audit.record(actor, "supervision.case.open", case, after={"source": source, "title": case.title})
    return case
