"""Writes to the lists. Every change to a draft and every publication is an audited action."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, Conflict, NotAllowed, NotFound
from jianfu.core.typing import Actor
from jianfu.orgs.models import Org

from .choices import VersionStatus
from .models import ITEM_FIELDS, Citation, ListItem, ListVersion
from .permissions import can_edit_lists
from .selectors import current_version, draft_version
from .transitions import VERSION
from .validation import TAG_RE, clean_item


def _check_owner(actor: Any, owner: Org) -> None:
    # actor None: a loader run by an operator (demo, migration of existing lists).
    if actor is not None and not can_edit_lists(actor, owner):
        raise NotAllowed(_("只有本辖区的县级民政、组织部门可以编辑清单。"))


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
        raise ActionError(_("编号 {code} 在草稿中已存在。").format(code=values["code"]), field="code")
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


def _check_draft_item(actor: Any, item: ListItem) -> ListVersion:
    version = item.version
    if version.status != VersionStatus.DRAFT:
        raise ActionError(_("已发布的清单版本不能修改，请在草稿中编辑。"))
    _check_owner(actor, version.org)
    return version


def _raise_field_errors(errors: list[Any]) -> None:
    raise ActionError(
        "；".join(f"{e.label}：{e.message}" for e in errors),
        field=errors[0].field,
        errors=[{"field": e.field, "label": e.label, "message": e.message} for e in errors],
    )


@transaction.atomic
def do_update_item(item: ListItem, *, actor: Any, data: dict[str, Any]) -> ListItem:
    """Change one item of the draft; every field is checked again by ``clean_item``."""
    version = _check_draft_item(actor, item)
    values, errors = clean_item(data, owner=version.org)
    if not errors and version.items.filter(code=values["code"]).exclude(pk=item.pk).exists():
        raise ActionError(_("编号 {code} 在草稿中已存在。").format(code=values["code"]), field="code")
    if errors:
        _raise_field_errors(errors)
    fields = [f for f in ITEM_FIELDS if f != "source_ref"]
    before = audit.snapshot(item, fields)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    audit.record(
        actor,
        "catalog.item.update",
        item,
        org=getattr(actor, "org", None) or version.org,
        before=before,
        after=audit.snapshot(item, fields),
    )
    return item


@transaction.atomic
def do_delete_item(item: ListItem, *, actor: Any) -> None:
    """Take one item out of the draft (it stays in every published version that has it)."""
    version = _check_draft_item(actor, item)
    before = audit.snapshot(item, [f for f in ITEM_FIELDS if f != "source_ref"])
    audit.record(actor, "catalog.item.delete", item, org=getattr(actor, "org", None) or version.org, before=before)
    item.delete()


@transaction.atomic
def do_discard_draft(draft: ListVersion, *, actor: Any) -> None:
    """Throw the draft away; the published versions are untouched."""
    if draft.status != VersionStatus.DRAFT:
        raise ActionError(_("只能放弃草稿。"))
    _check_owner(actor, draft.org)
    audit.record(
        actor,
        "catalog.draft.discard",
        draft,
        org=getattr(actor, "org", None) or draft.org,
        before={"items": draft.items.count()},
    )
    draft.items.all().delete()
    draft.delete()


def do_publish_version(
    draft: ListVersion,
    *,
    actor: Actor,
    effective_date: dt.date | None,
    note: str = "",
    title: str = "",
    full_review: bool = False,
) -> ListVersion:
    """Publish the draft as the next numbered, immutable version (清单发布), effective from
    ``effective_date``. Only the jurisdiction's list owners may; the previous version stays readable."""
    _check_owner(actor, draft.org)
    if effective_date is None:
        raise ActionError(_("请填写生效日期。"), field="effective_date")
    if not (dt.date(2000, 1, 1) <= effective_date <= dt.date(2100, 12, 31)):
        raise ActionError(_("生效日期不在合理范围内。"), field="effective_date")
    note, title = (note or "").strip(), (title or "").strip() or draft.title
    if len(note) > 2000:
        raise ActionError(_("说明不能超过 2000 字。"), field="note")
    if len(title) > 200 or TAG_RE.search(title) or TAG_RE.search(note):
        raise ActionError(_("标题或说明不能包含 HTML 标签，标题不超过 200 字。"), field="title")
    changes = {"effective_date": effective_date, "note": note, "title": title, "full_review": full_review}
    return VERSION.apply(draft, "publish", actor=actor, reason=note, changes=changes)


