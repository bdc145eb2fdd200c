"""Weighing matches: the strongest evidence wins, a close call says so.

``weigh(index, text)`` ranks the list against a task text and sorts the evidence into
*refusing* (negative-list items, and — when the text demands a certificate — certificates the
committees must not issue) and *supporting* (every other item; kept certificates only when a
certificate is demanded). ``Evidence.outcome`` is then one of:

- ``negative``: a refusing match at least ``STRONG`` that beats the best supporting match by
  ``MARGIN`` (a forbidden certificate counts from ``CERT``);
- ``listed``: a supporting match at least ``STRONG`` that beats the best refusing match by
  ``MARGIN`` — a weak negative never overrides a strong listed match;
- ``review`` (待人工研判): both strong and within ``MARGIN`` of each other, or only a weak
  refusing match (``WEAK`` ≤ score < ``STRONG``) and nothing listed;
- ``none``: nothing strong enough.

The thresholds are calibrated on ``bench/gate_devset`` (tune split; the holdout split is only
reported): ``./jianfu.sh bench gate_accuracy``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jianfu.catalog.choices import Category, CertKind

from .index import Match, VersionIndex
from .text import demands_certificate

STRONG = 0.5  # a phrase of the item is met in full, or nearly, and specifically
WEAK = 0.3  # part of a negative phrase is met: a human should look
CERT = 0.45  # a demanded certificate named by a certificate item
MARGIN = 0.12  # how much the winner must lead by
FIT = 0.3  # a named list item must match the task at least this well

NEGATIVE, LISTED, REVIEW, NONE = "negative", "listed", "review", "none"


def is_refusing(item: object) -> bool:
    category = getattr(item, "category", "")
    return category == Category.NEGATIVE or (
        category == Category.CERTIFICATE and getattr(item, "cert_kind", "") == CertKind.FORBIDDEN
    )


@dataclass
class Evidence:
    ranked: list[Match] = field(default_factory=list)
    refusing: Match | None = None
    supporting: Match | None = None
    certificate: bool = False

    @property
    def refusing_score(self) -> float:
        return self.refusing.score if self.refusing else 0.0

    @property
    def supporting_score(self) -> float:
        return self.supporting.score if self.supporting else 0.0

    @property
    def outcome(self) -> str:
        neg, pos = self.refusing_score, self.supporting_score
        neg_strong = self.refusing is not None and neg >= (
            CERT if self.refusing.item.category == Category.CERTIFICATE else STRONG
        )
        pos_strong = pos >= STRONG
        if neg_strong and pos_strong:
            if neg - pos >= MARGIN:
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


def weigh(index: VersionIndex | None, text: str) -> Evidence:
    if index is None:
        return Evidence()
    cert = demands_certificate(text)
    ranked = [
        m for m in index.rank(text) if m.item.category != Category.CERTIFICATE or cert
    ]  # a certificate item counts only when the task demands a certificate
    ev = Evidence(ranked=ranked, certificate=cert)
    for m in ranked:
        if is_refusing(m.item):
            if ev.refusing is None:
                ev.refusing = m
        elif ev.supporting is None:
            ev.supporting = m
        if ev.refusing is not None and ev.supporting is not None:
            break
    return ev


def fit_score(index: VersionIndex | None, text: str, code: str) -> float:
    """How well the task ``text`` matches the item ``code`` (0 when it shares nothing)."""
    if index is None:
        return 0.0
    return next((m.score for m in index.rank(text) if m.item.code == code), 0.0)
