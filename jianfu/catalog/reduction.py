"""精简率 of the lists: what two versions say about the burden, per category and per body.

Seeds 002/003 report reductions as "forms 44 → 7 (84%)" and "village items 100 → 48, community items
89 → 35". An item counts when the community carries it (``choices.carries_burden``: not the
negative list, not a forbidden certificate, not a forbidden plaque). An item is *cancelled* when it
carried burden before and, paired by code, is gone afterwards or no longer carries burden (turned
forbidden, moved to the negative list). The headline is the sum of the table: both are counted by
the one loop below, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .choices import CATEGORY_SHORT, AppliesTo, Category, carries_burden
from .models import ListVersion
from .selectors import Total, hours_of, totals_of

_FIELDS = (
    "code",
    "category",
    "cert_kind",
    "plaque_kind",
    "applies_to",
    "minutes_per_occurrence",
    "frequency_count",
    "frequency_unit",
)


def pct(before: Decimal | int, after: Decimal | int) -> Decimal | None:
    """(before − after) ÷ before, as a whole percentage; None when there was nothing before."""
    if not before:
        return None
    return (Decimal(before - after) * 100 / Decimal(before)).quantize(Decimal("1"))


@dataclass
class Cut:
    """One row of the reduction table: burden items and hours before → after, and what changed."""

    key: str
    label: str
    before: int = 0
    after: int = 0
    cancelled: int = 0  # carried burden before; removed, or no longer a burden, after
    added: int = 0  # carries burden after; absent, or no burden, before
    hours_before: Decimal = Decimal(0)
    hours_after: Decimal = Decimal(0)

    @property
    def items_pct(self) -> Decimal | None:
        return pct(self.before, self.after)

    @property
    def hours_pct(self) -> Decimal | None:
        return pct(self.hours_before, self.hours_after)

    @property
    def shown(self) -> bool:
        return bool(self.before or self.after)


# The two bodies the seeds report separately: items binding villages and items binding communities.
BODIES = (
    ("village", "村", (AppliesTo.BOTH, AppliesTo.VILLAGE)),
    ("community", "社区", (AppliesTo.BOTH, AppliesTo.URBAN)),
)


@dataclass
class Reduction:
    before: Total
    after: Total
    by_category: list[tuple[Total, Total]]  # every item (burden or not) per category, for reference
    categories: list[Cut] = field(default_factory=list)
    bodies: list[Cut] = field(default_factory=list)
    total: Cut = field(default_factory=lambda: Cut("total", "合计"))

    pct = staticmethod(pct)

    @property
    def items_pct(self) -> Decimal | None:
        return pct(self.total.before, self.total.after)

    @property
    def hours_pct(self) -> Decimal | None:
        return pct(self.before.hours, self.after.hours)

    @property
    def jurisdiction_hours_pct(self) -> Decimal | None:
        return pct(self.before.jurisdiction_hours, self.after.jurisdiction_hours)

    @property
    def cancelled(self) -> int:
        return self.total.cancelled


def _burden_rows(version: ListVersion) -> dict[str, tuple[str, str, Decimal] | None]:
    """code → (category, applies_to, hours) for items carrying burden, None for the others."""
    out: dict[str, tuple[str, str, Decimal] | None] = {}
    for code, cat, cert, plaque, applies, minutes, count, unit in version.items.values_list(*_FIELDS):
        out[code] = (cat, applies, hours_of(minutes, count, unit)) if carries_burden(cat, cert, plaque) else None
    return out


def reduction_between(old: ListVersion, new: ListVersion) -> Reduction:
    """Burden items and hours per category and per body, before → after, with what was cancelled."""
    a, b = totals_of(old), totals_of(new)
    before_by_label = {t.label: t for t in a.by_category}
    after_by_label = {t.label: t for t in b.by_category}
    labels = [str(CATEGORY_SHORT[Category(v)]) for v, _l in Category.choices]
    pairs = [
        (before_by_label.get(label, Total(label)), after_by_label.get(label, Total(label)))
        for label in labels
        if label in before_by_label or label in after_by_label
    ]

    cats = {v: Cut(v, str(CATEGORY_SHORT[Category(v)])) for v, _l in Category.choices}
    bodies = {key: Cut(key, label) for key, label, _applies in BODIES}
    total = Cut("total", "合计")
    old_rows, new_rows = _burden_rows(old), _burden_rows(new)

    def rows_for(cat: str, applies: str) -> list[Cut]:
        return [cats[cat], total, *(bodies[key] for key, _l, scope in BODIES if applies in scope)]

    for code, row in old_rows.items():
        if row is None:
            continue
        cat, applies, hours = row
        gone = new_rows.get(code) is None  # removed, or turned forbidden / negative
        for cut in rows_for(cat, applies):
            cut.before += 1
            cut.hours_before += hours
            cut.cancelled += gone
    for code, row in new_rows.items():
        if row is None:
            continue
        cat, applies, hours = row
        new_burden = old_rows.get(code) is None
        for cut in rows_for(cat, applies):
            cut.after += 1
            cut.hours_after += hours
            cut.added += new_burden
    return Reduction(
        before=a.all,
        after=b.all,
        by_category=pairs,
        categories=[c for c in cats.values() if c.shown],
        bodies=list(bodies.values()),
        total=total,
    )
