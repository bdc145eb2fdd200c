"""Scoring a task text against a published list version, phrase by phrase.

Each item is indexed as several phrases: its title, the title's clauses and the clauses of its
scope (职责范围). A phrase matches a task by how much of the phrase the task covers, weighted by
how rare each concept is in the list (IDF), so a specific phrase (「拆迁拆违」) met in full counts
far more than a generic word shared with many items. An item scores its best phrase; the phrase
is returned so the gate can say *what* matched.

    score(phrase, task) = coverage × specificity × (0.8 + 0.2 × task coverage)

coverage: the IDF share of the phrase's concepts found in the task; specificity: the matched IDF
against a rare concept's (1.0 once the match is as specific as one rare concept); task coverage:
the share of the task the phrase explains. Thresholds on this score are in ``thresholds.py``,
calibrated on ``bench/gate_devset``.

Published versions are immutable, so an index is cached per (version, lexicon stamp); a lexicon
edit changes the stamp and the next query rebuilds.
"""

from __future__ import annotations

import math
import pickle
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from jianfu.catalog.choices import VersionStatus
from jianfu.catalog.models import ListItem, ListVersion

from .defaults import DEFAULT_GROUPS
from .fields import FieldLexicon
from .models import GroupKind, IndexSnapshot, SynonymGroup
from .text import Lexicon, clauses, concepts, unique

ROW_FIELDS = ("pk", "code", "title", "category", "cert_kind", "scope", "basis", "source_ref", "department_id")


# Wording that carves kept work out of a negative item: 只做/仅负责/可以协助/配合…
PERMITTED = re.compile(r"(只|仅|可以?|应当?)(做|负责|承担|协助|配合|开展|参与)|协助|配合")


@dataclass(frozen=True)
class IndexedItem:
    pk: int
    code: str
    title: str
    category: str
    basis: str = ""
    cert_kind: str = ""
    source_ref: str = ""
    department_id: int | None = None


@dataclass(frozen=True)
class Match:
    item: IndexedItem
    score: float
    phrase: str
    matched: frozenset[str] = frozenset()  # the task's concepts the phrase met

    def __iter__(self) -> Any:  # (item, score), as the old index answered
        return iter((self.item, self.score))


@dataclass
class Phrase:
    item: int
    text: str
    weights: dict[str, float]
    total: float


