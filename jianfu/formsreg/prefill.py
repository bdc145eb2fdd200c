"""Pre-fill (一数一源): a form's fields filled from what the community's base data already holds.

Base data holds one value per concept: the 社区基础信息 keys (``basedata``), and every other
indicator a submitted form collected (its concept, the field's own or the one it reuses). So the
second form of a year that asks for 户数, 60岁以上老年人 or 低保户数 finds them filled, each with its
source and date; the worker checks them and enters only what is new.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .basedata import BY_KEY
from .choices import PERSONAL
from .models import BaseFact, FormDef, FormField


@dataclass
class Item:
    field: FormField
    value: str = ""
    source: str = ""  # the owning source: a department, a form, or the community itself
    updated_at: dt.datetime | None = None
    personal: bool = False  # per household / per person: kept in the community, never pre-filled

    @property
    def filled(self) -> bool:
        return self.value != ""


@dataclass
class Prefill:
    form: FormDef
    items: list[Item] = field(default_factory=list)

    @property
    def filled(self) -> int:
        return sum(1 for i in self.items if i.filled)

    @property
    def share(self) -> float:
        return self.filled / len(self.items) if self.items else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "form": self.form.pk,
            "fields": len(self.items),
            "prefilled": self.filled,
            "share": round(self.share, 3),
            "items": [
                {"field_id": i.field.pk, "name": i.field.name, "unit": i.field.unit, "value": i.value,
                 "source": i.source, "updated_at": i.updated_at.isoformat() if i.updated_at else None,
                 "personal": i.personal}
                for i in self.items
            ],
        }  # fmt: skip


def _source(fact: BaseFact) -> str:
    if fact.source_form_id is not None and fact.source_form is not None:
        return f"{fact.source_org.name if fact.source_org else ''}《{fact.source_form.title}》"
    if fact.source_org is not None:
        return fact.source_org.name
    base = BY_KEY.get(fact.key)
    return base.owner if base else ""


def prefill(form: FormDef, community: Any, *, facts: dict[str, BaseFact] | None = None) -> Prefill:
    fields = list(form.fields.order_by("position"))
    if facts is None:
        qs = BaseFact.objects.filter(community=community, key__in={f.concept for f in fields})
        facts = {f.key: f for f in qs.select_related("source_org", "source_form")}
    out = Prefill(form)
    for f in fields:
        if f.granularity in PERSONAL:
            out.items.append(Item(f, personal=True))
            continue
        fact = facts.get(f.concept)
        if fact is None:
            out.items.append(Item(f))
        else:
            out.items.append(Item(f, fact.value, _source(fact), fact.updated_at))
    return out
