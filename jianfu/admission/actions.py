"""Writes of admission: applications, their materials and review, and the annual-plan window."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.catalog.selectors import list_owner_org
from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.files import discard_on_error
from jianfu.core.typing import Actor
from jianfu.orgs.models import Org

from .attachments import MAX_ATTACHMENTS, check_attachment
from .choices import AppKind, AppState, WindowState
from .models import Application, Attachment, PlanWindow
from .permissions import can_apply, can_manage_window, is_applicant
from .precheck import precheck
from .transitions import APPLICATION, WINDOW
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
            raise ActionError(_("本县年度计划申报窗口未开放，请提交临时申请。"), field="kind")
        values["plan_window"] = window
    return values


@transaction.atomic
def do_create_application(*, actor: Any, data: dict[str, Any]) -> Application:
    """Save a department's draft application (申请准入). Nothing is saved if any field is wrong."""
    if not can_apply(actor):
        raise NotAllowed(_("只有部门或乡镇经办人可以申请准入。"))
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
    if not is_applicant(locked, actor):
        raise NotAllowed(_("只有申请单位可以修改申请。"))
    if locked.state not in EDITABLE:
        raise ActionError(_("只有草稿或退回修改的申请可以修改。"))
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
    if actor is not None and not is_applicant(locked, actor):
        raise NotAllowed(_("只有申请单位可以发起预审。"))
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


def do_submit_application(app: Application, *, actor: Actor) -> Application:
    """Submit (or resubmit) for review. The pre-check runs first and is stored either way; a
    blocking finding (negative list, unfunded 协助 work) keeps the application a draft."""
    # Refuse before the pre-check: it would overwrite the findings the reviewers decided on.
    APPLICATION.check(app, "submit", actor=actor)
    checked = do_run_precheck(app, actor=actor)
    return APPLICATION.apply(checked, "submit", actor=actor)


def do_pass_first_review(app: Application, *, actor: Actor, reason: str = "") -> Application:
    """初审通过 (组织部 for party affairs, 民政局 for government affairs)."""
    return APPLICATION.apply(app, "pass_first", actor=actor, reason=reason)


def do_return_application(app: Application, *, actor: Actor, reason: str) -> Application:
    """Return for revision with reasons, at 初审 or at 审议."""
    action = "return_first" if app.state == AppState.SUBMITTED else "return"
    return APPLICATION.apply(app, action, actor=actor, reason=reason)


def do_approve_application(app: Application, *, actor: Actor, reason: str = "") -> Application:
    """领导小组 approves: the item enters the next draft of the county's lists with its funding."""
    return APPLICATION.apply(app, "approve", actor=actor, reason=reason)


def do_reject_application(app: Application, *, actor: Actor, reason: str) -> Application:
    return APPLICATION.apply(app, "reject", actor=actor, reason=reason)


def do_withdraw_application(app: Application, *, actor: Actor, reason: str = "") -> Application:
    """The applicant withdraws before the decision (those reviewing it are told)."""
    return APPLICATION.apply(app, "withdraw", actor=actor, reason=reason)


@transaction.atomic
def do_add_attachment(app: Application, *, actor: Any, upload: Any) -> Attachment:
    """Attach a PDF or Word document (checked by extension and content, size-limited)."""
    locked = Application.objects.select_for_update().get(pk=app.pk)
    if not is_applicant(locked, actor):
        raise NotAllowed(_("只有申请单位可以上传材料。"))
    if locked.state in (AppState.APPROVED, AppState.REJECTED, AppState.WITHDRAWN):
        raise ActionError(_("已办结的申请不能再上传材料。"))
    if locked.attachments.count() >= MAX_ATTACHMENTS:
        raise ActionError(
            _("每个申请最多上传 {MAX_ATTACHMENTS} 个附件。").format(MAX_ATTACHMENTS=MAX_ATTACHMENTS), field="attachment"
        )
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
        raise NotAllowed(_("只有本县民政局、组织部可以开启年度计划申报。"))
    if not 2000 <= int(year) <= 2100:
        raise ActionError(_("年度不正确。"), field="year")
    Org.objects.select_for_update().filter(pk=county.pk).first()
    if PlanWindow.objects.filter(org=county, year=year).exists():
        raise ActionError(_("{year} 年度的计划申报已开启过。").format(year=year), field="year")
    if PlanWindow.objects.filter(org=county, state=WindowState.OPEN).exists():
        raise ActionError(_("已有正在受理的年度计划申报窗口，请先截止。"), field="year")
    window = PlanWindow.objects.create(org=county, region_code=county.region_code, year=year, opened_by=actor)
    audit.record(actor, "admission.window.open", window, after={"year": year})
    return window


def do_close_plan_window(window: PlanWindow, *, actor: Actor) -> PlanWindow:
    """截止申报: no more annual-plan applications for this year."""
    return WINDOW.apply(window, "close", actor=actor)


def do_publish_plan(window: PlanWindow, *, actor: Actor) -> PlanWindow:
    """Publish the approved annual-plan applications as the 年度社区工作事项计划清单."""
    return WINDOW.apply(window, "publish", actor=actor)
