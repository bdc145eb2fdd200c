"""Writes of dispatch: sending a task through the gate, and the community's answer to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.admission.choices import AppState
from jianfu.admission.models import Application
from jianfu.core import audit, guards
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.notify.actions import notify_on_commit
from jianfu.orgs import tree
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import in_scope, restrict
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import gate
from .choices import ONE_CLICK_REFUSAL, TaskState, Verdict
from .ledger import record_task_minutes
from .models import Dispatch, Task
from .permissions import can_send, is_community_of
from .transitions import TASK

MAX_MINUTES = 10_000


def expand_targets(actor: Any, codes: list[str]) -> list[Org]:
    """The communities and villages named by ``codes`` (a township or county stands for all of
    its committees). A code outside the actor's jurisdiction is an error, never silently dropped."""
    codes = [c.strip() for c in codes if c and c.strip()]
    if not codes:
        raise ActionError(_("请选择接收任务的社区或乡镇。"), field="targets")
    orgs = list(Org.objects.filter(code__in=codes, is_active=True))
    found = {o.code for o in orgs}
    missing = [c for c in codes if c not in found]
    outside = [o for o in orgs if not in_scope(actor, o.region_code) or not o.is_division]
    if missing or outside:
        raise ActionError(_("所选接收单位不在您的辖区内或不存在。"), field="targets")
    communities: dict[int, Org] = {}
    for org in orgs:
        if org.kind in GRASSROOTS_KINDS:
            communities[org.pk] = org
        elif org.kind in (OrgKind.TOWNSHIP, OrgKind.COUNTY):
            for c in tree.grassroots_of(org):
                communities[c.pk] = c
    if not communities:
        raise ActionError(_("所选范围内没有社区或村。"), field="targets")
    return sorted(communities.values(), key=lambda o: o.code)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    errors: list[tuple[str, str]] = []
    title = str(data.get("title") or "").strip()
    if not title:
        errors.append(("title", "请填写任务名称。"))
    elif len(title) > 200:
        errors.append(("title", "任务名称不能超过 200 字。"))
    description = str(data.get("description") or "").strip()
    if len(description) > 4000:
        errors.append(("description", "任务内容不能超过 4000 字。"))
    deadline = data.get("deadline")
    if deadline in (None, ""):
        deadline = None
    elif not isinstance(deadline, dt.date):
        try:
            deadline = dt.date.fromisoformat(str(deadline))
        except ValueError:
            errors.append(("deadline", "完成期限格式应为 2026-01-31。"))
            deadline = None
    if deadline is not None and deadline < timezone.localdate():
        errors.append(("deadline", "完成期限不能早于今天。"))
    try:
        minutes = int(data.get("expected_minutes") or 0)
        if not 0 <= minutes <= MAX_MINUTES:
            raise ValueError
    except (TypeError, ValueError):
        errors.append(("expected_minutes", "预计用时须为 0 至 10000 之间的整数分钟。"))
        minutes = 0
    if errors:
        raise ActionError(
            "；".join(m for _f, m in errors),
            field=errors[0][0],
            errors=[{"field": f, "message": m} for f, m in errors],
        )
    return {"title": title, "description": description, "deadline": deadline, "expected_minutes": minutes}


def resolve_application(actor: Any, application_id: Any) -> Application | None:
    """The application a sender names as the basis. One the actor cannot see (another county,
    a forged id) is "not found"; a visible one that is not approved is refused by name."""
    if application_id in (None, ""):
        return None
    pk = str(application_id).strip()
    app = (
        restrict(Application.objects.select_related("applicant_org"), actor).filter(pk=pk).first()
        if pk.isdigit()
        else None
    )
    if app is None:
        raise ActionError(_("未找到该已批准的准入申请。"), field="application")
    if app.state != AppState.APPROVED:
        raise ActionError(
            _("未找到该已批准的准入申请：#{pk} 状态为“{get_state_display}”，不能作为派发依据。").format(
                pk=app.pk, get_state_display=app.get_state_display()
            ),
            field="application",
        )
    return app


def preview(actor: Any, data: dict[str, Any]) -> tuple[list[Org], gate.GateResult]:
    """The communities a send would reach and the gate's verdict, without sending."""
    if not can_send(actor):
        raise NotAllowed(_("只有部门或乡镇经办人可以派发任务。"))
    communities = expand_targets(actor, list(data.get("targets") or []))
    values = _clean(data)
    result = gate.check(
        communities[0],
        title=values["title"],
        description=values["description"],
        list_item_code=str(data.get("list_item_code") or "").strip(),
        application=resolve_application(actor, data.get("application_id")),
        sender=actor.org,
        recipients=communities,
    )
    return communities, result


