"""Weighing matches: the strongest evidence wins, a close call says so.

``weigh(index, text)`` ranks the list against a task text and sorts the evidence into
*refusing* (negative-list items, and — when the text demands a certificate — certificates the
committees must not issue) and *supporting* (every other item; kept certificates only when a
certificate is demanded). ``Evidence.outcome`` is then one of:

- ``negative``: a refusing match at least ``STRONG`` that beats the best supporting match by
  ``MARGIN``, or that the supporting item does not account for (the task is about a listed topic
  *and* demands something forbidden, e.g. a 责任书 about 禁毒);
- ``listed``: a supporting match at least ``STRONG`` that beats the best refusing match by
  ``MARGIN`` — a weak negative never overrides a strong listed match;
- ``review`` (待人工研判): both strong and within ``MARGIN`` of each other, or only a weak
  refusing match (``WEAK`` ≤ score < ``STRONG``) and nothing listed;
- ``none``: nothing strong enough.

Certificates: when the task demands one (证明/开具/出具/盖章…), the certificate named just before
「证明」 is matched against the certificate items and decides alone: forbidden → ``negative``,
kept → ``listed``, both close → ``review``.

Who is responsible: negative items are work the community must never be the *responsible
subject* of (seed 004). A task that makes it responsible (负责、牵头、拆除、查处、检查、签订…)
strengthens a negative match by ``RESPONSIBLE_BOOST``; one that only asks for the community's
non-professional part (发现报告、宣传、劝导、动员) weakens it by ``ASSIST_FACTOR``.

The thresholds are calibrated on ``bench/gate_devset`` (tune split; the holdout split is only
reported): ``./jianfu.sh bench gate_accuracy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jianfu.catalog.choices import Category, CertKind

from .index import Match, VersionIndex
from .text import demands_certificate

STRONG = 0.5  # a phrase of the item is met in full, or nearly, and specifically
WEAK = 0.3  # part of a negative phrase is met: a human should look
CERT = 0.45  # a demanded certificate named by a certificate item
MARGIN = 0.12  # how much the winner must lead by
FIT = 0.3  # a named list item must match the task at least this well
RESPONSIBLE_BOOST = 0.1
ASSIST_FACTOR = 0.6

RESPONSIBLE = re.compile(
    r"负责|牵头|责任人|责任主体|包干|包保|拆除|查处|处罚|清理|整治|实施|签订|任务|代收|代征|收缴|检查|"
    r"考核|考评|排名|抽调|借调|稳控|腾退|签约|执法"
)
ASSIST = re.compile(r"发现|报告|劝导|劝阻|宣传|告知|动员|提醒|引导")
_DEMAND_CUT = re.compile(r".*(?:开具|出具|提供|补办|开|需|须|要求|的|为)")

NEGATIVE, LISTED, REVIEW, NONE = "negative", "listed", "review", "none"


def is_refusing(item: object) -> bool:
    category = getattr(item, "category", "")
    return category == Category.NEGATIVE or (
        category == Category.CERTIFICATE and getattr(item, "cert_kind", "") == CertKind.FORBIDDEN
    )


def demanded_certificates(text: str) -> list[str]:
    """The certificates a text names: the words just before each 「证明」 (「开具无犯罪记录证明」 →
    「无犯罪记录」, 「出具与其父亲的父子关系证明」 → 「父子关系」)."""
    out = []
    for m in re.finditer("证明", text or ""):
        before = re.split(r"[，,。；;、\s：:（(]", text[max(0, m.start() - 20) : m.start()])[-1]
        before = _DEMAND_CUT.sub("", before)
        if len(before) >= 2:
            out.append(before + "证明")
    return out


@dataclass
class Evidence:
    ranked: list[Match] = field(default_factory=list)
    refusing: Match | None = None
    supporting: Match | None = None
    certificate: bool = False  # the task demands a certificate
    by_certificate: bool = False  # the certificate items decided
    explained: bool = True  # the supporting item accounts for the refusing match's words
    adjust: float = 0.0  # responsibility boost (+) or assist discount (factor - 1, applied)

    @property
    def refusing_score(self) -> float:
        return self.refusing.score if self.refusing else 0.0

    @property
    def supporting_score(self) -> float:
        return self.supporting.score if self.supporting else 0.0

    @property
    def outcome(self) -> str:
        neg, pos = self.refusing_score, self.supporting_score
        floor = CERT if self.by_certificate else STRONG
        neg_strong, pos_strong = neg >= floor, pos >= floor
        if neg_strong and pos_strong:
            if neg - pos >= MARGIN or (not self.explained and not self.by_certificate):
                return NEGATIVE
            if pos - neg >= MARGIN:
                return LISTED
            return REVIEW
        if neg_strong:
            return NEGATIVE
        if pos_strong:
            return LISTED
        if neg >= WEAK:
            return REVIEW
        return NONE

    @property
    def confidence(self) -> float:
        """How sure the outcome is (0..1): the winner's score, less the runner-up's for a contest."""
        neg, pos = self.refusing_score, self.supporting_score
        outcome = self.outcome
        if outcome == NEGATIVE:
            return round(min(1.0, neg - 0.5 * max(0.0, pos - WEAK)), 2)
        if outcome == LISTED:
            return round(min(1.0, pos - 0.5 * max(0.0, neg - WEAK)), 2)
        if outcome == REVIEW:
            return round(abs(neg - pos) / 2, 2)
        return round(1.0 - max(neg, pos), 2)


def _first(matches: list[Match], refusing: bool) -> Match | None:
    return next((m for m in matches if is_refusing(m.item) == refusing), None)


def _certificates(index: VersionIndex, text: str) -> list[Match]:
    """Certificate items ranked against the certificates the text names; the whole text when it
    names none (or none that a certificate item matches)."""
    best: dict[str, Match] = {}
    for phrase in demanded_certificates(text):
        for m in index.rank(phrase, limit=None, category=Category.CERTIFICATE):
            if m.item.code not in best or m.score > best[m.item.code].score:
                best[m.item.code] = m
    ranked = sorted(best.values(), key=lambda m: m.score, reverse=True)
    if not ranked or ranked[0].score < CERT:
        ranked = index.rank(text, limit=None, category=Category.CERTIFICATE)
    return ranked


def weigh(index: VersionIndex | None, text: str) -> Evidence:
    if index is None:
        return Evidence()
    cert = demands_certificate(text)
    ranked = [m for m in index.rank(text) if m.item.category != Category.CERTIFICATE]
    ev = Evidence(certificate=cert)
    if cert:
        certs = _certificates(index, text)
        if certs and certs[0].score >= CERT:
            ev.ranked, ev.by_certificate = certs + ranked, True
            ev.refusing, ev.supporting = _first(certs, True), _first(certs, False)
            return ev
        ranked = sorted(ranked + certs, key=lambda m: m.score, reverse=True)
    ev.ranked = ranked
    ev.refusing, ev.supporting = _first(ranked, True), _first(ranked, False)
    if ev.refusing is not None and ev.refusing.item.category == Category.NEGATIVE:
        if RESPONSIBLE.search(text):
            ev.adjust = RESPONSIBLE_BOOST
        elif ASSIST.search(text):
            ev.adjust = -(1 - ASSIST_FACTOR) * ev.refusing.score
        if ev.adjust:
            r = ev.refusing
            ev.refusing = Match(r.item, round(max(0.0, min(1.0, r.score + ev.adjust)), 3), r.phrase, r.matched)
    if ev.refusing is not None and ev.supporting is not None:
        ev.explained = ev.refusing.matched <= index.concepts_of(ev.supporting.item)
    return ev


def fit_score(index: VersionIndex | None, text: str, code: str) -> float:
    """How well the task ``text`` matches the item ``code`` (0 when it shares nothing)."""
    if index is None:
        return 0.0
    return next((m.score for m in index.rank(text, limit=None) if m.item.code == code), 0.0)
