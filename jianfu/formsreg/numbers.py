"""The registry's figures (seed 003: forms 44 → 7; Jiangxi's 一表同享: forms 91 → 39, indicators
1,849 → 904, about 70% pre-filled): forms and indicators per department before and after
merging, the share of fields pre-filled, minutes saved per community."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from jianfu.orgs import tree

from .choices import FormState
from .models import MINUTES_PER_FIELD, FormDef, FormField, Submission
from .selectors import active_q


@dataclass
class Line:
    label: str
    forms_before: int = 0
    forms_after: int = 0
    fields_before: int = 0
    concepts: set[str] = field(default_factory=set)

    @property
    def fields_after(self) -> int:
        return len(self.concepts)

    @property
    def forms_cut(self) -> float | None:
        return 1 - self.forms_after / self.forms_before if self.forms_before else None

    @property
    def fields_cut(self) -> float | None:
        return 1 - self.fields_after / self.fields_before if self.fields_before else None


@dataclass
class Numbers:
    lines: list[Line]
    total: Line
    fields_filled: int = 0
    fields_prefilled: int = 0  # offered pre-filled by the platform
    fields_kept: int = 0  # of those, kept unchanged by the worker
    submissions: int = 0
    communities: int = 0
    minutes_saved: Decimal = Decimal(0)

    @property
    def prefilled_share(self) -> float | None:
        return self.fields_prefilled / self.fields_filled if self.fields_filled else None

    @property
    def minutes_saved_per_community(self) -> float:
        return float(self.minutes_saved / self.communities) if self.communities else 0.0


def numbers(prefix: str, year: int) -> Numbers:
    """Before: every form registered for the year (merged ones included) and its fields. After:
    the forms in force, and the indicators a community fills once (distinct concepts)."""
    forms = (
        FormDef.objects.within(prefix)
        .filter(year=year)
        .exclude(Q(state=FormState.WITHDRAWN) & Q(merged_into__isnull=True))
    )
    active = set(forms.filter(active_q()).values_list("pk", flat=True))
    lines: dict[str, Line] = {}
    total = Line("合计")
    original: dict[int, int] = defaultdict(int)  # fields as registered (not those a merge added)
    concepts: dict[int, set[str]] = defaultdict(set)
    sizes: dict[int, int] = defaultdict(int)
    rows = FormField.objects.filter(form__in=forms).values_list("form_id", "concept", "reuse_of__form__merged_into_id")
    for form_id, concept, merged_into in rows:
        sizes[form_id] += 1
        concepts[form_id].add(concept)
        if merged_into != form_id:
            original[form_id] += 1
    for form in forms.select_related("owner_org").order_by("owner_org__code"):
        line = lines.setdefault(form.owner_org.name, Line(form.owner_org.name))
        for x in (line, total):
            x.forms_before += 1
            x.fields_before += original[form.pk]
            if form.pk in active:
                x.forms_after += 1
                x.concepts |= concepts[form.pk]
    result = Numbers(lines=sorted(lines.values(), key=lambda x: (-x.forms_before, x.label)), total=total)
    result.communities = tree.grassroots_of(prefix).count()
    subs = (
        Submission.objects.within(prefix)
        .filter(due_date__year=year)
        .values_list("form_id", "offered", "prefilled", "minutes")
    )
    for form_id, offered, prefilled, minutes in subs:
        n = sizes.get(form_id) or FormField.objects.filter(form_id=form_id).count()
        result.submissions += 1
        result.fields_filled += n
        result.fields_prefilled += len(offered)
        result.fields_kept += len(prefilled)
        result.minutes_saved += MINUTES_PER_FIELD * n - Decimal(minutes)
    return result
