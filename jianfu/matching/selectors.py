"""Reads of the lexicon: the county a user's lexicon belongs to, and the groups in force."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jianfu.catalog.selectors import list_owner_org
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import get_in_scope_or_404, jurisdiction

from .defaults import DEFAULT_GROUPS
from .models import GroupKind, SynonymGroup


def county_for(user: Any) -> Org | None:
    """The county whose lexicon the user reads (their own jurisdiction's list owner)."""
    division = jurisdiction(user)
    return list_owner_org(division) if division is not None else None


@dataclass
class GroupRow:
    term: str
    aliases: str
    note: str
    pk: int | None  # None: a shipped default not yet copied into the county's lexicon


def groups_for(county: Org) -> tuple[list[GroupRow], bool, list[GroupRow]]:
    """The work groups in force for ``county``, whether they are its own (else the defaults),
    and its field groups (表格指标同义词, added to the forms registry's base data)."""
    rows = list(SynonymGroup.objects.filter(region_code=county.region_code).order_by("term"))
    work = [GroupRow(g.term, g.aliases, g.note, g.pk) for g in rows if g.kind == GroupKind.WORK]
    fields = [GroupRow(g.term, g.aliases, g.note, g.pk) for g in rows if g.kind == GroupKind.FIELD]
    if work:
        return work, True, fields
    return [GroupRow(t, "、".join(a), "系统默认", None) for t, a in DEFAULT_GROUPS], False, fields


def get_group(user: Any, pk: Any) -> SynonymGroup:
    return get_in_scope_or_404(SynonymGroup, user, pk=pk, message=_("未找到该同义词组。"))
