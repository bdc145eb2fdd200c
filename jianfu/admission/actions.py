"""Writes of admission: applications, their materials and review, and the annual-plan window."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jianfu.catalog.selectors import list_owner_org
from jianfu.core import audit
from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.files import discard_on_error
from jianfu.notify.actions import notify_on_commit
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org, User

from .attachments import MAX_ATTACHMENTS, check_attachment
from .choices import AppKind, AppState, WindowState
from .models import Application, Attachment, PlanWindow
from .permissions import FIRST_REVIEW_DEPT, can_apply, can_manage_window, is_applicant
from .precheck import precheck
from .transitions import APPLICATION
from .validation import clean_application

EDITABLE = (AppState.DRAFT, AppState.RETURNED)
APP_FIELDS = [
    "kind", "affairs", "title", "description", "basis", "category", "cert_kind", "community_roles", "funding_amount",
    "funding_source", "frequency_count", "frequency_unit", "minutes_per_occurrence", "target_scope",
    "target_townships", "applies_to", "affected_count", "start_date", "end_date", "plan_window",
]  # fmt: skip


class ApplicationAction(Protocol):
    """A review or withdrawal step, as the pages and the API call it (always with a reason, maybe empty)."""

    def __call__(self, app: Application, *, actor: Any, reason: str) -> Application: ...


def _open_window(county: Org) -> PlanWindow | None:
    return PlanWindow.objects.filter(org=county, state=WindowState.OPEN).order_by("-year").first()


def _values(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    values = clean_application(data, org=actor.org)
    values["plan_window"] = None
    if values["kind"] == AppKind.ANNUAL:
        county = list_owner_org(actor.org)
        window = _open_window(county) if county is not None else None
        if window is None:
            raise ActionError("本县年度计划申报窗口未开放，请提交临时申请。", field="kind")
        values["plan_window"] = window
    return values


@transaction.atomic
def do_create_application(*, actor: Any, data: dict[str, Any]) -> Application:
    """Save a department's draft application (申请准入). Nothing is saved if any field is wrong."""
    if not can_apply(actor):
        raise NotAllowed("只有部门或乡镇经办人可以申请准入。")
    values = _values(actor, data)
    app = Application.objects.create(
        region_code=actor.org.region_code, applicant_org=actor.org, applicant=actor, **values
    )
    audit.record(actor, "admission.application.create", app, after=audit.snapshot(app, APP_FIELDS))
    return app


@transaction.atomic
def do_update_application(app: Application, *, actor: Any, data: dict[str, Any]) -> Application:
    """Change a draft or returned application; its earlier pre-check no longer holds."""
    locked = Application.objects.select_for_update().get(pk=app.pk)
    if not is_applicant(actor, locked):
        raise NotAllowed("只有申请单位可以修改申请。")
    if locked.state not in EDITABLE:
        raise ActionError("只有草稿或退回修改的申请可以修改。")
    values = _values(actor, data)
    before = audit.snapshot(locked, APP_FIELDS)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.findings, locked.checked_at = [], None
    locked.save()
    audit.record(actor, "admission.application.update", locked, before=before, after=audit.snapshot(locked, APP_FIELDS))
    return locked


@transaction.atomic
def do_run_precheck(app: Application, *, actor: Any) -> Application:
    """Run the automatic pre-check and store its findings on the application."""
    locked = Application.objects.select_for_update().get(pk=app.pk)
    if actor is not None and not is_applicant(actor, locked):
        raise NotAllowed("只有申请单位可以发起预审。")
    locked.findings = precheck(locked)
    locked.checked_at = timezone.now()
    locked.save(update_fields=["findings", "checked_at", "updated_at"])
    audit.record(
        actor,
        "admission.application.precheck",
        locked,
        after={"findings": [f"{f['severity']}:{f['rule']}" for f in locked.findings]},
    )
    return locked


