"""Writes of the draft review: submit, resubmit, review (审核意见书), withdraw, issue, and report a
document issued without review to supervision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.admission.choices import Affairs
from jianfu.admission.permissions import FIRST_REVIEW_DEPT
from jianfu.core import audit, dates
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.files import CheckedFile, discard_on_error
from jianfu.core.numbering import next_number
from jianfu.notify.actions import notify_on_commit
from jianfu.notify.choices import Kind
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org, User
from jianfu.orgs.scoping import in_scope
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import service
from .choices import ISSUABLE, Decision, DraftState, Source
from .models import Draft, DraftClause, DraftFile, Opinion
from .permissions import can_draft, can_report, is_drafter, is_reviewer
from .scanner import ScanResult
from .transitions import DRAFT

MAX_TITLE = 200
MAX_OPINION = 5000
OPINION_KIND = "drafts.opinion"
RULE_REF = "发文起草单位事先须报审核（涉及社区的政策文件，印发前审核）"


# Reading what was submitted ---------------------------------------------------------------------


def _date(value: Any, field: str, label: str) -> dt.date:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise ActionError(_("请填写有效的%(label)s（如 2026-05-01）。") % {"label": label}, field=field) from None
    dates.check_in_range(day, field=field)
    return day


def _title(value: Any) -> str:
    title = " ".join(str(value or "").split())
    if not title:
        raise ActionError(_("请填写文件标题。"), field="title")
    if len(title) > MAX_TITLE:
        raise ActionError(_("文件标题不能超过 %(n)s 字。") % {"n": MAX_TITLE}, field="title")
    return title


def _affairs(value: Any) -> str:
    if value not in Affairs.values:
        raise ActionError(_("请选择事务类型（党务工作由组织部审核，政务工作由民政局审核）。"), field="affairs")
    return str(value)


def _body(data: dict[str, Any]) -> tuple[str, CheckedFile | None]:
    """The draft's text and, for an upload, the checked file: exactly one of the two."""
    upload, text = data.get("file"), str(data.get("text") or "")
    if upload is not None and text.strip():
        raise ActionError(_("请上传文件或粘贴正文，二者选其一。"), field="text")
    if upload is not None:
        return service.read_upload(upload)
    if not text.strip():
        raise ActionError(_("请上传文稿（.docx、带文字层的PDF、.txt）或粘贴正文。"), field="text")
    return text, None


def _scan(text: str, org: Org) -> ScanResult:
    try:
        return service.scan_text(text, county=tree.county_of(org))
    except ActionError as exc:
        raise ActionError(exc.message, field=exc.field or "text") from None


def _store_scan(draft: Draft, result: ScanResult) -> None:
    """Replace the saved draft's flagged clauses with a fresh scan (inside the caller's transaction)."""
    draft.clauses.all().delete()
    rows = []
    for sc in result.flagged:
        d = sc.as_dict()
        finding = sc.findings[0] if sc.findings else None
        rows.append(
            DraftClause(
                draft=draft,
                region_code=draft.region_code,
                index=d["index"],
                start=d["start"],
                end=d["end"],
                text=d["text"],
                kind=d["kind"],
                kind_label=d["kind_label"],
                kinds=d["kinds"],
                subject=d["subject"][:40],
                verdict=d["verdict"] or "unlisted",
                verdict_label=d["verdict_label"] or "未准入",
                basis=(d["basis"] or "")[:400],
                item_code=str(sc.gate.get("item_code") or "")[:60],
                rule=d["rule"][:200],
                fix=d["fix"],
                severity=finding.severity if finding else "warn",
                citation=(finding.citation if finding else "")[:400],
                frequency=sc.frequency,
                occurrences=sc.occurrences,
                minutes=sc.minutes,
                communities=sc.communities,
                total_minutes=sc.total_minutes,
            )
        )
    DraftClause.objects.bulk_create(rows)


def _store_file(draft: Draft, checked: CheckedFile | None, actor: Any, stored: list[str]) -> None:
    if checked is not None:
        f = DraftFile(draft=draft, region_code=draft.region_code, version=draft.version)
        stored.append(f.put(checked, uploaded_by=actor))
        f.save()


def _url(draft: Draft) -> str:
    return reverse("drafts_detail", args=[draft.pk])


def reviewers_of(draft: Draft) -> list[User]:
    dept_kind = FIRST_REVIEW_DEPT.get(draft.affairs)
    if dept_kind is None:
        return []
    return list(tree.officers_in(tree.county_code(draft.region_code), Role.LIST_OWNER, dept_kind=dept_kind))


