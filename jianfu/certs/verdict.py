"""The verdict on a certificate someone is asked for (「开个无犯罪证明」): may the community issue
it, on what basis; if not, what replaces it and how to report the agency that demands it.

One function for the public page, ``GET /api/v1/certificates/verdict``, the register's refusal
and the case a demand opens. Which list item the words mean is decided by the dispatch gate's
certificate logic (``_match``), so the verdict page and the gate can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jianfu.catalog.choices import Category, CertKind
from jianfu.catalog.models import ListItem
from jianfu.dispatch import gate
from jianfu.matching.text import demands_certificate
from jianfu.orgs.models import Org

from .choices import RULE_ADVICE, RefusalRule, VerdictKind
from .models import CommitmentTemplate

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


def _as_demand(text: str) -> str:
    """The words as the gate reads a demand: 「证明我和我妈是母子」 (证明 as a verb: "prove that…")
    → 「开具我和我妈是母子证明」; a bare name 「无犯罪记录」 → 「要求社区开具无犯罪记录证明」."""
    text = text.strip()
    if text.startswith("证明") and len(text) > 3:
        return f"开具{text[2:]}证明"
    return text if demands_certificate(text) else f"要求社区开具{text}证明"


def _match(owner: Org, text: str) -> tuple[ListItem | None, list[dict[str, Any]]]:
    """The certificate item of ``owner``'s current lists that ``text`` means, and the candidates.

    The gate decides (``dispatch.gate.check``): the words are put to it as a task demanding that
    certificate, and its certificate verdict (``certificate_kind`` and the item) is taken as it is
    — the shared matcher, the county's synonym lexicon and the same thresholds — so the verdict
    page and the gate can never disagree. Anything else the gate finds (a listed task, a negative
    item) is not a certificate of the lists: unlisted."""
    asked = _as_demand(text)
    result = gate.check(owner, title=asked, owner=owner)
    matches = [
        {"code": m["code"], "title": m["title"], "score": m["score"]}
        for m in result.matches
        if m["category"] == Category.CERTIFICATE
    ]
    item = result.list_item
    if result.certificate_kind is None or item is None or item.category != Category.CERTIFICATE:
        return None, matches
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