def _url(app: Application) -> str:
    return reverse("admission_detail", args=[app.pk])


def _reviewers(app: Application) -> list[User]:
    dept_kind = FIRST_REVIEW_DEPT.get(app.affairs)
    if dept_kind is None:
        return []
    return list(tree.officers_in(tree.county_code(app.region_code), Role.LIST_OWNER, dept_kind=dept_kind))


def _approvers(app: Application) -> list[User]:
    return list(tree.officers_in(tree.county_code(app.region_code), Role.APPROVER))


def _applicants(app: Application) -> list[User]:
    users = list(tree.officers(app.applicant_org, [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER]))
    return users or [app.applicant]


def do_submit_application(app: Application, *, actor: Any) -> Application:
    """Submit (or resubmit) for review. The pre-check runs first and is stored either way; a
    blocking finding (negative list, unfunded 协助 work) keeps the application a draft."""
    if not is_applicant(actor, app):
        raise NotAllowed("只有申请单位可以提交申请。")
    current = Application.objects.filter(pk=app.pk).values_list("state", flat=True).first()
    if current not in EDITABLE:
        # Refuse before the pre-check: it would overwrite the findings the reviewers decided on.
        label = AppState(current).label if current else ""
        raise Conflict(f"当前状态为“{label}”，不能提交，可能已被他人处理，请刷新后重试。")
    checked = do_run_precheck(app, actor=actor)
    with transaction.atomic():
        moved = APPLICATION.apply(checked, "submit", actor=actor)
        notify_on_commit(
            _reviewers(moved),
            title=f"待初审：{moved.title}",
            body=f"{moved.applicant_org.name}提交了准入申请，请在 {moved.due_date:%Y-%m-%d} 前完成审查。",
            url=_url(moved),
            region_code=moved.region_code,
        )
    return moved


def _decide(app: Application, action: str, *, actor: Any, reason: str = "") -> Application:
    with transaction.atomic():
        moved = APPLICATION.apply(app, action, actor=actor, reason=reason)
        label = moved.get_state_display()
        tail = f"意见：{reason}" if reason else ""
        notify_on_commit(
            _applicants(moved),
            title=f"申请{label}：{moved.title}",
            body=tail,
            url=_url(moved),
            region_code=moved.region_code,
        )
        if action == "pass_first":
            notify_on_commit(
                _approvers(moved),
                title=f"待审议：{moved.title}",
                body=f"{actor.org.name}已完成初审。{tail}",
                url=_url(moved),
                region_code=moved.region_code,
            )
    return moved


def do_pass_first_review(app: Application, *, actor: Any, reason: str = "") -> Application:
    """初审通过 (组织部 for party affairs, 民政局 for government affairs)."""
    return _decide(app, "pass_first", actor=actor, reason=reason)


def do_return_application(app: Application, *, actor: Any, reason: str) -> Application:
    """Return for revision with reasons, at 初审 or at 审议."""
    action = "return_first" if app.state == AppState.SUBMITTED else "return"
    return _decide(app, action, actor=actor, reason=reason)


def do_approve_application(app: Application, *, actor: Any, reason: str = "") -> Application:
    """领导小组 approves: the item enters the next draft of the county's lists with its funding."""
    return _decide(app, "approve", actor=actor, reason=reason)


def do_reject_application(app: Application, *, actor: Any, reason: str) -> Application:
    return _decide(app, "reject", actor=actor, reason=reason)


def do_withdraw_application(app: Application, *, actor: Any, reason: str = "") -> Application:
    """The applicant withdraws before the decision."""
    was_open = app.state in (AppState.SUBMITTED, AppState.FIRST_PASSED)
    with transaction.atomic():
        moved = APPLICATION.apply(app, "withdraw", actor=actor, reason=reason)
        if was_open:
            notify_on_commit(
                _reviewers(moved) + _approvers(moved),
                title=f"申请已撤回：{moved.title}",
                body=reason,
                url=_url(moved),
                region_code=moved.region_code,
            )
    return moved