def _drafters(draft: Draft) -> list[User]:
    return list(tree.officers(draft.org, [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER])) or [draft.author]


def _summary(draft: Draft) -> str:
    if not draft.flagged_count:
        return _("未发现给社区增加负担的条款。")
    return _("发现 %(n)s 条给社区增加负担的条款，预计每年 %(h)s 小时。") % {
        "n": draft.flagged_count,
        "h": draft.total_hours,
    }


# Submitting ------------------------------------------------------------------------------------


def do_submit_draft(*, actor: Any, data: dict[str, Any]) -> Draft:
    """A department (or township) submits a draft for review: title, affairs, intended issue date and
    a file (.docx / .pdf with text / .txt) or pasted text. The text is scanned and the clauses that
    put work on communities are stored with it. Nothing is saved if anything is wrong."""
    if not can_draft(actor):
        raise NotAllowed(_("只有部门或乡镇经办人可以提交发文审核。"))
    title, affairs = _title(data.get("title")), _affairs(data.get("affairs"))
    issue_date = _date(data.get("issue_date"), "issue_date", _("拟印发日期"))
    if issue_date < timezone.localdate():
        raise ActionError(_("拟印发日期不能早于今天：已印发的文件无法事先审核。"), field="issue_date")
    text, checked = _body(data)
    result = _scan(text, actor.org)
    with discard_on_error() as stored, transaction.atomic():
        draft = Draft(
            region_code=actor.org.region_code,
            org=actor.org,
            author=actor,
            title=title,
            affairs=affairs,
            issue_date=issue_date,
            source=Source.FILE if checked is not None else Source.PASTED,
        )
        _store_scan_fields(draft, result)
        draft.save()
        _store_scan(draft, result)
        _store_file(draft, checked, actor, stored)
        audit.record(actor, "drafts.draft.submit", draft, after=_facts(draft))
        notify_on_commit(
            reviewers_of(draft),
            title=_("待审核文稿：%(t)s") % {"t": draft.title},
            body=f"{draft.org.name}：{_summary(draft)}",
            url=_url(draft),
            region_code=draft.region_code,
            kind=Kind.REVIEW,
        )
    return draft


def _store_scan_fields(draft: Draft, result: ScanResult) -> None:
    draft.text, draft.converted = result.text, result.converted
    draft.clause_count, draft.flagged_count = len(result.clauses), len(result.flagged)
    draft.total_minutes = result.total_minutes
    draft.communities = max((c.communities for c in result.flagged), default=0)


def _facts(draft: Draft) -> dict[str, Any]:
    return {
        "state": draft.state,
        "version": draft.version,
        "clauses": draft.clause_count,
        "flagged": draft.flagged_count,
        "total_minutes": draft.total_minutes,
    }


def do_resubmit_draft(draft: Draft, *, actor: Any, data: dict[str, Any]) -> Draft:
    """Resubmit a returned draft with its revised text (or file); it is scanned again."""
    if not is_drafter(actor, draft):
        raise NotAllowed(_("只有起草单位可以重新提交。"))
    text, checked = _body(data)
    result = _scan(text, draft.org)
    with discard_on_error() as stored, transaction.atomic():
        moved = DRAFT.apply(draft, "resubmit", actor=actor)
        moved.version += 1
        moved.source = Source.FILE if checked is not None else Source.PASTED
        if data.get("title"):
            moved.title = _title(data.get("title"))
        _store_scan_fields(moved, result)
        moved.save()
        _store_scan(moved, result)
        _store_file(moved, checked, actor, stored)
        audit.record(actor, "drafts.draft.rescan", moved, after=_facts(moved))
        notify_on_commit(
            reviewers_of(moved),
            title=_("文稿已修改后重新提交：%(t)s") % {"t": moved.title},
            body=f"{moved.org.name}：{_summary(moved)}",
            url=_url(moved),
            region_code=moved.region_code,
            kind=Kind.REVIEW,
        )
    draft.refresh_from_db()
    return moved


# Reviewing -------------------------------------------------------------------------------------


def _snapshot(c: DraftClause) -> dict[str, Any]:
    """A clause as the opinion decided on it (a resubmission replaces the clause rows)."""
    return {
        "index": c.index, "text": c.text, "kind_label": c.kind_label, "verdict": c.verdict,
        "verdict_label": c.verdict_label, "basis": c.basis, "rule": c.rule, "fix": c.fix,
        "frequency": c.frequency, "total_hours": c.total_hours, "communities": c.communities,
        "dismissed": c.dismissed, "note": c.note,
    }  # fmt: skip


