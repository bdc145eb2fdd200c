"""Writes to the lists. Every change to a draft and every publication is an audited action."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs.models import Org

from .choices import VersionStatus
from .models import ListItem, ListVersion
from .permissions import can_edit_lists
from .selectors import current_version, draft_version
from .validation import clean_item

ITEM_FIELDS = [
    "code",
    "title",
    "category",
    "cert_kind",
    "basis",
    "department",
    "scope",
    "process",
    "community_roles",
    "funding_amount",
    "funding_source",
    "frequency_count",
    "frequency_unit",
    "minutes_per_occurrence",
    "applies_to",
    "review_date",
    "source_ref",
]


def _check_owner(actor: Any, owner: Org) -> None:
    # actor None: a loader run by an operator (demo, migration of existing lists).
    if actor is not None and not can_edit_lists(actor, owner):
        raise NotAllowed("只有本辖区的县级民政、组织部门可以编辑清单。")


@transaction.atomic
def do_open_draft(owner: Org, *, actor: Any, title: str = "") -> ListVersion:
    """The jurisdiction's draft, created on first use as a copy of the current published version."""
    _check_owner(actor, owner)
    Org.objects.select_for_update().filter(pk=owner.pk).first()  # serialise draft creation per owner
    draft = draft_version(owner)
    if draft is not None:
        return draft
    base = current_version(owner)
    draft = ListVersion.objects.create(
        org=owner,
        region_code=owner.region_code,
        status=VersionStatus.DRAFT,
        title=title or (base.title if base else f"{owner.name}社区工作事项清单"),
        note=base.note if base else "",
        based_on=base,
        created_by=actor,
    )
    if base is not None:
        ListItem.objects.bulk_create(
            ListItem(
                version=draft,
                region_code=item.region_code,
                sort_order=item.sort_order,
                **{f: getattr(item, f) for f in ITEM_FIELDS},
            )
            for item in base.items.all()
        )
    audit.record(
        actor,
        "catalog.draft.open",
        draft,
        org=getattr(actor, "org", None) or owner,
        after={"based_on": base.number if base else None},
    )
    return draft


@transaction.atomic
def do_add_item(owner: Org, *, actor: Any, data: dict[str, Any], source_ref: str = "") -> ListItem:
    """Add one item to ``owner``'s draft (opening it if needed). ``data`` is checked by
    ``clean_item``; any problem raises ActionError listing every field error, and nothing is saved."""
    _check_owner(actor, owner)
    draft = do_open_draft(owner, actor=actor)
    values, errors = clean_item(data, owner=owner)
    if not errors and draft.items.filter(code=values["code"]).exists():
        raise ActionError(f"编号 {values['code']} 在草稿中已存在。", field="code")
    if errors:
        raise ActionError(
            "；".join(f"{e.label}：{e.message}" for e in errors),
            field=errors[0].field,
            errors=[{"field": e.field, "label": e.label, "message": e.message} for e in errors],
        )
    next_order = (draft.items.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    item = ListItem.objects.create(
        version=draft, region_code=owner.region_code, sort_order=next_order, source_ref=source_ref, **values
    )
    audit.record(
        actor,
        "catalog.item.add",
        item,
        org=getattr(actor, "org", None) or owner,
        after=audit.snapshot(item, [f for f in ITEM_FIELDS if f != "source_ref"]),
    )
    return item
