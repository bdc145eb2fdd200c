"""Chinese text similarity against a published list version (jieba tokens, TF-IDF cosine).

Published versions are immutable, so each version's index is built once and cached by version id
(per process). A query walks an inverted index, so it costs a few dictionary look-ups per token
rather than a pass over every item: well under a millisecond for 2,000 items.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TypedDict

import jieba

from jianfu.catalog.models import ListItem, ListVersion

# Words that say nothing about *which* work is meant: administrative filler, the community
# itself, and function words. Without them "社区协助开展…工作" matches everything.
STOP_WORDS = frozenset(
    """
    的 了 和 与 及 或 等 在 对 为 由 将 把 被 是 有 无 各 其 该 本 此 并 及其 以及 有关 相关 关于 按照 根据 依据
    进行 开展 做好 加强 组织 落实 推进 实施 负责 协助 配合 参与 工作 事项 任务 情况 要求 方面 规定 管理 服务
    社区 村 居委会 村委会 居民委员会 村民委员会 社区居委会 辖区 本县 全县 县 乡镇 街道 部门 单位 人员 一次
    每年 每月 每季度 每周 定期 不定期 及时 按时 上报 报送 填报 统计 汇总 日常 相应 具体 一般 主要 其他 以上 以下
    责任 主体 责任主体 不作为 不得 不应 名义 承担 职责 牵头 由 需 须 应当
    """.split()
)
TOKEN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_jieba_lock = threading.Lock()
_jieba_ready = False


def _ensure_jieba() -> None:
    global _jieba_ready
    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(60)
                jieba.initialize()
                _jieba_ready = True


def tokens(text: str) -> list[str]:
    """Content words of ``text``: jieba tokens without stop words, punctuation or single
    characters (which are mostly particles in this register)."""
    _ensure_jieba()
    out = []
    for tok in jieba.lcut(text or ""):
        tok = tok.strip().lower()
        if len(tok) < 2 or tok in STOP_WORDS or not TOKEN_RE.search(tok) or tok.isdigit():
            continue
        out.append(tok)
    return out


def _weights(toks: list[str], idf: dict[str, float], default_idf: float) -> dict[str, float]:
    tf: dict[str, float] = {}
    for t in toks:
        tf[t] = tf.get(t, 0.0) + 1.0
    vec = {t: (1.0 + math.log(n)) * idf.get(t, default_idf) for t, n in tf.items()}
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {t: w / norm for t, w in vec.items()}


def item_text(title: str, scope: str = "", process: str = "") -> list[str]:
    # The title says what the work is; it counts twice against scope and process.
    return tokens(title) * 2 + tokens(scope) + tokens(process)


class ItemRow(TypedDict):
    """The columns of a list item the index is built from."""

    pk: int
    code: str
    title: str
    category: str
    scope: str
    process: str
    basis: str


@dataclass(frozen=True)
class IndexedItem:
    pk: int
    code: str
    title: str
    category: str
    basis: str


@dataclass
class VersionIndex:
    """TF-IDF vectors of one version's items and an inverted index token → [(item, weight)]."""

    items: list[IndexedItem]
    idf: dict[str, float]
    default_idf: float
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: list[ItemRow]) -> VersionIndex:
        docs = [item_text(r["title"], r.get("scope", ""), r.get("process", "")) for r in rows]
        n = len(docs)
        df: dict[str, int] = {}
        for doc in docs:
            for t in set(doc):
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        default_idf = math.log(n + 1) + 1.0
        index = cls(
            items=[IndexedItem(r["pk"], r["code"], r["title"], r["category"], r.get("basis", "")) for r in rows],
            idf=idf,
            default_idf=default_idf,
        )
        for i, doc in enumerate(docs):
            for t, w in _weights(doc, idf, default_idf).items():
                index.postings.setdefault(t, []).append((i, w))
        return index

    def query(
        self,
        text_tokens: list[str],
        *,
        categories: set[str] | None = None,
        exclude: set[str] | None = None,
        limit: int = 5,
    ) -> list[tuple[IndexedItem, float]]:
        """Items most similar to the query tokens, best first, as (item, cosine in 0..1)."""
        vec = _weights(text_tokens, self.idf, self.default_idf)
        scores: dict[int, float] = {}
        for t, qw in vec.items():
            for i, w in self.postings.get(t, ()):
                scores[i] = scores.get(i, 0.0) + qw * w
        ranked = []
        for i, s in sorted(scores.items(), key=lambda kv: kv[1], reverse=True):
            item = self.items[i]
            if categories is not None and item.category not in categories:
                continue
            if exclude is not None and item.category in exclude:
                continue
            ranked.append((item, round(min(s, 1.0), 3)))
            if len(ranked) >= limit:
                break
        return ranked


_CACHE: OrderedDict[int, VersionIndex] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 32


def index_for(version: ListVersion) -> VersionIndex:
    """The cached index of a published version (a draft is indexed afresh every time)."""
    if not version.is_published:
        return VersionIndex.build(_rows(version))
    with _CACHE_LOCK:
        cached = _CACHE.get(version.pk)
        if cached is not None:
            _CACHE.move_to_end(version.pk)
            return cached
    built = VersionIndex.build(_rows(version))
    with _CACHE_LOCK:
        _CACHE[version.pk] = built
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def _rows(version: ListVersion) -> list[ItemRow]:
    return list(
        ListItem.objects.filter(version=version)
        .order_by("sort_order", "code")
        .values("pk", "code", "title", "category", "scope", "process", "basis")
    )


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
