"""The verdict on a certificate someone is asked for (「开个无犯罪证明」): may the community issue
it, on what basis; if not, what replaces it and how to report the agency that demands it.

One function for the public page, ``GET /api/v1/certificates/verdict``, the register's refusal
and the case a demand opens. Which list item the words mean is decided by ``_match`` — the
adapter to the shared certificate logic (see docs/certificates.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jianfu.admission.similarity import index_for, tokens
from jianfu.catalog.choices import Category, CertKind
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_version
from jianfu.orgs.models import Org

from .choices import RULE_ADVICE, RefusalRule, VerdictKind
from .models import CommitmentTemplate

# A certificate item counts as meant when the words score at least this (TF-IDF cosine).
MATCH_THRESHOLD = 0.3
# Everyday words for a certificate, mapped to the words of the lists (before matching).
PARAPHRASES: dict[str, str] = {
    "无犯罪": "无犯罪记录证明",
    "犯罪记录": "无犯罪记录证明",
    "母子": "亲属关系证明",
    "母女": "亲属关系证明",
    "父子": "亲属关系证明",
    "父女": "亲属关系证明",
    "亲子关系": "亲属关系证明",
    "夫妻关系": "亲属关系证明",
    "我妈": "亲属关系",
    "我爸": "亲属关系",
    "活着": "健在证明",
    "在世": "健在证明",
    "还健在": "健在证明",
    "住在": "居住证明",
    "住址": "居住证明",
    "单身": "婚姻状况证明",
    "未婚": "婚姻状况证明",
    "离婚": "婚姻状况证明",
    "结婚": "婚姻状况证明",
    "房子是": "房屋产权归属证明",
    "房产": "房屋产权归属证明",
    "没有房": "无房证明",
    "收入": "家庭收入证明",
    "工资": "家庭收入证明",
    "低保": "申请社会救助情况证明",
    "困难": "申请社会救助情况证明",
    "志愿者": "志愿服务证明",
    "继承": "遗产继承债权债务带有法律或经济责任的证明",
    "欠别人": "遗产继承债权债务带有法律或经济责任的证明",
    "欠钱": "遗产继承债权债务带有法律或经济责任的证明",
    "欠款": "遗产继承债权债务带有法律或经济责任的证明",
    "债务": "遗产继承债权债务带有法律或经济责任的证明",
    "开店": "经营场所证明",
    "门面": "经营场所证明",
}
RULE_BASIS = "社区只出具清单所列证明；凡能通过网上核验、部门间核查的，不得要求群众开具证明；其余可以告知承诺替代。"


@dataclass
class CertVerdict:
    kind: str
    query: str
    item: ListItem | None = None
    template: CommitmentTemplate | None = None
    matches: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(VerdictKind(self.kind).label)

    @property
    def refusal_rule(self) -> str:
        return RefusalRule.FORBIDDEN if self.kind == VerdictKind.FORBIDDEN else RefusalRule.UNLISTED

    @property
    def basis(self) -> str:
        if self.item is None:
            return _("本县证明事项清单中没有这项证明。") + RULE_BASIS
        where = f"{self.item.code} {self.item.title}"
        return f"{where}：{self.item.basis}" + (f"（{self.item.doc_number}）" if self.item.doc_number else "")

    @property
    def checker(self) -> str:
        """Who checks it instead (for a forbidden certificate, the item's scope says so)."""
        if self.item is not None and self.kind == VerdictKind.FORBIDDEN:
            return self.item.scope or _("由有权机关依法核查或出具。")
        if self.template is not None and self.template.verifier:
            return self.template.verifier
        return ""

    @property
    def replacement(self) -> str:
        if self.kind == VerdictKind.ISSUE:
            return _("也可以书面告知承诺代替，由办事单位事后核查。") if self.template else ""
        steps = [_("办事单位通过网上查询或部门间核查取得"), _("由有权机关或第三方核查")]
        if self.template is not None:
            steps.append(_("本人签署告知承诺书"))
        return " → ".join(steps)

    @property
    def advice(self) -> str:
        return "" if self.kind == VerdictKind.ISSUE else str(RULE_ADVICE[self.refusal_rule])

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "query": self.query,
            "may_issue": self.kind == VerdictKind.ISSUE,
            "item_code": self.item.code if self.item else None,
            "item_title": self.item.title if self.item else None,
            "basis": self.basis,
            "rule": str(RefusalRule(self.refusal_rule).label) if self.kind != VerdictKind.ISSUE else _("证明事项清单"),
            "checker": self.checker,
            "replacement": self.replacement,
            "advice": self.advice,
            "template_code": self.template.item_code if self.template else None,
            "matches": self.matches,
        }


def expand(text: str) -> str:
    extra = [v for k, v in PARAPHRASES.items() if k in text]
    return " ".join([text, *extra])


def _match(owner: Org, text: str) -> tuple[ListItem | None, list[dict[str, Any]]]:
    """The certificate item of ``owner``'s current lists that ``text`` means, and the candidates.

    Adapter: matches against the current version's certificate items with the lists' TF-IDF index
    (admission.similarity, the index the gate uses)."""
    version = current_version(owner)
    if version is None:
        return None, []
    ranked = index_for(version).query(tokens(expand(text)), categories={Category.CERTIFICATE}, limit=5)
    matches = [{"code": i.code, "title": i.title, "score": s} for i, s in ranked if s > 0]
    best = next((i for i, s in ranked if s >= MATCH_THRESHOLD), None)
    item = ListItem.objects.filter(pk=best.pk).first() if best is not None else None
    return item, matches


def verdict(owner: Org, text: str) -> CertVerdict:
    """The verdict on ``text`` (a certificate asked for) under ``owner``'s (a county's) lists."""
    item, matches = _match(owner, text)
    if item is None:
        kind = VerdictKind.UNLISTED
    elif item.cert_kind == CertKind.FORBIDDEN:
        kind = VerdictKind.FORBIDDEN
    else:
        kind = VerdictKind.ISSUE
    template = CommitmentTemplate.objects.filter(org=owner, item_code=item.code).first() if item else None
    return CertVerdict(kind=kind, query=text, item=item, template=template, matches=matches)


def verdict_for_refusal(refusal: Any) -> dict[str, Any]:
    """The verdict attached to a case opened from a refusal: the cited item, else the words."""
    from jianfu.catalog.selectors import list_owner_org

    owner = list_owner_org(refusal.community)
    if refusal.list_item is not None and refusal.list_item.cert_kind == CertKind.FORBIDDEN:
        found = CertVerdict(kind=VerdictKind.FORBIDDEN, query=refusal.request, item=refusal.list_item)
    elif owner is not None:
        found = verdict(owner, refusal.request)
    else:
        found = CertVerdict(kind=VerdictKind.UNLISTED, query=refusal.request)
    out = found.as_dict()
    out["rule"] = f"{RefusalRule(refusal.rule).label}；{out['rule']}"
    return out
