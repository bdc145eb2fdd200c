"""The one place drafts asks the dispatch gate (派发审查) about a clause.

The gate is being reworked by others (dispatch/gate.py, jianfu/matching): everything drafts needs
from it goes through ``verdict_for`` so a change of its signature touches this file only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jianfu.catalog.choices import PER_YEAR, FrequencyUnit
from jianfu.dispatch import gate
from jianfu.orgs.models import Org

TITLE_CHARS = 200  # the gate judges a title; a clause longer than that is cut


def verdict_for(target: Org, text: str, kind: str = "") -> dict[str, Any]:
    """The gate's verdict on one clause sent to ``target`` (the drafting county): verdict,
    label, basis, and the list item it matched (code, title, category, occurrences a year)."""
    result = gate.check(target, title=text[:TITLE_CHARS], description=text)
    out: dict[str, Any] = {
        "verdict": str(result.verdict),
        "verdict_label": result.verdict_label,
        "basis": result.basis,
    }
    item = result.list_item
    if item is not None:
        unit = FrequencyUnit(item.frequency_unit) if item.frequency_unit in FrequencyUnit.values else None
        per_year = PER_YEAR.get(unit) if unit is not None else None
        out.update(
            item_code=item.code,
            item_title=item.title,
            item_category=item.category,
            item_per_year=float(per_year * item.frequency_count) if per_year is not None else None,
        )
    if result.application is not None:
        out.update(item_code=f"准入申请#{result.application.pk}", item_title=result.application.title)
    return out


def gate_for(target: Org | None) -> Callable[[str, str], dict[str, Any]] | None:
    """The scanner's gate callable for a county (None: no lists to judge against)."""
    if target is None:
        return None
    return lambda text, kind: verdict_for(target, text, kind)