@dataclass
class VersionIndex:
    items: list[IndexedItem]
    phrases: list[Phrase]
    idf: dict[str, float]
    default_idf: float
    lexicon: Lexicon
    postings: dict[str, list[int]] = field(default_factory=dict)
    item_concepts: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def build(cls, rows: list[dict[str, Any]], lexicon: Lexicon | None = None) -> VersionIndex:
        lexicon = lexicon or Lexicon(DEFAULT_GROUPS)
        raw: list[list[tuple[str, list[str]]]] = []
        standard = {std for std, _aliases in lexicon.groups}
        for r in rows:
            scope = clauses(r.get("scope") or "")
            if r["category"] == "negative" or r.get("cert_kind") == "forbidden":
                # A negative item's scope also says what the community may still do (「社区只做宣传
                # 和发现报告」); that part describes kept work, so it must never match as negative.
                scope = [c for c in scope if not PERMITTED.search(c)]
            texts = unique([r["title"], *clauses(r["title"]), *scope])
            item_phrases = [(t, unique(concepts(t, lexicon))) for t in texts]
            # A clause made only of lexicon topics run together (「拆迁拆违」) is several topics.
            for _t, cs in list(item_phrases):
                if len(cs) > 1 and all(c in standard for c in cs):
                    item_phrases.extend((c, [c]) for c in cs)
            raw.append(item_phrases)
        n = len(rows)
        df: dict[str, int] = {}
        for item_phrases in raw:
            for c in {c for _t, cs in item_phrases for c in cs}:
                df[c] = df.get(c, 0) + 1
        idf = {c: math.log((n + 1) / (d + 1)) + 1.0 for c, d in df.items()}
        default_idf = math.log(n + 1) + 1.0
        items = [
            IndexedItem(
                r["pk"], r["code"], r["title"], r["category"], r.get("basis") or "", r.get("cert_kind") or "",
                r.get("source_ref") or "", r.get("department_id"),
            )
            for r in rows
        ]  # fmt: skip
        index = cls(items=items, phrases=[], idf=idf, default_idf=default_idf, lexicon=lexicon)
        index.item_concepts = [frozenset(c for _t, cs in item_phrases for c in cs) for item_phrases in raw]
        for i, item_phrases in enumerate(raw):
            for text, cs in item_phrases:
                if not cs:
                    continue
                weights = {c: idf[c] for c in cs}
                index.phrases.append(Phrase(i, text, weights, sum(weights.values())))
                for c in cs:
                    index.postings.setdefault(c, []).append(len(index.phrases) - 1)
        return index

    def concepts_of(self, item: IndexedItem) -> frozenset[str]:
        """Every concept of an item's phrases."""
        if not hasattr(self, "_by_pk"):
            self._by_pk = {it.pk: i for i, it in enumerate(self.items)}
        return self.item_concepts[self._by_pk[item.pk]]

    @property
    def rare(self) -> float:
        """The IDF a phrase must match to count as fully specific (≈ a concept in a few items)."""
        return 0.6 * self.default_idf

    def query_concepts(self, text: str) -> list[str]:
        return unique(concepts(text, self.lexicon))

    def rank(self, text: str, *, limit: int | None = 40) -> list[Match]:
        """Items sharing a concept with ``text``, best first, with their best phrase: the top
        ``limit`` (None: all), plus the best negative-list item and the best certificate when they
        rank lower, so the gate always sees the strongest evidence on each side."""
        q = self.query_concepts(text)
        if not q:
            return []
        q_total = sum(self.idf.get(c, self.default_idf) for c in q) or 1.0
        matched: dict[int, float] = {}
        for c in q:
            for p in self.postings.get(c, ()):
                matched[p] = matched.get(p, 0.0) + self.phrases[p].weights[c]
        best: dict[int, tuple[float, int]] = {}
        rare = self.rare
        phrases = self.phrases
        for p, m in matched.items():
            phrase = phrases[p]
            score = (m / phrase.total) * min(1.0, m / rare) * (0.8 + 0.2 * min(1.0, m / q_total))
            if score > best.get(phrase.item, (0.0, -1))[0]:
                best[phrase.item] = (score, p)
        ranked = sorted(best.items(), key=lambda kv: kv[1][0], reverse=True)
        if limit is not None and len(ranked) > limit:
            head, kept = ranked[:limit], {self.items[i].category for i, _v in ranked[:limit]}
            for category in ("negative", "certificate"):
                if category not in kept:
                    extra = next((kv for kv in ranked[limit:] if self.items[kv[0]].category == category), None)
                    if extra is not None:
                        head.append(extra)
            ranked = head
        qset = set(q)
        return [
            Match(
                self.items[i], round(min(s, 1.0), 3), phrases[p].text, frozenset(qset.intersection(phrases[p].weights))
            )
            for i, (s, p) in ranked
        ]

    def query(
        self, text_or_tokens: str | list[str], *, categories: set[str] | None = None,
        exclude: set[str] | None = None, limit: int = 5,
    ) -> list[Match]:  # fmt: skip
        """The old index's call: best items filtered by category."""
        text = text_or_tokens if isinstance(text_or_tokens, str) else " ".join(text_or_tokens)
        out = []
        for m in self.rank(text, limit=None):
            if categories is not None and m.item.category not in categories:
                continue
            if exclude is not None and m.item.category in exclude:
                continue
            out.append(m)
            if len(out) >= limit:
                break
        return out


# --- the lexicon of a jurisdiction -----------------------------------------------------------

_LEX: dict[str, Lexicon] = {}
_CACHE: OrderedDict[tuple[int, str], VersionIndex] = OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 32


def groups_of(region_code: str, kind: str = GroupKind.WORK) -> list[tuple[str, tuple[str, ...]]]:
    """The work groups in force for a county: its own rows, or the shipped defaults (for field
    groups: its own rows only)."""
    rows = list(SynonymGroup.objects.filter(region_code=region_code, kind=kind).order_by("term"))
    if not rows and kind == GroupKind.WORK:
        return list(DEFAULT_GROUPS)
    return [(g.term, tuple(g.alias_list)) for g in rows]


