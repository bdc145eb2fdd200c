"""Writes of the lexicon: saving and deleting a synonym group of a county (list owners only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs.models import Org

from .defaults import DEFAULT_GROUPS
from .models import GroupKind, SynonymGroup
from .permissions import can_edit_lexicon
from .text import split_terms

MAX_ALIASES = 40


def _seed_defaults(county: Org) -> None:
    """A county's first edit copies the shipped defaults in, so the edit changes only one group."""
    if not SynonymGroup.objects.filter(region_code=county.region_code, kind=GroupKind.WORK).exists():
        SynonymGroup.objects.bulk_create(
            [SynonymGroup(region_code=county.region_code, term=t, aliases="、".join(a), note="系统默认")
             for t, a in DEFAULT_GROUPS]
        )  # fmt: skip


def _clean(data: dict[str, Any]) -> dict[str, str]:
    kind = str(data.get("kind") or GroupKind.WORK)
    term = str(data.get("term") or "").strip()
    aliases = split_terms(str(data.get("aliases") or ""))
    note = str(data.get("note") or "").strip()
    errors = []
    if kind not in GroupKind.values:
        errors.append(("kind", "请选择词组类别。"))
    if not term:
        errors.append(("term", "请填写标准词。"))
    elif len(term) < 2 or len(term) > 32 or any(c in term for c in "、，, ;；/"):
        errors.append(("term", "标准词须为 2 至 32 个字的一个词。"))
    if not aliases:
        errors.append(("aliases", "请至少填写一个同义词或别称。"))
    elif len(aliases) > MAX_ALIASES:
        errors.append(("aliases", f"一组同义词最多 {MAX_ALIASES} 个。"))
    elif any(len(a) < 2 or len(a) > 32 for a in aliases):
        errors.append(("aliases", "每个同义词须为 2 至 32 个字（单字会误配大量文本）。"))
    if len(note) > 200:
        errors.append(("note", "说明不能超过 200 字。"))
    if errors:
        raise ActionError("；".join(m for _f, m in errors), field=errors[0][0],
                          errors=[{"field": f, "message": m} for f, m in errors])  # fmt: skip
    aliases = [a for a in dict.fromkeys(aliases) if a != term]
    return {"kind": kind, "term": term, "aliases": "、".join(aliases), "note": note}


@transaction.atomic
def do_save_group(*, actor: Any, county: Org, data: dict[str, Any], group: SynonymGroup | None = None) -> SynonymGroup:
    """Add a group to the county's lexicon, or change one (saving a standard term that exists in
    the same kind replaces that group's aliases). The gate uses new work groups from its next
    check; the forms registry uses new field groups from its next match."""
    if not can_edit_lexicon(actor, county) or (group is not None and group.region_code != county.region_code):
        raise NotAllowed(_("只有本县（区）民政/组织部门可以维护同义词库。"))
    values = _clean(data)
    if group is not None:
        values["kind"] = group.kind  # a group keeps its kind; a new kind is a new group
    if values["kind"] == GroupKind.WORK:
        _seed_defaults(county)
    qs = SynonymGroup.objects.select_for_update().filter(region_code=county.region_code, kind=values["kind"])
    if group is not None:
        group = qs.get(pk=group.pk)
    else:
        group = qs.filter(term=values["term"]).first()
    if group is not None and qs.filter(term=values["term"]).exclude(pk=group.pk).exists():
        raise ActionError(_("标准词“{term}”已有一组，请直接修改该组。").format(term=values["term"]), field="term")
    before = {"term": group.term, "aliases": group.aliases} if group is not None else None
    if group is None:
        group = SynonymGroup(region_code=county.region_code, kind=values["kind"])
    group.term, group.aliases, group.note, group.updated_by = values["term"], values["aliases"], values["note"], actor
    group.save()
    audit.record(
        actor, "matching.lexicon.save", group, before=before,
        after={"kind": group.kind, "term": group.term, "aliases": group.aliases},
    )  # fmt: skip
    if group.kind == GroupKind.WORK:
        _prebuild_after_commit(county)
    return group


def _prebuild_after_commit(county: Org) -> None:
    from .index import prebuild_county

    code = county.region_code
    transaction.on_commit(lambda: prebuild_county(code))


@transaction.atomic
def do_delete_group(group: SynonymGroup, *, actor: Any, county: Org) -> None:
    if not can_edit_lexicon(actor, county) or group.region_code != county.region_code:
        raise NotAllowed(_("只有本县（区）民政/组织部门可以维护同义词库。"))
    before = {"kind": group.kind, "term": group.term, "aliases": group.aliases}
    audit.record(actor, "matching.lexicon.delete", group, before=before)
    kind = group.kind
    group.delete()
    if kind == GroupKind.WORK:
        _prebuild_after_commit(county)