ACTION_OF = {Decision.PASS: "pass", Decision.PASS_CONDITIONS: "pass_conditions", Decision.RETURN: "return"}


def do_review_draft(
    draft: Draft,
    *,
    actor: Any,
    decision: str,
    opinion: str = "",
    conditions: str = "",
    dismissed: list[Any] | None = None,
    note: str = "",
) -> Opinion:
    """The reviewer's decision (审核意见书, numbered per office and year): pass, pass with conditions
    (the conditions are required) or return with the clause findings (an opinion is required).
    ``dismissed`` are clause ids the reviewer judges no burden (误报); an unconditional pass needs
    every remaining finding that is not on the lists to be dismissed."""
    if not is_reviewer(actor, draft):
        raise NotAllowed(_("只有本县对应的审核部门（党务：组织部；政务：民政局）可以审核该文稿。"))
    if decision not in Decision.values:
        raise ActionError(_("请选择审核结论。"), field="decision")
    opinion, conditions, note = (str(x or "").strip() for x in (opinion, conditions, note))
    if len(opinion) > MAX_OPINION or len(conditions) > MAX_OPINION:
        raise ActionError(_("审核意见不能超过 %(n)s 字。") % {"n": MAX_OPINION}, field="opinion")
    if decision == Decision.RETURN and not opinion:
        raise ActionError(_("退回修改须填写审核意见。"), field="opinion")
    if decision == Decision.PASS_CONDITIONS and not conditions:
        raise ActionError(_("附条件通过须写明通过条件。"), field="conditions")
    ids = {int(x) for x in dismissed or [] if str(x).isdigit()}
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        clauses = list(locked.clauses.all())
        unknown = ids - {c.pk for c in clauses}
        if unknown:
            raise ActionError(_("所选条款不属于该文稿，请刷新后重试。"), field="dismissed")
        for c in clauses:
            if (c.pk in ids) != c.dismissed:
                c.dismissed = c.pk in ids
                c.note = note[:300] if c.dismissed else ""
                c.save(update_fields=["dismissed", "note"])
        open_findings = [c for c in clauses if not c.dismissed and c.severity != "info"]
        if decision == Decision.PASS and open_findings:
            raise ActionError(
                _(
                    "仍有 %(n)s 条未入清单或与清单不符的涉社区条款：请退回修改、附条件通过，"
                    "或逐条认定为不构成社区负担后再通过。"
                )
                % {"n": len(open_findings)},
                field="decision",
            )
        reason = conditions if decision == Decision.PASS_CONDITIONS else opinion
        moved = DRAFT.apply(locked, ACTION_OF[Decision(decision)], actor=actor, reason=reason)
        year = timezone.localdate().year
        written = Opinion.objects.create(
            draft=moved,
            region_code=moved.region_code,
            decision=decision,
            text=opinion,
            conditions=conditions,
            version=moved.version,
            reviewer=actor,
            reviewer_org=actor.org,
            year=year,
            number=next_number(actor.org, OPINION_KIND, year),
            flagged=[_snapshot(c) for c in clauses],
        )
        audit.record(
            actor,
            "drafts.opinion.issue",
            moved,
            after={"decision": decision, "number": written.number_label, "dismissed": sorted(ids)},
        )
        label = Decision(decision).label
        notify_on_commit(
            _drafters(moved),
            title=_("文稿审核结果：%(l)s——%(t)s") % {"l": label, "t": moved.title},
            body=conditions or opinion,
            url=_url(moved),
            region_code=moved.region_code,
            kind=Kind.REVIEW,
        )
    draft.refresh_from_db()
    return written


# The department's own moves ---------------------------------------------------------------------


