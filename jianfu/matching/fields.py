"""Field matching (指标比对): is a form's field the same indicator as one already collected?

Part of the shared matcher, beside the gate's work matcher (``index.py``): both normalise text the
same way and both take their synonyms from a jurisdiction's lexicon, but a field is compared under
its own kind of synonym group (``SynonymGroup.kind == "field"``). The gate's work groups fold kinds
of work into their category (临时救助、社会救助 → 救助), which is right for "is this work on the
list" and wrong for "is this the same indicator" — 临时救助人次 and 社会救助人次 are different
figures — so a field lexicon never reads them.

How two fields are compared:

- the **name** is normalised (full-width → half-width, punctuation and spaces dropped, 周岁 → 岁,
  老年人 → 老人, 及以上 → 以上, a trailing 数/数量 dropped) and a known synonym is replaced by its
  standard name (a ``FieldLexicon``: 低保家庭数 → 低保户数); equal standard names score 1, else the
  Dice coefficient of their character bigrams;
- the **unit**: two different units (人 against 户) halve the score — 低保户数 and 低保人数 are
  different indicators;
- the **definition**: the numbers in name and definition (60 岁, 80 岁, 2025 年) must agree when
  both sides have them, else the score is cut to a look-alike at most (60岁以上 ≠ 65岁以上).

A score of ``SAME`` or more is the same indicator (reuse it); ``LOOKALIKE`` or more is a
look-alike worth a human look (merge suggestion). The index keeps one posting per distinct
standard name, so matching a 200-field form against 20,000 registered fields touches only the
names that share a bigram with it (``bench/forms_bench.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SAME = 0.85
LOOKALIKE = 0.6

_PUNCT = re.compile(r"[\s\u3000()（）\[\]【】<>《》、，,。.:：;；\-—_/\\|\"'“”‘’·]+")
_REPLACE = (
    ("周岁", "岁"), ("老年人", "老人"), ("及以上", "以上"), ("以上的", "以上"), ("数量", "数"), ("人员", "人"),
    ("个体经营户", "个体工商户"), ("个体户", "个体工商户"),
    ("患者", ""), ("安置", ""),  # 高血压患者管理人数 = 高血压管理人数; 公益性岗位安置人数 = 公益性岗位人数
)  # fmt: skip
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_UNITS = {
    "名": "人",
    "位": "人",
    "人次": "人次",
    "家": "户",
    "户": "户",
    "个": "个",
    "处": "个",
    "座": "栋",
    "幢": "栋",
}


@lru_cache(maxsize=65536)  # registries repeat the same names many times
def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _PUNCT.sub("", text)
    for old, new in _REPLACE:
        text = text.replace(old, new)
    return text


_PREFIXES = ("本社区", "辖区内", "辖区", "全社区", "社区内", "总")


def _strip_count(text: str) -> str:
    """Drop what every form adds around a figure: 辖区/本社区/总 before it, 数 after it."""
    for prefix in _PREFIXES:  # in order: 辖区总户数 → 总户数 → 户数
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix) :]
    return text[:-1] if len(text) > 2 and text.endswith("数") else text


class FieldLexicon:
    """Standard field names and their synonyms: ``groups`` of (standard name, synonyms).

    The first group to claim a name keeps it, so a jurisdiction's own groups (given after the
    shipped ones) add synonyms but cannot re-point a shipped one; a group whose standard name is
    itself a known synonym joins that name's group.
    """

    def __init__(self, groups: Iterable[tuple[str, Iterable[str]]] = (), *, stamp: str = "") -> None:
        self.stamp = stamp
        self._map: dict[str, str] = {}
        for term, aliases in groups:
            key = _strip_count(_norm(term))
            std = self._map.get(key, key)
            for name in (term, *aliases):
                if (n := _strip_count(_norm(name))) and n not in self._map:
                    self._map[n] = std
        self._cache: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        """The standard form of a field name (its group's standard name when it has one)."""
        found = self._cache.get(name)
        if found is None:
            text = _strip_count(_norm(name))
            found = self._cache[name] = self._map.get(text, text)
            if len(self._cache) > 65536:
                self._cache.clear()
        return found

    def standard_of(self, name: str) -> str:
        """The standard name ``name`` is a synonym of ("" when it is in no group)."""
        return self._map.get(_strip_count(_norm(name)), "")


PLAIN = FieldLexicon()


@lru_cache(maxsize=4096)
def unit_of(unit: str) -> str:
    u = _norm(unit)
    return _UNITS.get(u, u)


def numbers_of(*texts: str) -> frozenset[str]:
    return _numbers(" ".join(texts))


@lru_cache(maxsize=65536)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(map(str.__add__, text, text[1:]))


@dataclass(frozen=True)
class FieldSpec:
    """What the matcher knows of a field; ``ref`` is the caller's handle (a FormField, an id…)."""

    name: str
    unit: str = ""
    definition: str = ""
    ref: Any = None


@dataclass(frozen=True)
class Match:
    ref: Any
    score: float
    reason: str  # 同名 / 同义 / 相似 / 单位不同 / 口径不同

    @property
    def same(self) -> bool:
        return self.score >= SAME


def _name_score(a: str, b: str, ga: frozenset[str], gb: frozenset[str]) -> float:
    if a == b:
        return 1.0
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def score(a: FieldSpec, b: FieldSpec, lexicon: FieldLexicon = PLAIN) -> Match:
    """How alike two fields are (see the module docstring)."""
    ca, cb = lexicon.canonical(a.name), lexicon.canonical(b.name)
    return _combine(a, b, ca, cb, _name_score(ca, cb, _bigrams(ca), _bigrams(cb)))


def _combine(a: FieldSpec, b: FieldSpec, ca: str, cb: str, name: float) -> Match:
    s, reason = name, ("同名" if _norm(a.name) == _norm(b.name) else "同义") if name == 1.0 else "相似"
    ua, ub = unit_of(a.unit), unit_of(b.unit)
    if ua and ub and ua != ub:
        s, reason = s * 0.5, "单位不同"
    na, nb = numbers_of(a.name, a.definition), numbers_of(b.name, b.definition)
    if na and nb and na != nb:
        s, reason = min(s, LOOKALIKE + 0.05), "口径不同"
    return Match(ref=b.ref, score=round(s, 3), reason=reason)


class FieldIndex:
    """Registered fields, indexed for matching many new fields at once."""

    COMMON = 0.05  # a bigram in more than this share of names only scores, never proposes

    def __init__(self, specs: Iterable[FieldSpec], lexicon: FieldLexicon = PLAIN) -> None:
        self.lexicon = lexicon
        canonical = lexicon.canonical
        # canonical name -> (name, unit, definition) -> the fields written exactly so
        self._by_canon: dict[str, dict[tuple[str, str, str], list[FieldSpec]]] = defaultdict(lambda: defaultdict(list))
        for spec in specs:
            self._by_canon[canonical(spec.name)][(spec.name, spec.unit, spec.definition)].append(spec)
        self._grams = {c: _bigrams(c) for c in self._by_canon}
        self._postings: dict[str, list[str]] = defaultdict(list)
        for c, grams in self._grams.items():
            for g in grams:
                self._postings[g].append(c)
        self._limit = max(50, int(len(self._grams) * self.COMMON))

    def __len__(self) -> int:
        return sum(len(group) for groups in self._by_canon.values() for group in groups.values())

    def match(self, spec: FieldSpec, *, threshold: float = LOOKALIKE, limit: int = 10) -> list[Match]:
        """Registered fields alike to ``spec``, best first (at least ``threshold``)."""
        ca = self.lexicon.canonical(spec.name)
        ga = _bigrams(ca)
        candidates: set[str] = {ca} if ca in self._by_canon else set()
        rare = [g for g in ga if 0 < len(self._postings.get(g, ())) <= self._limit]
        used = rare or list(ga)
        shared: Counter[str] = Counter()  # bigrams each candidate shares with ``spec``, among those counted
        for g in used:
            shared.update(self._postings.get(g, ())[: self._limit * 4])
        candidates.update(shared)
        # Dice = 2·shared / (|a| + |b|); the grams not counted can add at most ``unseen`` to shared,
        # so a candidate whose best case is under the threshold is dropped before it is scored.
        unseen, la = len(ga) - len(used), len(ga)
        scored: list[tuple[float, str, list[FieldSpec]]] = []
        for cb in candidates:
            gb = self._grams[cb]
            if cb != ca and 2 * (shared[cb] + unseen) < threshold * (la + len(gb)):
                continue
            name = _name_score(ca, cb, ga, gb)
            if name < threshold:
                continue
            for group in self._by_canon[cb].values():
                m = _combine(spec, group[0], ca, cb, name)
                if m.score >= threshold:
                    scored.append((m.score, m.reason, group))
        scored.sort(key=lambda s: -s[0])
        found: list[Match] = []
        for score_, reason, group in scored:  # fields written alike share one score: expand only the best
            for other in group:
                if other.ref is None or other.ref != spec.ref:
                    found.append(Match(ref=other.ref, score=score_, reason=reason))
            if len(found) >= limit:
                break
        return found[:limit]