@transaction.atomic
def do_add_attachment(app: Application, *, actor: Any, upload: Any) -> Attachment:
    """Attach a PDF or Word document (checked by extension and content, size-limited)."""
    locked = Application.objects.select_for_update().get(pk=app.pk)
    if not is_applicant(actor, locked):
        raise NotAllowed("只有申请单位可以上传材料。")
    if locked.state in (AppState.APPROVED, AppState.REJECTED, AppState.WITHDRAWN):
        raise ActionError("已办结的申请不能再上传材料。")
    if locked.attachments.count() >= MAX_ATTACHMENTS:
        raise ActionError(f"每个申请最多上传 {MAX_ATTACHMENTS} 个附件。", field="attachment")
    checked = check_attachment(upload)
    att = Attachment(application=locked, region_code=locked.region_code)
    with discard_on_error() as stored:
        stored.append(att.put(checked, uploaded_by=actor))
        att.save()
        audit.record(actor, "admission.attachment.add", locked, after={"file": checked.name, "size": checked.size})
    return att


# The annual-plan window (年度计划) -------------------------------------------------------------


@transaction.atomic
def do_open_plan_window(county: Org, *, actor: Any, year: int) -> PlanWindow:
    """Open the year's annual-plan window for the county (list owner)."""
    if not can_manage_window(actor, county):
        raise NotAllowed("只有本县民政局、组织部可以开启年度计划申报。")
    if not 2000 <= int(year) <= 2100:
        raise ActionError("年度不正确。", field="year")
    Org.objects.select_for_update().filter(pk=county.pk).first()
    if PlanWindow.objects.filter(org=county, year=year).exists():
        raise ActionError(f"{year} 年度的计划申报已开启过。", field="year")
    if PlanWindow.objects.filter(org=county, state=WindowState.OPEN).exists():
        raise ActionError("已有正在受理的年度计划申报窗口，请先截止。", field="year")
    window = PlanWindow.objects.create(org=county, region_code=county.region_code, year=year, opened_by=actor)
    audit.record(actor, "admission.window.open", window, after={"year": year})
    return window


@transaction.atomic
def do_close_plan_window(window: PlanWindow, *, actor: Any) -> PlanWindow:
    locked = PlanWindow.objects.select_for_update().get(pk=window.pk)
    if not can_manage_window(actor, locked.org):
        raise NotAllowed("只有本县民政局、组织部可以截止年度计划申报。")
    if locked.state != WindowState.OPEN:
        raise ActionError("该申报窗口已截止。")
    locked.state, locked.closed_at = WindowState.CLOSED, timezone.now()
    locked.save(update_fields=["state", "closed_at"])
    audit.record(actor, "admission.window.close", locked, before={"state": "open"}, after={"state": "closed"})
    return locked


@transaction.atomic
def do_publish_plan(window: PlanWindow, *, actor: Any) -> PlanWindow:
    """Publish the approved annual-plan applications as the 年度社区工作事项计划清单."""
    locked = PlanWindow.objects.select_for_update().get(pk=window.pk)
    if not can_manage_window(actor, locked.org):
        raise NotAllowed("只有本县民政局、组织部可以发布年度计划清单。")
    if locked.state != WindowState.CLOSED:
        raise ActionError("请先截止申报，再发布年度计划清单。")
    pending = locked.applications.filter(state__in=[AppState.SUBMITTED, AppState.FIRST_PASSED]).count()
    if pending:
        raise ActionError(f"还有 {pending} 件年度计划申请尚未审结，不能发布。")
    locked.state, locked.published_at = WindowState.PUBLISHED, timezone.now()
    locked.save(update_fields=["state", "published_at"])
    n = locked.applications.filter(state=AppState.APPROVED).count()
    audit.record(actor, "admission.window.publish", locked, after={"state": "published", "items": n})
    return locked