def do_issue_draft(draft: Draft, *, actor: Any, issued_on: Any = None, doc_number: str = "") -> Draft:
    """Record that the document was issued (印发). Only a passed draft may be: the department cannot
    mark a draft issued that was not reviewed and passed."""
    if not is_drafter(actor, draft):
        raise NotAllowed(_("只有起草单位可以登记印发。"))
    current = Draft.objects.filter(pk=draft.pk).values_list("state", flat=True).first()
    if current not in ISSUABLE:
        raise ActionError(
            _("文稿未经审核通过（当前状态：%(s)s），不得印发。请待审核通过后再登记印发。")
            % {"s": DraftState(current).label if current else ""}
        )
    day = _date(issued_on, "issued_on", _("印发日期")) if issued_on else timezone.localdate()
    number = " ".join(str(doc_number or "").split())[:60]
    with transaction.atomic():
        moved = DRAFT.apply(draft, "issue", actor=actor)
        Draft.objects.filter(pk=moved.pk).update(issued_on=day, doc_number=number)
        audit.record(actor, "drafts.draft.issued_as", moved, after={"issued_on": day.isoformat(), "doc_number": number})
    draft.refresh_from_db()
    return draft


def do_withdraw_draft(draft: Draft, *, actor: Any, reason: str = "") -> Draft:
    """The department withdraws its draft (it will not be issued)."""
    moved = DRAFT.apply(draft, "withdraw", actor=actor, reason=reason)
    draft.refresh_from_db()
    return moved


# Reporting a document issued without review ------------------------------------------------------


def _open_case(draft: Draft, *, actor: Any, reason: str) -> int:
    case = do_open_case(
        actor=actor,
        source=CaseSource.UNREVIEWED_DOC,
        region_code=draft.region_code,
        title=_("未经审核印发涉及社区的文件：%(t)s") % {"t": draft.title},
        description=f"{draft.org.name}{draft.doc_number or ''}。{reason}\n{_summary(draft)}",
        rule_ref=RULE_REF,
        department=draft.org,
        source_obj=draft,
    )
    Draft.objects.filter(pk=draft.pk).update(case_id=case.pk)
    return int(case.pk)


def do_report_unreviewed(draft: Draft, *, actor: Any, reason: str) -> Draft:
    """民政局/组织部 report that a draft under review (or returned, or withdrawn) was issued anyway:
    the draft is marked 未经审核印发 and a supervision case is opened against the department."""
    if not can_report(actor, draft):
        raise NotAllowed(_("只有本县民政局、组织部可以报告未经审核印发的文件。"))
    if not str(reason or "").strip():
        raise ActionError(_("请说明印发情况（发文字号、印发日期、如何发现）。"), field="reason")
    with transaction.atomic():
        moved = DRAFT.apply(draft, "report_unreviewed", actor=actor, reason=str(reason))
        _open_case(moved, actor=actor, reason=moved.report_reason)
    draft.refresh_from_db()
    return draft


def do_report_issued_document(*, actor: Any, data: dict[str, Any]) -> Draft:
    """民政局/组织部 register a document of a department of their county that was issued without
    ever being submitted for review: it is scanned like a draft, stored as 未经审核印发 and reported
    to supervision (one case per document)."""
    if not can_report(actor):
        raise NotAllowed(_("只有本县民政局、组织部可以报告未经审核印发的文件。"))
    org = data.get("org")
    if not isinstance(org, Org):
        org = Org.objects.filter(code=str(org or "")).first()
    if (
        org is None
        or not org.is_active
        or org.kind not in (OrgKind.DEPARTMENT, OrgKind.TOWNSHIP)
        or not in_scope(actor, org.region_code)
    ):
        raise ActionError(_("请选择本县的发文单位。"), field="org")
    title, affairs = _title(data.get("title")), _affairs(data.get("affairs"))
    issued_on = _date(data.get("issued_on"), "issued_on", _("印发日期"))
    if issued_on > timezone.localdate():
        raise ActionError(_("印发日期不能晚于今天。"), field="issued_on")
    reason = " ".join(str(data.get("reason") or "").split())
    if not reason:
        raise ActionError(_("请说明如何发现该文件未经审核即印发。"), field="reason")
    text, checked = _body(data)
    result = _scan(text, org)
    with discard_on_error() as stored, transaction.atomic():
        draft = Draft(
            region_code=org.region_code,
            org=org,
            author=actor,
            title=title,
            affairs=affairs,
            issue_date=issued_on,
            issued_on=issued_on,
            doc_number=" ".join(str(data.get("doc_number") or "").split())[:60],
            source=Source.FILE if checked is not None else Source.PASTED,
            state=DraftState.UNREVIEWED,
            report_reason=reason,
        )
        _store_scan_fields(draft, result)
        draft.save()
        _store_scan(draft, result)
        _store_file(draft, checked, actor, stored)
        audit.record(actor, "drafts.draft.report_found", draft, after=_facts(draft))
        draft.case_id = _open_case(draft, actor=actor, reason=reason)
    return draft
