"""The dispatch gate (派发审查): is a proposed task on the lists, admitted, unlisted or forbidden?

One function for the send page, the send action, ``POST /api/v1/gate/check`` and the draft
scanner, so a sender, another government system and the community always see the same verdict.

Public API (kept stable for callers in other apps)::

    check(target, *, title, description="", category="", list_item_code="", application=None,
          owner=None, sender=None, recipients=None, today=None) -> GateResult
    GateResult: verdict, verdict_label, basis, list_item, application, matches, rules, findings,
                certificate_kind, confidence, needs_confirmation, as_dict()
    RULE_* constants (the rule texts findings cite)

Rules, in order (docs/gate.md):
1. A named basis must be real and fit. A list item code that is not in the current version, a
   negative item, a forbidden certificate, an application that is not approved, belongs to
   another department, is outside its dates or does not cover the recipients → 依据不符 (or
   负面清单 for a negative item / forbidden certificate), with the reason in Chinese.
   A named item whose text does not match the task (fit below ``evidence.FIT``) → 依据不符.
2. Otherwise the text is weighed against the lists (``jianfu.matching.evidence``): the strongest
   evidence wins; a certificate the task demands is judged by its kind (forbidden → 负面清单,
   kept → 在清单内); a close call or a weak negative alone → 待人工研判.
3. A fitting named basis stands unless a strong negative match beats it.
4. Nothing found → 未准入 (未入清单一律不接).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from jianfu.admission.choices import AppState, TargetScope
from jianfu.admission.models import Application
from jianfu.catalog.choices import CATEGORY_SHORT, AppliesTo, Category, CertKind
from jianfu.catalog.citations import cite
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_version, list_owner_org
from jianfu.core.findings import Finding, Severity
from jianfu.matching import evidence as ev
from jianfu.matching.index import Match, index_for
from jianfu.matching.text import concepts
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from .choices import NEEDS_CONFIRMATION, Verdict

RULE_UNLISTED = "未入工作事项清单的事项，社区一律不接（未经准入）"
RULE_LISTED = "清单内事项：社区依清单承接"
RULE_ADMITTED = "已经领导小组审议准入的事项"
RULE_NEGATIVE = "负面清单：不应由社区组织承担的事项一律不得转嫁社区"
RULE_CERT_FORBIDDEN = "不应由基层群众性自治组织出具的证明事项，不得要求社区出具"
RULE_CERT_KEPT = "社区可出具的证明事项（印章使用范围内）"
RULE_MISMATCH = "依据与任务内容不符：所引依据不能作为本任务的派发依据"
RULE_REVIEW = "待人工研判：比对结果不足以认定在清单内或属负面清单"


def _seed(key: str, region_code: str) -> str:
    """The policy document the rule ``key`` rests on, as the place's county cites it."""
    return cite(key, region_code).text


@dataclass
class GateResult:
    verdict: str
    basis: str = ""
    list_item: ListItem | None = None
    application: Application | None = None
    matches: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    certificate_kind: str | None = None
    confidence: float = 0.0
    count: int = 0  # communities the send would reach; the send page's preview fills it in

    @property
    def rules(self) -> list[dict[str, Any]]:
        return [f.as_dict() for f in self.findings]

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def needs_confirmation(self) -> bool:
        return self.verdict in NEEDS_CONFIRMATION

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "basis": self.basis,
            "list_item_code": self.list_item.code if self.list_item else None,
            "application_id": self.application.pk if self.application else None,
            "certificate_kind": self.certificate_kind,
            "confidence": self.confidence,
            "matches": self.matches,
            "rules": self.rules,
        }

    def _set(self, verdict: str, finding: Finding, *, basis: str = "") -> GateResult:
        self.verdict = verdict
        self.basis = basis or self.basis
        self.findings.insert(0, finding)
        return self


def _match(m: Match) -> dict[str, Any]:
    item = m.item
    return {
        "code": item.code,
        "title": item.title,
        "category": item.category,
        "category_label": str(CATEGORY_SHORT.get(Category(item.category), item.category)),
        "cert_kind": item.cert_kind or None,
        "score": m.score,
        "phrase": m.phrase,
    }


def _citation(item: Any) -> str:
    parts = [p for p in (getattr(item, "basis", ""), getattr(item, "source_ref", "")) if p]
    return "；".join(parts)


def _item(code: str, version: Any) -> ListItem | None:
    return ListItem.objects.filter(version=version, code=code).select_related("department").first()