@transaction.atomic
def do_send_task(*, actor: Any, data: dict[str, Any], confirm_unlisted: bool = False) -> Dispatch:
    """Send a task to communities (one, several, a whole township or county) through the gate.

    A task without a listed basis can still be sent once the sender confirms having seen the
    warning; it then arrives marked 未准入 (or 负面清单). One Task row per community, created in
    one statement; one audit entry for the send with the count.
    """
    communities, result = preview(actor, data)
    counties = {tree.county_code(c.region_code) for c in communities}
    if len(counties) > 1:
        raise ActionError(_("一次派发只能发往同一县（区）的社区。"), field="targets")
    if result.needs_confirmation and not confirm_unlisted:
        raise ActionError(
            _("该任务审查结论为“{verdict_label}”：{v}社区可直接拒收并转入监督。如仍要派发，请确认。").format(
                verdict_label=result.verdict_label, v=result.rules[0]["message"] if result.rules else ""
            ),
            field="confirm_unlisted",
        )
    values = _clean(data)
    dispatch = Dispatch.objects.create(
        region_code=actor.org.region_code,
        sender_org=actor.org,
        sender=actor,
        list_item=result.list_item,
        application=result.application,
        verdict=result.verdict,
        basis=result.basis[:400],
        rules=result.rules,
        task_count=len(communities),
        **values,
    )
    Task.objects.bulk_create(
        [
            Task(
                dispatch=dispatch,
                region_code=c.region_code,
                community=c,
                sender_org=actor.org,
                title=values["title"],
                verdict=result.verdict,
                deadline=values["deadline"],
                expected_minutes=values["expected_minutes"],
            )
            for c in communities
        ],
        batch_size=500,
    )
    audit.record(
        actor,
        "dispatch.task.send",
        dispatch,
        after={"count": len(communities), "verdict": result.verdict, "basis": result.basis},
    )
    # Rules on content sent down (a department assessing or ranking communities, seed 000)
    guards.check_sent(actor=actor, kind="task", title=values["title"], description=values["description"], obj=dispatch)
    workers = tree.officers(communities, Role.COMMUNITY_WORKER)
    notify_on_commit(
        list(workers),
        title=_("新任务（{verdict_label}）：{title}").format(verdict_label=result.verdict_label, title=values["title"]),
        body=f"{actor.org.name}派发。{result.basis}",
        url=reverse("dispatch_inbox"),
        region_code=tree.county_code(communities[0].region_code),
    )
    return dispatch


def do_accept_task(task: Task, *, actor: Any) -> Task:
    """The community takes the task on."""
    return TASK.apply(task, "accept", actor=actor)


def refusal_rule(task: Task) -> str:
    """The rule a one-click refusal cites (with the source the gate cited, when it named one)."""
    rules = task.dispatch.rules or []
    first = rules[0] if rules and isinstance(rules[0], dict) else {}
    citation = f"；依据：{first['citation']}" if first.get("citation") else ""
    if task.verdict == Verdict.NEGATIVE:
        if first.get("rule") == gate.RULE_CERT_FORBIDDEN:
            return f"不得要求社区出具的证明事项，社区不予出具（{task.dispatch.basis}{citation}）"
        return f"负面清单事项不得交由社区承担（{task.dispatch.basis}{citation}）"
    if task.verdict == Verdict.MISMATCH:
        return f"依据与任务内容不符，社区不予承接（{first.get('message') or task.dispatch.basis}）"
    if task.verdict == Verdict.REVIEW:
        return "审查结论为待人工研判，未明确清单依据，社区暂不承接（未入工作事项清单社区一律不接）"
    return "未入工作事项清单、未经准入的事项，社区一律不接"


def do_refuse_task(task: Task, *, actor: Any, reason: str = "") -> Task:
    """Refuse a task. For 未准入 and 负面清单 tasks one click suffices (the rule is cited); a
    listed task needs the community's reason. Every refusal opens a supervision case."""
    if not is_community_of(task, actor):
        raise NotAllowed(_("只有接收任务的社区可以拒收。"))
    reason = (reason or "").strip()
    if not reason:
        if task.verdict not in ONE_CLICK_REFUSAL:
            raise ActionError(_("该任务在清单内或已准入，拒收须写明理由。"), field="reason")
        reason = refusal_rule(task)
    with transaction.atomic():
        moved = TASK.apply(task, "refuse", actor=actor, reason=reason)
        case = do_open_case(
            actor=actor,
            source=CaseSource.REFUSAL,
            region_code=moved.region_code,
            title=f"{moved.community.name}拒收任务：{moved.title}"[:200],
            description=f"派发单位：{moved.sender_org.name}；审查结论：{moved.get_verdict_display()}；理由：{reason}",
            rule_ref=(refusal_rule(moved) if moved.verdict in ONE_CLICK_REFUSAL else reason)[:300],
            community=moved.community,
            department=moved.sender_org,
            source_obj=moved,
        )
        Task.objects.filter(pk=moved.pk).update(case_id=case.pk)
        moved.case_id = case.pk
    return moved


def do_withdraw_refusal(task: Task, *, actor: Any) -> Task:
    """The community takes its refusal back within the undo window; the task returns to its inbox.
    The refusal's supervision case stays on record (the office sees the withdrawal in the task's
    history)."""
    if not is_community_of(task, actor):
        raise NotAllowed(_("只有拒收任务的社区可以撤回拒收。"))
    return TASK.apply(task, "withdraw_refusal", actor=actor, reason=_("社区撤回拒收"))


def do_complete_task(task: Task, *, actor: Any, minutes: Any) -> Task:
    """Mark the task done with the minutes actually spent; the minutes go to the burden ledger."""
    try:
        minutes = int(str(minutes).strip())
        if not 1 <= minutes <= MAX_MINUTES:
            raise ValueError
    except (TypeError, ValueError):
        raise ActionError(_("请填写实际用时（1 至 10000 分钟的整数）。"), field="minutes") from None
    with transaction.atomic():
        moved = TASK.apply(task, "complete", actor=actor, reason=f"实际用时 {minutes} 分钟")
        Task.objects.filter(pk=moved.pk).update(minutes_spent=minutes)
        moved.minutes_spent = minutes
        record_task_minutes(moved, actor=actor, minutes=minutes)
    return moved


def is_open(task: Task) -> bool:
    return task.state in (TaskState.SENT, TaskState.ACCEPTED)