class DuplicateRows(Conflict):
    """An import whose rows repeat each other or items of the current version: nothing is saved
    until the list owner has seen the list (``errors``) and confirms."""


@transaction.atomic
def do_import_items(owner: Org, *, actor: Any, upload: Any, confirm_duplicates: bool = False) -> ListVersion:
    """Replace the draft's items with the rows of an uploaded workbook in the template's format.

    All or nothing: every row is checked first; any problem raises ActionError whose ``errors``
    name each row and column, and nothing is saved (the draft is not even opened). Rows that
    duplicate another row or an item of the current version (same title, another code) raise
    DuplicateRows naming both, unless ``confirm_duplicates``: then they are imported as they are."""
    from .duplicates import find_duplicates
    from .exports import read_workbook_rows

    _check_owner(actor, owner)
    numbered = read_workbook_rows(upload, owner=owner)  # raises ActionError listing every problem
    duplicates = find_duplicates(numbered, owner)
    if duplicates and not confirm_duplicates:
        raise DuplicateRows(
            f"发现 {len(duplicates)} 处疑似重复的事项，尚未导入。请核对后确认导入，或修改表格后重新上传。",
            errors=duplicates,
        )
    rows = [values for _row, values in numbered]
    draft = do_open_draft(owner, actor=actor)
    before = draft.items.count()
    draft.items.all().delete()
    ListItem.objects.bulk_create(
        (
            ListItem(version=draft, region_code=owner.region_code, sort_order=i, **values)
            for i, values in enumerate(rows, start=1)
        ),
        batch_size=500,
    )
    ListVersion.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
    audit.record(
        actor,
        "catalog.draft.import",
        draft,
        org=getattr(actor, "org", None) or owner,
        before={"items": before},
        after={"items": len(rows), "confirmed_duplicates": [d["message"] for d in duplicates]},
    )
    return draft


CITATION_FIELDS = ("title", "doc_number", "issuer", "section", "excerpt")
_CITATION_LIMITS = {"title": 200, "doc_number": 60, "issuer": 100, "section": 60, "excerpt": 300}


@transaction.atomic
def do_save_citation(owner: Org, *, actor: Any, key: str, data: dict[str, Any]) -> Citation:
    """A county cites its own document for one rule (政策依据): every page, finding and case of its
    communities then cites it by title. Audited with the citation before and after."""
    from .citations import DEFAULTS, cite

    _check_owner(actor, owner)
    if key not in DEFAULTS:
        raise NotFound(_("未找到该规则。"))
    values = {f: str(data.get(f) or "").strip() for f in CITATION_FIELDS}
    values["title"] = values["title"].strip("《》")
    errors = [{"field": f, "message": _("请填写{label}。").format(label=label)}
              for f, label in (("title", _("文件名称")), ("excerpt", _("条文要点"))) if not values[f]]  # fmt: skip
    errors += [
        {"field": f, "message": _("不能超过 {n} 字。").format(n=n)}
        for f, n in _CITATION_LIMITS.items() if len(values[f]) > n
    ]  # fmt: skip
    tagged = [f for f in CITATION_FIELDS if TAG_RE.search(values[f])]
    errors += [{"field": f, "message": _("不能包含尖括号等标记。")} for f in tagged]
    if errors:
        raise ActionError(errors[0]["message"], field=errors[0]["field"], errors=errors)
    before = cite(key, owner.region_code)
    row, _created = Citation.objects.select_for_update().get_or_create(
        region_code=owner.region_code, key=key, defaults={**values, "updated_by": actor}
    )
    for f, v in values.items():
        setattr(row, f, v)
    row.updated_by = actor
    row.save()
    after = cite(key, owner.region_code)
    audit.record(actor, "catalog.citation.save", row, before={"key": key, "text": before.text},
                 after={"key": key, "text": after.text})  # fmt: skip
    return row


@transaction.atomic
def do_reset_citation(owner: Org, *, actor: Any, key: str) -> None:
    """Back to the shipped default citation for one rule (the county's row is removed, audited)."""
    _check_owner(actor, owner)
    row = Citation.objects.select_for_update().filter(region_code=owner.region_code, key=key).first()
    if row is None:
        raise ActionError(_("本县未修改该依据，无需恢复。"))
    audit.record(actor, "catalog.citation.reset", row, before={"key": key, "title": row.title, "excerpt": row.excerpt})
    row.delete()
