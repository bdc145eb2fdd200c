"""Automatic pre-check (自动预审) of an application, run on submission.

Each finding (``jianfu.core.findings.Finding``: rule, message, severity, citation) cites the rule
it comes from, so applicant and reviewers see *why*. Severity ``block`` stops submission (a
negative-list match, 协助 work without funding); ``warn`` asks the reviewers to look; ``info``
reports a clean check. Matching is ``jianfu.matching`` (the gate's matcher): phrase by phrase,
through the county's synonym lexicon.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypedDict

from django.conf import settings

from jianfu.catalog.choices import Category
from jianfu.catalog.models import ListVersion
from jianfu.catalog.selectors import current_version, list_owner_org
from jianfu.core.findings import Finding
from jianfu.matching import evidence
from jianfu.matching.index import Match, index_for

# Thresholds on the matcher's phrase score (jianfu.matching.evidence, calibrated on
# bench/gate_devset): a negative phrase met from WEAK blocks submission (a human decides on the
# application anyway); a listed item from SIMILAR is close, from STRONG the same work.
NEGATIVE_THRESHOLD = evidence.WEAK
SIMILAR_THRESHOLD = 0.4
DUPLICATE_THRESHOLD = evidence.STRONG

RULE_NEGATIVE = "负面清单：不应由社区组织承担的事项一律不得转嫁社区"
RULE_SIMILAR = "清单动态调整：相同相近事项合并，已有事项不重复准入"
RULE_FUNDING = "权随责走、费随事转：协助事项须同步落实工作经费"
RULE_SUBJECT = "社区不作为行政执法、拆迁拆违、环境整治、城市管理、招商引资等工作的责任主体"
RULE_BURDEN = "社区减负：新增事项负担超过阈值须重点审议"

# Work a community may help with but never be responsible for (seed 004; DOMAIN.md list 4).
SUBJECT_KEYWORDS = ("执法", "拆迁", "拆违", "违建", "整治", "招商", "引资", "城市管理", "城管")
RESPONSIBLE_WORDS = ("负责", "牵头", "责任主体", "主体责任", "承担", "具体实施", "组织实施", "包干", "考核")


def burden_threshold() -> Decimal:
    return Decimal(str(settings.ADMISSION_BURDEN_THRESHOLD_HOURS))


def _finding(rule: str, severity: str, message: str, citation: str = "", **extra: Any) -> dict[str, Any]:
    return Finding(rule, message, severity, citation, extra).as_dict()


class ListMatches(TypedDict):
    negative: list[Match]
    other: list[Match]
    version: ListVersion | None


def match_lists(org: Any, text: str, *, limit: int = 5) -> ListMatches:
    """Negative-list and other items of the current published lists most similar to ``text``."""
    owner = list_owner_org(org)
    version = current_version(owner) if owner else None
    if version is None:
        return {"negative": [], "other": [], "version": None}
    ranked = evidence.weigh(index_for(version), text).ranked
    refusing = [m for m in ranked if evidence.is_refusing(m.item)]
    return {
        "negative": refusing[:limit],
        "other": [m for m in ranked if not evidence.is_refusing(m.item)][:limit],
        "version": version,
    }


def subject_problem(title: str, description: str) -> str | None:
    """The 执法/拆迁/整治/招商 word the text makes the community responsible for, if any."""
    text = f"{title}\n{description}"
    hit = next((k for k in SUBJECT_KEYWORDS if k in text), None)
    if hit is None:
        return None
    if any(w in text for w in RESPONSIBLE_WORDS):
        return hit
    return None


def precheck(application: Any) -> list[dict[str, Any]]:
    """Every finding for ``application`` (an Application, saved or not)."""
    findings: list[dict[str, Any]] = []
    text = f"{application.title}\n{application.description}"
    matches = match_lists(application.applicant_org, text)

    for item, score in matches["negative"]:
        if score >= NEGATIVE_THRESHOLD:
            findings.append(
                _finding(
                    RULE_NEGATIVE,
                    "block",
                    f"与负面清单事项“{item.code} {item.title}”相符（相似度 {score:.2f}），该类工作不得交由社区承担。",
                    item.basis,
                    item_code=item.code,
                    item_title=item.title,
                    score=score,
                )
            )
    for item, score in matches["other"]:
        if score >= SIMILAR_THRESHOLD:
            same = score >= DUPLICATE_THRESHOLD
            findings.append(
                _finding(
                    RULE_SIMILAR,
                    "warn",
                    (
                        f"与现有清单事项“{item.code} {item.title}”{'基本相同' if same else '相近'}"
                        f"（相似度 {score:.2f}），建议直接依托该事项开展，不再新增准入。"
                    ),
                    item_code=item.code,
                    item_title=item.title,
                    score=score,
                )
            )
    if application.category == Category.ASSIST and (not application.funding_amount or not application.funding_source):
        findings.append(_finding(RULE_FUNDING, "block", "协助事项未落实工作经费或未注明经费来源。"))
    word = subject_problem(application.title, application.description)
    if word:
        findings.append(
            _finding(
                RULE_SUBJECT,
                "warn",
                f"事项涉及“{word}”，且表述要求社区负责或牵头；社区只能协助（宣传、劝导、发现报告），不能作为责任主体。",
            )
        )
    hours = application.hours_per_community
    limit = burden_threshold()
    if hours > limit:
        findings.append(
            _finding(
                RULE_BURDEN,
                "warn",
                f"每个社区每年新增约 {hours} 小时，超过 {limit} 小时的阈值；"
                f"涉及 {application.affected_count} 个社区，合计约 {application.hours_total} 小时。",
            )
        )
    if not findings:
        findings.append(_finding("自动预审", "info", "未发现负面清单、重复事项、经费或负担方面的问题。"))
    return findings
