"""Writes to supervision: intake, verification, 督办单, replies, escalation, 回头看 and 通报.

Each action checks permission (NotAllowed), validates (ActionError, Chinese), changes state
(through the one transition table in ``transitions.py`` where the case state moves) and audits.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from jianfu.core import audit, dates
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.files import CheckedFile, discard_on_error
from jianfu.core.gongwen import chinese_date
from jianfu.core.numbering import next_number
from jianfu.core.reveal import do_reveal
from jianfu.core.typing import Actor
from jianfu.notify.actions import notify_on_commit
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from . import evidence as ev
from . import grouping
from .choices import CaseSource, CaseState, EvidenceKind, RecheckOutcome, ReplyDecision
from .hooks import current_order, office_users, remind_office
from .models import ORDER_NUMBERS, Case, Evidence, Notice, Order, Recheck, Reply
from .permissions import is_community_worker, is_supervisor, supervises
from .transitions import CASE, NOTICE

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
TRACKING_LENGTH = 16  # 80 random bits
MAX_TITLE = 200
MAX_DESCRIPTION = 5000


def new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
        if not Case.objects.filter(tracking_code=code).exists():
            return code


@transaction.atomic
def do_open_case(
    *,
    actor: Any,
    source: str,
    region_code: str,
    title: str,
    description: str = "",
    rule_ref: str = "",
    community: Org | None = None,
    department: Org | None = None,
    source_obj: models.Model | None = None,
    reporter: Any = None,
    reporter_contact: str = "",
    reporter_name: str = "",
    group_key: str = "",
    item: str = "",
    occurred_on: dt.date | None = None,
) -> Case:
    """Put a suspected violation into the supervision queue (state 已受理).

    Called by other actions (a community's refusal, a limit breach) inside their transaction, and
    by the report pages. Permission is the caller's: whoever may refuse a task or record a breach
    may open its case. One case per source object: a second call for the same object returns the
    existing case (rewriting its line ``item`` in a grouped case). Every case gets a random
    tracking code (查询码).

    With a ``group_key`` (and a department) findings are grouped (``grouping.py``): while the
    group has an open case the finding joins it as one more line (``item``, its community, its
    date) instead of opening another; once that case is decided a new one opens, linked to it.
    """
    if source not in CaseSource.values:
        raise ValueError(f"unknown case source {source}")
    group_key = group_key if department is not None else ""
    if source_obj is not None:
        existing = Case.objects.filter(source_type=source_obj._meta.label_lower, source_id=str(source_obj.pk)).first()
        line = grouping.item_of(source_obj) if group_key else None
        if line is not None:
            grouping.update_item(line, actor=actor, summary=item)
            existing = line.case
        if existing is not None:
            return existing
    previous = None
    if group_key and department is not None:
        joined = grouping.open_case_of(source, department, group_key, region_code)
        if joined is not None:
            return grouping.join(
                joined,
                actor=actor,
                region_code=region_code,
                community=community,
                source_obj=source_obj,
                summary=item or title,
                occurred_on=occurred_on,
            )
        previous = grouping.decided_case_of(source, department, group_key, region_code)
    case = Case.objects.create(
        region_code=region_code,
        source=source,
        title=title[:MAX_TITLE],
        description=description,
        rule_ref=rule_ref[:300],
        community=community,
        department=department,
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "",
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
        reporter_name=reporter_name[:50],
        reporter_contact=reporter_contact[:100],
        tracking_code=new_tracking_code(),
        group_key=group_key,
        previous=previous,
    )
    if group_key:
        grouping.add_item(
            case,
            region_code=region_code,
            community=community,
            source_obj=source_obj,
            summary=item or title,
            occurred_on=occurred_on,
        )
    # The entry names the channel and the title, never the reporter's contact; the actor is kept
    # for accountability, and department-facing histories leave this entry out.
    opened: dict[str, Any] = {"source": source, "title": case.title}
    if previous is not None:
        opened["previous"] = previous.pk
    audit.record(actor, "supervision.case.open", case, after=opened)
    if source == CaseSource.BREACH:
        # One meeting can break a limit for many communities at once: tell the office once a day
        # per responsible unit, not once per community.
        notify_on_commit(
            office_users(case.region_code),
            title=gettext("新的超限预警：{v}（详见监督督办）").format(v=department.name if department else ""),
            url=reverse("supervision:cases") + f"?source={CaseSource.BREACH}",
            dedupe_key=f"supervision:breach:{case.department_id}:{timezone.localdate():%Y%m%d}",
        )
    else:
        remind_office(case, f"新的监督线索：{case.title}")
    return case


def _clean_report(title: str, description: str) -> tuple[str, str]:
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise ActionError(gettext("请用一句话概括反映的问题。"), field="title")
    if len(title) > MAX_TITLE:
        raise ActionError(gettext("标题不能超过 {MAX_TITLE} 字。").format(MAX_TITLE=MAX_TITLE), field="title")
    if not description:
        raise ActionError(gettext("请写明发生了什么：时间、地点、要求社区做什么。"), field="description")
    if len(description) > MAX_DESCRIPTION:
        raise ActionError(
            gettext("情况描述不能超过 {MAX_DESCRIPTION} 字，可作为附件上传。").format(MAX_DESCRIPTION=MAX_DESCRIPTION),
            field="description",
        )
    return title, description


def _check_department(department: Org | None, county_code: str, *, required: bool) -> Org | None:
    if department is None:
        if required:
            raise ActionError(gettext("请选择被反映的单位。"), field="department")
        return None
    if not department.is_department or not department.region_code.startswith(county_code) or not department.is_active:
        raise ActionError(gettext("被反映的单位不在本县（区）范围内。"), field="department")
    return department


def _save_evidence(
    stored: list[str], case: Case, checked: list[CheckedFile], kind: str, reply: Reply | None = None
) -> None:
    """Store the checked files as the case's evidence (report evidence records no uploader)."""
    for item in checked:
        record = Evidence(region_code=case.region_code, case=case, reply=reply, kind=kind)
        stored.append(record.put(item, uploaded_by=reply.created_by if reply is not None else None))
        record.save()


def do_submit_worker_report(
    *, actor: Any, title: str, description: str, department: Org | None, rule_ref: str = "", files: Sequence[Any] = ()
) -> Case:
    """A community worker reports a violation (社区工作者反映): what happened, which department,
    evidence. The worker's identity is kept for the supervising office only."""
    if not is_community_worker(actor):
        raise NotAllowed(gettext("只有社区（村）工作者可以提交反映。"))
    title, description = _clean_report(title, description)
    community = actor.org
    department = _check_department(department, tree.county_code(community.region_code), required=True)
    checked = ev.check_files(list(files))
    with discard_on_error() as stored, transaction.atomic():
        case = do_open_case(
            actor=actor,
            source=CaseSource.WORKER_REPORT,
            region_code=community.region_code,
            title=title,
            description=description,
            rule_ref=rule_ref.strip(),
            community=community,
            department=department,
            reporter=actor,
            reporter_name=actor.get_full_name(),
            reporter_contact=actor.phone,
        )
        _save_evidence(stored, case, checked, EvidenceKind.REPORT)
    return case


def do_reveal_reporter(case: Case, *, actor: Any) -> dict[str, str]:
    """显示完整联系方式: the reporter's name and contact in clear, for the supervising office that
    must call back. Every reveal is audited (who read whose data, when; never the data itself)."""
    from .selectors import reporter_of

    return do_reveal(
        actor,
        case,
        allowed=supervises(case, actor),
        refusal=gettext("只有督办单位可以查看反映人的联系方式。"),
        event_type="supervision.reporter.reveal",
        fields=["reporter_name", "reporter_contact"],
        read=lambda: reporter_of(case),
    )


def do_submit_public_report(
    *,
    county: Org,
    title: str,
    description: str,
    department: Org | None = None,
    reporter_name: str = "",
    reporter_contact: str = "",
    files: Sequence[Any] = (),
) -> Case:
    """An anonymous public report (群众举报) from the open page or API. Name and contact are
    optional and seen only by the supervising office; the reporter follows the case by its code."""
    if county.kind != OrgKind.COUNTY or not county.is_active:
        raise ActionError(gettext("未找到该县（区）。"))
    title, description = _clean_report(title, description)
    department = _check_department(department, tree.county_code(county.region_code), required=False)
    if len(reporter_name.strip()) > 50 or len(reporter_contact.strip()) > 100:
        raise ActionError(gettext("姓名或联系方式过长。"), field="reporter_contact")
    checked = ev.check_files(list(files))
    with discard_on_error() as stored, transaction.atomic():
        case = do_open_case(
            actor=None,
            source=CaseSource.PUBLIC_REPORT,
            region_code=county.region_code,
            title=title,
            description=description,
            department=department,
            reporter_name=reporter_name.strip(),
            reporter_contact=reporter_contact.strip(),
        )
        _save_evidence(stored, case, checked, EvidenceKind.REPORT)
    return case


@transaction.atomic
def do_set_case_facts(case: Case, *, actor: Any, department: Org | None, rule_ref: str) -> Case:
    """While verifying, the office fixes the responsible department and the rule broken."""
    if not supervises(case, actor):
        raise NotAllowed(gettext("您没有权限修改该案件。"))
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.state not in (CaseState.RECEIVED, CaseState.VERIFYING, CaseState.SUBSTANTIATED):
        raise ActionError(gettext("督办单下发后不能再修改责任单位。"))
    department = _check_department(department, locked.county_code, required=False)
    if len(rule_ref) > 300:
        raise ActionError(gettext("违反的规定不能超过 300 字。"), field="rule_ref")
    before = audit.snapshot(locked, ["department", "rule_ref"])
    locked.department, locked.rule_ref = department, rule_ref.strip()
    locked.save(update_fields=["department", "rule_ref", "updated_at"])
    audit.record(actor, "supervision.case.set_facts", locked, before=before, after=audit.snapshot(locked, list(before)))
    return locked


def do_move_case(case: Case, action: str, *, actor: Any, reason: str = "") -> Case:
    """Verify, substantiate or dismiss a case (with reasons): one move of the transition table."""
    if action not in ("verify", "substantiate", "dismiss"):
        raise ActionError(gettext("未知的操作。"))
    return CASE.apply(case, action, actor=actor, reason=reason)


# The moves the queue makes on several cases at once, and the steps each takes from "received":
# a case dismissed from the queue is first taken into verification, each step its own record.
BULK_STEPS: dict[str, tuple[str, ...]] = {"verify": ("verify",), "dismiss": ("verify", "dismiss")}
MAX_BULK = 200


@dataclass
class BulkResult:
    """What a bulk move did: the cases moved, those that could not move (with why), and how many
    of the ids sent were not cases of the actor's county (ignored, nothing changed for them)."""

    done: list[Case] = field(default_factory=list)
    refused: list[tuple[Case, str]] = field(default_factory=list)
    ignored: int = 0


@transaction.atomic
def do_bulk_move_cases(case_ids: Sequence[Any], action: str, *, actor: Any, reason: str = "") -> BulkResult:
    """Verify (开始核查) or dismiss (核查不属实, one reason for all) several cases of the queue.

    Each case moves through the transition table on its own (its own record and audit entry, in
    a savepoint): a case that cannot take the move is reported back with the reason and the others
    proceed. Ids that are not cases of the actor's jurisdiction are ignored and only counted."""
    from .selectors import office_cases

    if not is_supervisor(actor):
        raise NotAllowed(gettext("仅县（区）民政局、组织部可以办理监督案件。"))
    if action not in BULK_STEPS:
        raise ActionError(gettext("未知的批量操作。"))
    ids = {int(v) for v in case_ids if str(v).strip().isdigit()}
    if not ids:
        raise ActionError(gettext("请先勾选要办理的案件。"))
    if len(ids) > MAX_BULK:
        raise ActionError(gettext("一次最多办理 {n} 个案件。").format(n=MAX_BULK))
    reason = (reason or "").strip()
    if action == "dismiss" and not reason:
        raise ActionError(gettext("请填写核查不属实的理由（同一理由适用于所选全部案件）。"), field="reason")
    if len(reason) > MAX_DESCRIPTION:
        raise ActionError(gettext("理由不能超过 {n} 字。").format(n=MAX_DESCRIPTION), field="reason")
    cases = list(office_cases(actor).filter(pk__in=ids).order_by("created_at", "id"))
    result = BulkResult(ignored=len(ids) - len(cases) + sum(1 for v in case_ids if not str(v).strip().isdigit()))
    for case in cases:
        steps = BULK_STEPS[action]
        if case.state != CaseState.RECEIVED:
            steps = steps[-1:]
        try:
            with transaction.atomic():
                moved = case
                for step in steps:
                    moved = CASE.apply(moved, step, actor=actor, reason=reason if step == "dismiss" else "")
        except ActionError as exc:  # also NotAllowed and Conflict: reported, the others go on
            result.refused.append((case, exc.message))
        else:
            result.done.append(moved)
    return result


@transaction.atomic
def do_issue_order(
    case: Case,
    *,
    actor: Any,
    facts: str,
    rule: str,
    rectification: str,
    deadline: dt.date | None,
    now: dt.datetime | None = None,
) -> Order:
    """Issue a numbered 督办单 (〔2026〕12号) to the case's department with a deadline."""
    now = now or timezone.now()
    if not supervises(case, actor):
        raise NotAllowed(gettext("只有本县（区）民政局、组织部可以下发督办单。"))
    facts, rule, rectification = facts.strip(), rule.strip(), rectification.strip()
    if not facts:
        raise ActionError(gettext("请写明问题事实。"), field="facts")
    if not rule:
        raise ActionError(gettext("请写明违反的规定（清单事项或限额）。"), field="rule")
    if len(rule) > 300:
        raise ActionError(gettext("违反的规定不能超过 300 字。"), field="rule")
    if not rectification:
        raise ActionError(gettext("请写明整改要求。"), field="rectification")
    if deadline is None:
        raise ActionError(gettext("请填写整改期限。"), field="deadline")
    if deadline <= timezone.localdate(now):
        raise ActionError(gettext("整改期限应晚于今天。"), field="deadline")
    case = CASE.apply(case, "issue_order", actor=actor)
    department = case.department
    if department is None:  # the transition's guard already refuses a case without one
        raise ActionError(gettext("请先确定责任单位。"))
    year = timezone.localtime(now).year
    order = Order.objects.create(
        region_code=case.region_code,
        case=case,
        county_code=case.county_code,
        year=year,
        number=next_number(case.county_code, ORDER_NUMBERS, year),
        issuing_office=actor.org,
        department=department,
        issued_by=actor,
        facts=facts,
        rule=rule,
        rectification=rectification,
        deadline=deadline,
        issued_at=now,
    )
    audit.record(
        actor,
        "supervision.order.issue",
        order,
        after={"doc_no": order.doc_no, "department": order.department_id, "deadline": deadline},
    )
    return order


def do_reply(
    order: Order, *, actor: Any, text: str, files: Sequence[Any] = (), now: dt.datetime | None = None
) -> Reply:
    """The department answers its 督办单 with its rectification (整改情况) and evidence."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise ActionError(gettext("请填写整改情况。"), field="text")
    if len(text) > MAX_DESCRIPTION:
        raise ActionError(
            gettext("整改情况不能超过 {MAX_DESCRIPTION} 字，可作为附件上传。").format(MAX_DESCRIPTION=MAX_DESCRIPTION),
            field="text",
        )
    checked = ev.check_files(list(files))
    with discard_on_error() as stored, transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if current_order(locked.case) != locked:
            raise ActionError(gettext("该督办单已被新的督办单取代。"))
        case = CASE.apply(locked.case, "reply", actor=actor)
        reply = Reply.objects.create(
            region_code=locked.region_code, order=locked, text=text, created_by=actor, created_at=now
        )
        locked.replied_at = now
        if timezone.localdate(now) > locked.deadline:
            locked.was_overdue = True
        locked.save(update_fields=["replied_at", "was_overdue"])
        _save_evidence(stored, case, checked, EvidenceKind.REPLY, reply=reply)
        audit.record(actor, "supervision.order.reply", locked, after={"reply": reply.pk, "late": locked.was_overdue})
    return reply


@transaction.atomic
def do_decide_reply(case: Case, *, actor: Any, accept: bool, reason: str = "", now: dt.datetime | None = None) -> Case:
    """The office accepts the rectification (办结) or sends it back (退回重新整改, with reasons)."""
    now = now or timezone.now()
    case = CASE.apply(case, "accept" if accept else "send_back", actor=actor, reason=reason)
    order = current_order(case)
    if order is not None:
        reply = order.replies.order_by("-created_at", "-id").first()
        if reply is not None:
            reply.decision = ReplyDecision.ACCEPTED if accept else ReplyDecision.SENT_BACK
            reply.decision_reason, reply.decided_at = reason.strip(), now
            reply.save(update_fields=["decision", "decision_reason", "decided_at"])
        if accept:
            order.accepted_at = now
            order.save(update_fields=["accepted_at"])
    return case


def do_escalate_overdue(*, now: dt.datetime | None = None) -> list[Order]:
    """Mark every 督办单 past its deadline without a reply as overdue (逾期): the case workflow's
    deadline (``transitions.ORDER_DUE``), swept daily by ``manage.py sweep_deadlines``; each order
    escalates once. Returns the orders escalated by this run."""
    return CASE.sweep(now).overdue


@transaction.atomic
def do_schedule_recheck(case: Case, *, actor: Any, due_date: dt.date | None, note: str = "") -> Recheck:
    """Schedule a 回头看 on a closed case."""
    if not supervises(case, actor):
        raise NotAllowed(gettext("只有本县（区）民政局、组织部可以安排回头看。"))
    if case.state != CaseState.CLOSED:
        raise ActionError(gettext("只有已办结的案件可以安排回头看。"))
    if due_date is None:
        raise ActionError(gettext("请填写回头看日期。"), field="due_date")
    if len(note) > 300:
        raise ActionError(gettext("回头看要点不能超过 300 字。"), field="note")
    recheck = Recheck.objects.create(
        region_code=case.region_code, case=case, due_date=due_date, note=note.strip(), scheduled_by=actor
    )
    audit.record(actor, "supervision.recheck.schedule", recheck, after={"case": case.pk, "due_date": due_date})
    return recheck


@transaction.atomic
def do_record_recheck(
    recheck: Recheck, *, actor: Any, passed: bool, note: str, now: dt.datetime | None = None
) -> Recheck:
    """Record the 回头看 result; a failed one reopens the case for a new 督办单."""
    now = now or timezone.now()
    locked = Recheck.objects.select_for_update().select_related("case").get(pk=recheck.pk)
    if not supervises(locked, actor):
        raise NotAllowed(gettext("只有本县（区）民政局、组织部可以登记回头看结果。"))
    if locked.outcome:
        raise ActionError(gettext("该回头看已登记结果。"))
    note = (note or "").strip()
    if not note:
        raise ActionError(gettext("请写明回头看情况。"), field="note")
    if not passed:
        CASE.apply(locked.case, "reopen", actor=actor, reason=note)
    locked.outcome = RecheckOutcome.PASSED if passed else RecheckOutcome.FAILED
    locked.result_note, locked.done_at = note, now
    locked.save(update_fields=["outcome", "result_note", "done_at"])
    audit.record(actor, "supervision.recheck.record", locked, after={"outcome": locked.outcome}, reason=note)
    return locked


@transaction.atomic
def do_create_notice(
    *, actor: Any, period_start: dt.date | None, period_end: dt.date | None, title: str = "", good_examples: str = ""
) -> Notice:
    """Draft a 通报 for a period: its content is computed from the cases now (and again on publish)."""
    from .selectors import notice_content

    if not is_supervisor(actor):
        raise NotAllowed(gettext("只有县（区）民政局、组织部可以起草通报。"))
    if period_start is None or period_end is None:
        raise ActionError(gettext("请填写通报期间。"), field="period_start")
    if period_end < period_start:
        raise ActionError(gettext("截止日期不能早于起始日期。"), field="period_end")
    if (period_end - period_start).days > 366:
        raise ActionError(gettext("通报期间不能超过一年。"), field="period_end")
    dates.check_in_range(period_start, field="period_start")
    dates.check_in_range(period_end, field="period_end")
    county = actor.org.division
    period = f"{chinese_date(period_start)}至{chinese_date(period_end)}"  # 2026年12月1日, no padding (GB/T 9704)
    title = (title or "").strip() or f"关于{period}社区减负督办情况的通报"
    if len(title) > 200:
        raise ActionError(gettext("标题不能超过 200 字。"), field="title")
    if len(good_examples) > MAX_DESCRIPTION:
        raise ActionError(
            gettext("典型经验不能超过 {MAX_DESCRIPTION} 字。").format(MAX_DESCRIPTION=MAX_DESCRIPTION),
            field="good_examples",
        )
    notice = Notice.objects.create(
        region_code=county.region_code,
        county=county,
        office=actor.org,
        title=title,
        period_start=period_start,
        period_end=period_end,
        good_examples=good_examples.strip(),
        content=notice_content(tree.county_code(county.region_code), period_start, period_end),
        created_by=actor,
    )
    audit.record(
        actor, "supervision.notice.create", notice, after={"title": title, "period": [period_start, period_end]}
    )
    return notice


def do_publish_notice(notice: Notice, *, actor: Actor, now: dt.datetime | None = None) -> Notice:
    """Publish a 通报 on the county's public page exactly as the office reviewed it: the content
    frozen when the draft was made (cases substantiated since then wait for the next 通报). It
    gets the county's next 通报 number for the year (〔2026〕3号)."""
    return NOTICE.apply(notice, "publish", actor=actor, changes={"published_at": now} if now else None)
