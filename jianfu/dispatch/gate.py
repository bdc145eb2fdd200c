"""The dispatch gate (派发审查): is a proposed task on the lists, admitted, unlisted or forbidden?

One function for the send page, the send action and ``POST /api/v1/gate/check``, so a sender,
another government system and the community always see the same verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jianfu.admission.choices import AppState
from jianfu.admission.models import Application
from jianfu.admission.precheck import DUPLICATE_THRESHOLD, NEGATIVE_THRESHOLD, RULE_NEGATIVE
from jianfu.admission.similarity import index_for, tokens
from jianfu.catalog.choices import CATEGORY_SHORT, Category
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_version, list_owner_org
from jianfu.orgs.models import Org

from .choices import Verdict

RULE_UNLISTED = "未入工作事项清单的事项，社区一律不接（未经准入）"
RULE_LISTED = "清单内事项：社区依清单承接"
RULE_ADMITTED = "已经领导小组审议准入的事项"


@dataclass
class GateResult:
    verdict: str
    basis: str = ""
    list_item: ListItem | None = None
    application: Application | None = None
    matches: list[dict[str, Any]] = field(default_factory=list)
    rules: list[dict[str, str]] = field(default_factory=list)
    count: int = 0  # communities the send would reach; the send page's preview fills it in

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def needs_confirmation(self) -> bool:
        return self.verdict in (Verdict.UNLISTED, Verdict.NEGATIVE)

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "basis": self.basis,
            "list_item_code": self.list_item.code if self.list_item else None,
            "application_id": self.application.pk if self.application else None,
            "matches": self.matches,
            "rules": self.rules,
        }


def _match(item: Any, score: float) -> dict[str, Any]:
    return {
        "code": item.code,
        "title": item.title,
        "category": item.category,
        "category_label": str(CATEGORY_SHORT.get(Category(item.category), item.category)),
        "score": score,
    }


def check(
    target: Org,
    *,
    title: str,
    description: str = "",
    category: str = "",
    list_item_code: str = "",
    application: Application | None = None,
    owner: Org | None = None,
) -> GateResult:
    """The verdict for sending ``title``/``description`` to ``target`` (a community, township or
    county). The basis named by the sender counts first; then the text is matched against the
    current published lists: a negative-list match overrides everything, a near-identical listed
    item counts as the basis; otherwise the task is unlisted."""
    owner = owner or list_owner_org(target)
    version = current_version(owner) if owner else None
    result = GateResult(verdict=Verdict.UNLISTED)
    index = index_for(version) if version is not None else None
    toks = tokens(f"{title}\n{description}")

    negative = index.query(toks, categories={Category.NEGATIVE}, limit=3) if index else []
    others = index.query(toks, exclude={Category.NEGATIVE}, limit=5) if index else []
    result.matches = [_match(i, s) for i, s in sorted(negative + others, key=lambda m: m[1], reverse=True) if s > 0][:5]

    named_item = None
    if list_item_code and version is not None:
        named_item = ListItem.objects.filter(version=version, code=list_item_code).select_related("department").first()
    if named_item is not None and named_item.category == Category.NEGATIVE:
        result.verdict, result.list_item = Verdict.NEGATIVE, named_item
        result.basis = f"负面清单 {named_item.code} {named_item.title}"
        result.rules.append({"rule": RULE_NEGATIVE, "message": result.basis})
        return result

    hit = next(((i, s) for i, s in negative if s >= NEGATIVE_THRESHOLD), None)
    if hit is not None:
        item, _score = hit
        result.verdict = Verdict.NEGATIVE
        result.list_item = ListItem.objects.filter(pk=item.pk).first()
        result.basis = f"负面清单 {item.code} {item.title}（系统按内容比对认定）"
        result.rules.append(
            {"rule": RULE_NEGATIVE, "message": f"任务内容与负面清单事项“{item.code} {item.title}”相符。"}
        )
        return result

    if named_item is not None:
        result.verdict, result.list_item = Verdict.LISTED, named_item
        result.basis = f"清单事项 {named_item.code} {named_item.title}"
        result.rules.append({"rule": RULE_LISTED, "message": result.basis})
        return result
    if application is not None and application.state == AppState.APPROVED:
        result.verdict, result.application = Verdict.ADMITTED, application
        result.basis = f"准入申请 #{application.pk} {application.title}（{application.applicant_org.name}）"
        result.rules.append({"rule": RULE_ADMITTED, "message": result.basis})
        return result

    best = next(
        ((i, s) for i, s in others if s >= DUPLICATE_THRESHOLD and (not category or i.category == category)), None
    )
    if best is not None:
        item, _score = best
        result.verdict = Verdict.LISTED
        result.list_item = ListItem.objects.filter(pk=item.pk).first()
        result.basis = f"清单事项 {item.code} {item.title}（系统按内容比对认定）"
        result.rules.append({"rule": RULE_LISTED, "message": result.basis})
        return result

    result.rules.append(
        {"rule": RULE_UNLISTED, "message": "未找到清单依据或已批准的准入申请；社区可直接拒收，拒收将转入监督。"}
    )
    return result
