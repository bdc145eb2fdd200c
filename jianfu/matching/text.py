"""Chinese text → the concepts a matcher compares (jieba tokens, the lexicon, clause splitting).

``Lexicon`` maps every alias to its standard term. ``concepts(text, lexicon)`` finds the lexicon's
terms first (longest first, so 「拆除违法建设」 is one concept, 拆违), then tokenises what is left with
jieba and drops stop words. ``clauses(text)`` splits a long list item into its matchable phrases at
punctuation, the joining words 和/及/与/或/以及 and the enumeration's 等: 「行政执法、拆迁拆违、
环境整治」 becomes three phrases, so a task about one of them is not diluted by the others.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import jieba

# Words that say nothing about *which* work is meant: administrative filler, the community
# itself, and function words. Without them "社区协助开展…工作" matches everything.
STOP_WORDS = frozenset(
    """
    的 了 和 与 及 或 等 在 对 为 由 将 把 被 是 有 无 各 其 该 本 此 并 及其 以及 有关 相关 关于 按照 根据 依据
    进行 开展 做好 加强 组织 落实 推进 实施 负责 协助 配合 参与 工作 事项 任务 情况 要求 方面 规定 管理 服务
    社区 村 居委会 村委会 居民委员会 村民委员会 社区居委会 辖区 本县 全县 县 乡镇 街道 部门 单位 人员 一次
    每年 每月 每季度 每周 定期 不定期 及时 按时 上报 报送 填报 统计 汇总 日常 相应 具体 一般 主要 其他 以上 以下
    责任 主体 责任主体 不作为 不得 不应 名义 承担 职责 牵头 由 需 须 应当 请 各 所 务必 确保 全面 切实 认真
    通知 本周 本月 今年 年底 前 之前 之后 月底 内 完成 反馈 报 交 到 于 从 向 给 以 就 一律 全部 所有 做到
    证明 开具 出具 盖章 加盖 公章 事宜 材料 提供 办理 申请人 居民 村民 群众 用于 相关者 同志 我局 我县
    各村 各社区 各镇 各乡镇 与其 其 为其 本人 某某 王某 李某 张某 辖区内 村组 小区 社区居民
    """.split()
)
TOKEN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
CLAUSE_SPLIT = re.compile(r"[，,；;。、/\\|（）()【】\[\]“”\"'‘’：:！!？?\n\r\t]+")
JOINERS = frozenset({"和", "及", "与", "或", "以及", "及其", "或者", "并", "并且", "同时"})
# 「遗产继承、债权债务等带有法律或经济责任的证明」: the words before 等 are examples of the category
# after it, and each example is a phrase of its own (jieba keeps 平等/等级/等待 as whole words).
ENUM_ENDS = frozenset({"等", "等等"})
# A task demands a certificate when it asks the committee to issue or stamp one.
CERT_CUE = re.compile(r"证明|开具|出具|盖章|加盖.{0,4}章|开证|签章|证实")

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


def split_terms(raw: str) -> list[str]:
    """A lexicon cell (「违章建筑、违法建设 违建」) as its terms."""
    return [t.strip() for t in re.split(r"[、，,；;\s/]+", raw or "") if t.strip()]


@dataclass
class Lexicon:
    """Standard term → aliases, and the compiled look-up every text goes through."""

    groups: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    stamp: str = "defaults"

    def __post_init__(self) -> None:
        self.term_map: dict[str, str] = {}
        for standard, aliases in self.groups:
            for term in (standard, *aliases):
                term = term.strip().lower()
                if len(term) >= 2 and term not in self.term_map:
                    self.term_map[term] = standard
        terms = sorted(self.term_map, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(t) for t in terms)) if terms else None

    def canonical(self, token: str) -> str:
        return self.term_map.get(token, token)


def concepts(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """The concepts of ``text``: lexicon terms as their standard term, then jieba content words
    of the rest (a lexicon term is never also split into its characters' words)."""
    text = (text or "").lower()
    found: list[str] = []
    if lexicon is not None and lexicon.pattern is not None:
        parts: list[str] = []
        last = 0
        for m in lexicon.pattern.finditer(text):
            found.append(lexicon.term_map[m.group(0)])
            parts.append(text[last : m.start()])
            last = m.end()
        parts.append(text[last:])
        text = "，".join(parts)
    rest = tokens(text)
    if lexicon is not None:
        rest = [lexicon.canonical(t) for t in rest]
    return found + rest


def clauses(text: str) -> list[str]:
    """The matchable phrases of a long item text (at least two characters each)."""
    _ensure_jieba()
    out: list[str] = []
    for part in CLAUSE_SPLIT.split(text or ""):
        current = ""
        for tok in jieba.lcut(part):
            if tok in JOINERS or tok in ENUM_ENDS:
                out.append(current)
                current = ""
            else:
                current += tok
        out.append(current)
    return [c.strip() for c in out if len(c.strip()) >= 2]


def demands_certificate(text: str) -> bool:
    return bool(CERT_CUE.search(text or ""))


def unique(seq: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(seq))