def _stamp(region_code: str, kind: str) -> str:
    """Changes whenever one of the county's groups of ``kind`` does (count + last update)."""
    rows = SynonymGroup.objects.filter(region_code=region_code, kind=kind)
    agg = rows.aggregate(n=Count("id"), m=Max("updated_at"))
    return f"{region_code}:{agg['n']}:{agg['m'].isoformat() if agg['m'] else ''}" if agg["n"] else ":defaults"


def lexicon_for(region_code: str) -> Lexicon:
    """The county's work lexicon, cached until one of its rows changes."""
    stamp = _stamp(region_code, GroupKind.WORK)
    with _LOCK:
        lex = _LEX.get(stamp)
    if lex is None:
        lex = Lexicon(groups_of(region_code), stamp=stamp)
        with _LOCK:
            _LEX[stamp] = lex
    return lex


_FIELD_LEX: dict[tuple[str, str], FieldLexicon] = {}


def field_lexicon_for(
    region_code: str, base: Iterable[tuple[str, Iterable[str]]] = (), *, base_stamp: str = ""
) -> FieldLexicon:
    """The county's field lexicon: the caller's ``base`` groups (the forms registry's base data,
    identified by ``base_stamp``) and then the county's own field groups, cached until one of them
    changes."""
    key = (base_stamp, _stamp(region_code, GroupKind.FIELD))
    with _LOCK:
        lex = _FIELD_LEX.get(key)
    if lex is None:
        groups = [*base, *groups_of(region_code, GroupKind.FIELD)]
        lex = FieldLexicon(groups, stamp=f"{key[0]}|{key[1]}")
        with _LOCK:
            if len(_FIELD_LEX) > 256:
                _FIELD_LEX.clear()
            _FIELD_LEX[key] = lex
    return lex


def index_for(version: ListVersion) -> VersionIndex:
    """The cached index of a published version under its county's lexicon (a draft is indexed
    afresh every time). A process that has not got it in memory loads the snapshot built when the
    version was published (or its lexicon last changed); it builds it only when there is none."""
    lexicon = lexicon_for(version.region_code)
    if not version.is_published:
        return VersionIndex.build(_rows(version), lexicon)
    # The publication time joins the key: a test database may hand a rolled-back version's id on.
    key = (version.pk, f"{lexicon.stamp}@{version.published_at.isoformat() if version.published_at else ''}")
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return cached
    built = _load_snapshot(version, key[1], lexicon)
    if built is None:
        built = VersionIndex.build(_rows(version), lexicon)
        _save_snapshot(version, key[1], built)
    with _LOCK:
        _CACHE[key] = built
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def _load_snapshot(version: ListVersion, key: str, lexicon: Lexicon) -> VersionIndex | None:
    row = IndexSnapshot.objects.filter(version=version, key=key).values_list("data", flat=True).first()
    if row is None:
        return None
    index: VersionIndex = pickle.loads(bytes(row))  # noqa: S301 — written by _save_snapshot only
    index.lexicon = lexicon
    return index


def _save_snapshot(version: ListVersion, key: str, index: VersionIndex) -> None:
    state = dict(index.__dict__, lexicon=None)  # the lexicon is the county's, loaded on its own
    state.pop("_by_pk", None)
    data = pickle.dumps(VersionIndex(**{k: v for k, v in state.items() if k in VersionIndex.__dataclass_fields__}))
    try:
        with transaction.atomic():
            IndexSnapshot.objects.filter(version=version).exclude(key=key).delete()  # an old lexicon's
            IndexSnapshot.objects.get_or_create(version=version, key=key, defaults={"data": data})
    except IntegrityError:  # another process saved the same snapshot first
        pass


def prebuild(version: ListVersion) -> None:
    """Build (or load) a published version's index now, so no gate check waits for it."""
    if version.is_published:
        index_for(version)


def prebuild_county(region_code: str) -> None:
    """After a lexicon change: each list owner's current version, under the new lexicon."""
    seen: set[int] = set()
    for version in ListVersion.objects.filter(region_code=region_code, status=VersionStatus.PUBLISHED).order_by(
        "org_id", "-number"
    ):
        if version.org_id not in seen:
            seen.add(version.org_id)
            prebuild(version)


def _rows(version: ListVersion) -> list[dict[str, Any]]:
    return list(ListItem.objects.filter(version=version).order_by("sort_order", "code").values(*ROW_FIELDS))


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
        _LEX.clear()
        _FIELD_LEX.clear()