def _refusal(result: GateResult, m: Match, version: Any) -> GateResult:
    """负面清单 by content: a negative item, or a forbidden certificate the task demands."""
    item = m.item
    result.list_item = _item(item.code, version)
    if item.category == Category.CERTIFICATE:
        result.certificate_kind = CertKind.FORBIDDEN
        return result._set(
            Verdict.NEGATIVE,
            Finding(RULE_CERT_FORBIDDEN, f"任务要求社区出具“{item.title}”（{item.code}），该证明不得要求社区出具"
                    f"（比对短语“{m.phrase}”）。社区可一键拒收。", Severity.BLOCK, _citation(item),
                    {"item_code": item.code, "score": m.score, "phrase": m.phrase}),
            basis=f"不得出具的证明 {item.code} {item.title}（系统按内容比对认定）",
        )  # fmt: skip
    citation = _citation(item) or _seed("gate.subject", version.region_code)
    return result._set(
        Verdict.NEGATIVE,
        Finding(RULE_NEGATIVE, f"任务内容与负面清单事项“{item.code} {item.title}”相符（比对短语“{m.phrase}”，"
                f"相似度 {m.score:.2f}）。", Severity.BLOCK, citation,
                {"item_code": item.code, "score": m.score, "phrase": m.phrase}),
        basis=f"负面清单 {item.code} {item.title}（系统按内容比对认定）",
    )  # fmt: skip


def _listed(result: GateResult, item: Any, version: Any, *, by_content: bool, m: Match | None = None) -> GateResult:
    if not isinstance(item, ListItem):
        item = _item(item.code, version)
    result.list_item = item
    assert item is not None
    if item.category == Category.CERTIFICATE:
        result.certificate_kind = item.cert_kind or CertKind.ALLOWED
    rule = RULE_CERT_KEPT if item.category == Category.CERTIFICATE else RULE_LISTED
    suffix = "（系统按内容比对认定）" if by_content else ""
    basis = f"清单事项 {item.code} {item.title}{suffix}"
    extra = {"item_code": item.code} | ({"score": m.score, "phrase": m.phrase} if m else {})
    return result._set(Verdict.LISTED, Finding(rule, basis, Severity.INFO, _citation(item), extra), basis=basis)


def _application_problem(app: Application, recipients: list[Org], sender: Org | None, today: dt.date) -> str:
    """Why an approved application cannot carry this send ("" when it can)."""
    if app.state != AppState.APPROVED:
        return f"准入申请 #{app.pk} 状态为“{app.get_state_display()}”，只有已批准的申请可以作为派发依据。"
    county = tree.county_code(app.region_code)
    if any(tree.county_code(r.region_code) != county for r in recipients):
        return f"准入申请 #{app.pk} 属于其他县（区），不能作为本次派发的依据。"
    if sender is not None and app.applicant_org_id != sender.pk:
        return f"准入申请 #{app.pk} 由{app.applicant_org.name}申请，只能作为该单位派发任务的依据。"
    if today < app.start_date:
        return f"准入申请 #{app.pk} 自 {app.start_date:%Y年%-m月%-d日} 起施行，尚未开始。"
    if today > app.end_date:
        return f"准入申请 #{app.pk} 已于 {app.end_date:%Y年%-m月%-d日} 到期。"
    for r in recipients:
        if r.kind not in (OrgKind.COMMUNITY, OrgKind.VILLAGE):
            continue
        if app.target_scope == TargetScope.TOWNSHIPS and tree.township_code(r.region_code) not in (
            app.target_townships or []
        ):
            return f"准入申请 #{app.pk} 未覆盖{r.name}所在乡镇（街道）。"
        if (app.applies_to == AppliesTo.URBAN and r.kind == OrgKind.VILLAGE) or (
            app.applies_to == AppliesTo.VILLAGE and r.kind == OrgKind.COMMUNITY
        ):
            return f"准入申请 #{app.pk} 只适用于{app.get_applies_to_display()}，不含{r.name}。"
    return ""


def _application_fits(app: Application, text: str, index: Any) -> bool:
    """The task is the admitted work: it shares specific words with the application's text."""
    lexicon = index.lexicon if index is not None else None
    task = set(concepts(text, lexicon))
    admitted = set(concepts(f"{app.title}\n{app.description}", lexicon))
    shared = task & admitted
    return len(shared) >= 2 or (len(shared) >= 1 and len(task) <= 2)


