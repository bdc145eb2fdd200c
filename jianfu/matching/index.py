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

import datetime as dt
import logging
import math
import os
import pickle
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
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


class IndexedItem(NamedTuple):
    """One list item as the index knows it (a tuple: cheap to store in and load from a snapshot)."""

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
class VersionIndex:
    """Phrases with the same concepts score the same, so they are scored once per concept set (a
    *signature*): a province's 10,000 items hold about 30,000 phrases but under 1,000 signatures,
    and a query touches signatures, not phrases. The index is plain lists, dicts and tuples, so a
    stored snapshot loads fast in a process that has not built it."""

    items: list[IndexedItem]
    idf: dict[str, float]
    default_idf: float
    lexicon: Lexicon
    phrase_text: list[str] = field(default_factory=list)
    sig_weights: list[dict[str, float]] = field(default_factory=list)
    sig_total: list[float] = field(default_factory=list)
    # signature → (item index, phrase index) of its phrases, in phrase order (item order)
    sig_members: list[list[tuple[int, int]]] = field(default_factory=list)
    sig_postings: dict[str, list[int]] = field(default_factory=dict)  # concept → signatures
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
        index = cls(items=items, idf=idf, default_idf=default_idf, lexicon=lexicon)
        index.item_concepts = [frozenset(c for _t, cs in item_phrases for c in cs) for item_phrases in raw]
        sig_of: dict[frozenset[str], int] = {}
        for i, item_phrases in enumerate(raw):
            for text, cs in item_phrases:
                if not cs:
                    continue
                key = frozenset(cs)
                sig = sig_of.get(key)
                if sig is None:
                    sig = sig_of[key] = len(index.sig_weights)
                    weights = {c: idf[c] for c in cs}
                    index.sig_weights.append(weights)
                    index.sig_total.append(sum(weights.values()))
                    index.sig_members.append([])
                    for c in weights:
                        index.sig_postings.setdefault(c, []).append(sig)
                index.sig_members[sig].append((i, len(index.phrase_text)))
                index.phrase_text.append(text)
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

    def rank(self, text: str, *, limit: int | None = 40, category: str | None = None) -> list[Match]:
        """Items sharing a concept with ``text``, best first, with their best phrase: the top
        ``limit`` (None: all), plus the best negative-list item and the best certificate when they
        rank lower, so the gate always sees the strongest evidence on each side. ``category``
        keeps only items of that category. Equal scores keep list order."""
        q = self.query_concepts(text)
        if not q:
            return []
        q_total = sum(self.idf.get(c, self.default_idf) for c in q) or 1.0
        matched: dict[int, float] = {}
        weights = self.sig_weights
        for c in q:
            for sig in self.sig_postings.get(c, ()):
                matched[sig] = matched.get(sig, 0.0) + weights[sig][c]
        rare, totals, members = self.rare, self.sig_total, self.sig_members
        scored = []
        for sig, m in matched.items():
            score = (
                (m / totals[sig])
                * (m / rare if m < rare else 1.0)
                * (0.8 + 0.2 * (m / q_total if m < q_total else 1.0))
            )
            scored.append((-score, members[sig][0][1], sig))
        scored.sort()
        # Walk signatures best first: an item's first appearance is its best phrase.
        items, seen = self.items, set()
        head: list[tuple[int, float, int, int]] = []
        extras = {"negative", "certificate"}
        full = False
        for neg_score, _first, sig in scored:
            for i, p in members[sig]:
                if i in seen:
                    continue
                seen.add(i)
                item_category = items[i].category
                if category is not None and item_category != category:
                    continue
                if not full:
                    head.append((i, -neg_score, p, sig))
                    extras.discard(item_category)
                    full = limit is not None and len(head) >= limit
                elif item_category in extras:  # the best of a side the head lacks
                    head.append((i, -neg_score, p, sig))
                    extras.discard(item_category)
            if full and not extras:
                break
        qset = set(q)
        return [
            Match(
                items[i],
                round(min(score, 1.0), 3),
                self.phrase_text[p],
                frozenset(qset.intersection(weights[sig])),
            )
            for i, score, p, sig in head
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
# Versions kept in memory per process (a county's list is a few hundred kB; a province's 10,000
# items a few MB): enough for every county of a province on one server.
CACHE_SIZE = int(os.environ.get("JIANFU_GATE_CACHE", "128"))
logger = logging.getLogger(__name__)


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
    published = version.published_at.isoformat() if version.published_at else ""
    key = (version.pk, f"{SNAPSHOT_FORMAT}:{lexicon.stamp}@{published}")
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


# Bump when VersionIndex's stored shape changes: snapshots of another format are rebuilt once.
SNAPSHOT_FORMAT = "v2"
_STORED = ("idf", "default_idf", "phrase_text", "sig_weights", "sig_total", "sig_members", "sig_postings")


def _load_snapshot(version: ListVersion, key: str, lexicon: Lexicon) -> VersionIndex | None:
    row = IndexSnapshot.objects.filter(version=version, key=key).values_list("data", flat=True).first()
    if row is None:
        return None
    state = pickle.loads(bytes(row))  # noqa: S301 — written by _save_snapshot only
    index = VersionIndex(items=[IndexedItem(*t) for t in state.pop("items")], lexicon=lexicon, **state)
    return index


def _save_snapshot(version: ListVersion, key: str, index: VersionIndex) -> None:
    # Plain tuples, lists and dicts: no class to rebuild per object on load. The lexicon is the
    # county's, loaded on its own.
    state: dict[str, Any] = {name: getattr(index, name) for name in _STORED}
    state["items"] = [tuple(item) for item in index.items]
    state["item_concepts"] = index.item_concepts
    data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
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


def warm(since: dt.datetime | None = None) -> dt.datetime | None:
    """Load into this process the snapshots built after ``since`` (at start, ``None``: the current
    version of every list owner, up to the cache size), so that no user's check waits for one.
    Returns the time to pass next time."""
    snapshots = IndexSnapshot.objects.select_related("version").order_by("built_at")
    if since is None:
        current: dict[int, int] = {}
        for pk, org in (
            ListVersion.objects.filter(status=VersionStatus.PUBLISHED)
            .order_by("org_id", "-number")
            .values_list("pk", "org_id")
        ):
            current.setdefault(org, pk)
        snapshots = snapshots.filter(version_id__in=list(current.values())[:CACHE_SIZE])
    else:
        snapshots = snapshots.filter(built_at__gt=since)
    latest = since
    for snapshot in snapshots:
        index_for(snapshot.version)  # loads the snapshot (or finds it already in memory)
        latest = snapshot.built_at if latest is None or snapshot.built_at > latest else latest
    return latest if latest is not None else dt.datetime.now(dt.UTC)


def start_warmer(interval: float | None = None) -> threading.Thread | None:
    """A daemon thread of a server process that keeps the gate's indexes in memory: once at start,
    then every ``JIANFU_GATE_WARM_SECONDS`` (5; 0 turns it off) it loads the snapshots that a
    publication or a lexicon change built in any process since its last pass."""
    seconds = float(os.environ.get("JIANFU_GATE_WARM_SECONDS", "5")) if interval is None else interval
    if seconds <= 0:
        return None

    def loop() -> None:
        since: dt.datetime | None = None
        while True:
            try:
                since = warm(since)
            except Exception:  # the next pass tries again; a check still loads what it needs
                logger.exception("gate index warm-up failed")
            finally:
                connection.close()  # this thread's own connection; none held between passes
            time.sleep(seconds)

    thread = threading.Thread(target=loop, name="gate-index-warmer", daemon=True)
    thread.start()
    return thread


def _rows(version: ListVersion) -> list[dict[str, Any]]:
    return list(ListItem.objects.filter(version=version).order_by("sort_order", "code").values(*ROW_FIELDS))


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
        _LEX.clear()
        _FIELD_LEX.clear()
