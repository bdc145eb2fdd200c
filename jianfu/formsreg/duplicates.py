"""Duplicate and look-alike fields across a county's forms, and the merges they suggest.

Two fields are the *same indicator* when they share a concept (one reuses the other, or both are
the same base-data figure) or the matcher scores them ``SAME``; a *look-alike* when it scores
``LOOKALIKE`` or more (a human decides). Two forms sharing half of the smaller one's fields are
a merge candidate; merging saves the shared indicators (filled once instead of twice) and the
fill itself, ``FORM_OVERHEAD_MINUTES`` each time, for every community that fills them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from jianfu.orgs import tree

from . import matcher
from .models import MINUTES_PER_FIELD, FormDef, FormField
from .selectors import county_fields

FORM_OVERHEAD_MINUTES = Decimal(10)  # finding, printing, signing and sending one form, once
MERGE_SHARE = 0.5  # forms sharing at least half of the smaller one's fields


@dataclass
class Link:
    a: FormField
    b: FormField
    score: float
    reason: str


@dataclass
class Pair:
    keep: FormDef
    drop: FormDef
    shared: list[Link] = field(default_factory=list)
    sizes: tuple[int, int] = (0, 0)
    communities: int = 0

    @property
    def share(self) -> float:
        return len(self.shared) / min(self.sizes) if min(self.sizes) else 0.0

    @property
    def saved_indicators(self) -> int:
        return len(self.shared)

    @property
    def saved_hours(self) -> float:
        per_fill = FORM_OVERHEAD_MINUTES + MINUTES_PER_FIELD * len(self.shared)
        return float(per_fill * self.drop.occurrences_per_year * self.communities / 60)


@dataclass
class Report:
    same: list[Link] = field(default_factory=list)
    lookalike: list[Link] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    fields: int = 0
    forms: int = 0

    @property
    def saved_indicators(self) -> int:
        return sum(p.saved_indicators for p in self.pairs)

    @property
    def saved_hours(self) -> float:
        return sum(p.saved_hours for p in self.pairs)


def links(
    fields: list[FormField], *, threshold: float = matcher.LOOKALIKE, lexicon: matcher.FieldLexicon = matcher.BASE
) -> list[Link]:
    """Every pair of fields of different forms that are the same or alike, best evidence kept."""
    index = matcher.FieldIndex((matcher.FieldSpec(f.name, f.unit, f.definition, f) for f in fields), lexicon)
    best: dict[tuple[int, int], Link] = {}
    by_concept: dict[str, list[FormField]] = defaultdict(list)
    for f in fields:
        by_concept[f.concept].append(f)
    for group in by_concept.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.form_id != b.form_id:
                    best[(min(a.pk, b.pk), max(a.pk, b.pk))] = Link(a, b, 1.0, "复用")
    for f in fields:
        for m in index.match(matcher.FieldSpec(f.name, f.unit, f.definition, f), threshold=threshold, limit=50):
            other = m.ref
            if other.form_id == f.form_id:
                continue
            key = (min(f.pk, other.pk), max(f.pk, other.pk))
            if key not in best or best[key].score < m.score:
                best[key] = Link(f, other, m.score, m.reason)
    return list(best.values())


def county_report(prefix: str) -> Report:
    fields = list(county_fields(prefix).order_by("form_id", "position"))
    forms = {f.form_id: f.form for f in fields}
    sizes: dict[int, int] = defaultdict(int)
    for f in fields:
        sizes[f.form_id] += 1
    report = Report(fields=len(fields), forms=len(forms))
    shared: dict[tuple[int, int], list[Link]] = defaultdict(list)
    for link in links(fields, lexicon=matcher.lexicon_for(prefix)):
        (report.same if link.score >= matcher.SAME else report.lookalike).append(link)
        if link.score >= matcher.SAME:
            low, high = sorted((link.a.form_id, link.b.form_id))
            shared[(low, high)].append(link)
    communities = tree.grassroots_of(prefix).count()
    for (x, y), found in shared.items():
        # One link per field of the smaller form: a field alike to two fields counts once.
        seen: set[int] = set()
        unique = []
        for lk in found:
            if lk.a.pk not in seen and lk.b.pk not in seen:
                unique.append(lk)
                seen.update((lk.a.pk, lk.b.pk))
        keep, drop = (forms[x], forms[y]) if sizes[x] >= sizes[y] else (forms[y], forms[x])
        pair = Pair(keep, drop, unique, (sizes[x], sizes[y]), communities)
        if pair.share >= MERGE_SHARE:
            report.pairs.append(pair)
    report.same.sort(key=lambda lk: (-lk.score, lk.a.name))
    report.lookalike.sort(key=lambda lk: (-lk.score, lk.a.name))
    report.pairs.sort(key=lambda p: -p.saved_hours)
    # Each form is merged away at most once, and never into a form merged away itself.
    dropped: set[int] = set()
    kept: set[int] = set()
    chosen = []
    for pair in report.pairs:
        if pair.drop.pk in dropped or pair.drop.pk in kept or pair.keep.pk in dropped:
            continue
        dropped.add(pair.drop.pk)
        kept.add(pair.keep.pk)
        chosen.append(pair)
    report.pairs = chosen
    return report