def check(
    target: Org,
    *,
    title: str,
    description: str = "",
    category: str = "",
    list_item_code: str = "",
    application: Application | None = None,
    owner: Org | None = None,
    sender: Org | None = None,
    recipients: list[Org] | None = None,
    today: dt.date | None = None,
) -> GateResult:
    """The verdict for sending ``title``/``description`` to ``target`` (a community, township or
    county; ``recipients``, when given, are all the communities of the send) from ``sender``."""
    owner = owner or list_owner_org(target)
    version = current_version(owner) if owner else None
    index = index_for(version) if version is not None else None
    text = f"{title}\n{description}"
    result = GateResult(verdict=Verdict.UNLISTED)
    evidence = ev.weigh(index, text)
    result.matches = [_match(m) for m in evidence.ranked[:5] if m.score > 0]
    outcome = evidence.outcome
    result.confidence = evidence.confidence
    recipients = recipients or [target]
    today = today or timezone.localdate()

    # 1. A named list item: it must exist, be a basis at all, and fit the task.
    if list_item_code:
        named = _item(list_item_code, version) if version is not None else None
        if named is None:
            return result._set(
                Verdict.MISMATCH,
                Finding(RULE_MISMATCH, f"所引清单事项“{list_item_code}”不在现行清单中，不能作为派发依据。",
                        Severity.BLOCK),
            )  # fmt: skip
        if ev.is_refusing(named):
            result.list_item = named
            if named.category == Category.CERTIFICATE:
                result.certificate_kind = CertKind.FORBIDDEN
                rule, what, label = RULE_CERT_FORBIDDEN, "不得要求社区出具的证明", "不得出具的证明"
            else:
                rule, what, label = RULE_NEGATIVE, "负面清单事项", "负面清单"
            basis = f"{label} {named.code} {named.title}"
            return result._set(
                Verdict.NEGATIVE,
                Finding(rule, f"所引“{named.code} {named.title}”是{what}，不能作为派发依据。", Severity.BLOCK,
                        _citation(named), {"item_code": named.code}),
                basis=basis,
            )  # fmt: skip
        fit = ev.fit_score(index, text, named.code)
        if outcome == ev.NEGATIVE and evidence.refusing_score - fit >= ev.MARGIN:
            return _refusal(result, evidence.refusing, version)  # type: ignore[arg-type]
        if fit < ev.FIT:
            result.list_item = named
            return result._set(
                Verdict.MISMATCH,
                Finding(RULE_MISMATCH, f"依据与任务内容不符：所引清单事项“{named.code} {named.title}”与任务内容不相符"
                        f"（相似度 {fit:.2f}）。社区可一键拒收。", Severity.BLOCK, _citation(named),
                        {"item_code": named.code, "score": fit}),
                basis=f"所引依据 {named.code} {named.title}（与任务内容不符）",
            )  # fmt: skip
        result.confidence = round(max(fit, result.confidence if outcome == ev.LISTED else 0.0), 2)
        return _listed(result, named, version, by_content=False)

    # 2. A named application: approved, this sender's, in force, covering the recipients, this work.
    if application is not None:
        problem = _application_problem(application, recipients, sender, today)
        if not problem and not _application_fits(application, text, index):
            problem = f"任务内容与准入申请 #{application.pk}“{application.title}”不相符。"
        if problem:
            result.application = application
            return result._set(
                Verdict.MISMATCH,
                Finding(RULE_MISMATCH, f"依据与任务内容不符：{problem}社区可一键拒收。", Severity.BLOCK),
                basis=f"所引准入申请 #{application.pk}（{problem.rstrip('。')}）",
            )
        if outcome != ev.NEGATIVE:
            result.application, result.verdict = application, Verdict.ADMITTED
            result.confidence = 1.0
            basis = f"准入申请 #{application.pk} {application.title}（{application.applicant_org.name}）"
            return result._set(Verdict.ADMITTED, Finding(RULE_ADMITTED, basis, Severity.INFO), basis=basis)

    # 3. The text against the lists: the strongest evidence wins.
    if outcome == ev.NEGATIVE:
        return _refusal(result, evidence.refusing, version)  # type: ignore[arg-type]
    if outcome == ev.LISTED and evidence.supporting is not None:
        if not category or evidence.supporting.item.category == category:
            return _listed(result, evidence.supporting.item, version, by_content=True, m=evidence.supporting)
    if outcome == ev.REVIEW:
        neg, pos = evidence.refusing, evidence.supporting
        parts = [f"负面清单“{neg.item.code} {neg.item.title}”（{neg.score:.2f}）"] if neg else []
        if pos is not None and pos.score >= ev.WEAK:
            parts.append(f"清单事项“{pos.item.code} {pos.item.title}”（{pos.score:.2f}）")
        return result._set(
            Verdict.REVIEW,
            Finding(RULE_REVIEW, f"任务内容与{'、'.join(parts)}部分相符，系统无法认定，请民政/组织部门人工研判；"
                    "未明确清单依据前，社区可拒收。", Severity.WARN, _seed("gate.unlisted", target.region_code)),
        )  # fmt: skip
    return result._set(
        Verdict.UNLISTED,
        Finding(RULE_UNLISTED, "未找到清单依据或已批准的准入申请；社区可直接拒收，拒收将转入监督。",
                Severity.BLOCK, _seed("gate.unlisted", target.region_code)),
    )  # fmt: skip
