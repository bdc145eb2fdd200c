"""Writes of campaigns: define, start, close; keep the 工作台账; report monthly; inspect and
rectify. Every write checks who acts, validates, changes, and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.files import discard_on_error
from jianfu.orgs import tree
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.models import Org
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from .choices import CampaignState, FindingState, InspectionMethod, ItemStatus, StageState
from .models import Campaign, Finding, FindingEvidence, Inspection, LedgerEvidence, LedgerItem, MonthlyReport, Stage
from .permissions import is_county_lead, is_township_officer, keeps, leads
from .tasksets import BY_KEY
from .transitions import CAMPAIGN, FINDING, STAGE
from .validation import check_evidence, clean_text, parse_date, parse_month

MAX_STAGES = 8
MAX_FINDINGS = 50


def townships_of(county: Org) -> list[Org]:
    """The townships and streets of a county, by code (each keeps its own 工作台账)."""
    return list(Org.objects.filter(kind=OrgKind.TOWNSHIP, is_active=True, parent=county).order_by("code"))


def _stages(raw: Sequence[Any]) -> list[tuple[str, dt.date, dt.date]]:
    stages: list[tuple[str, dt.date, dt.date]] = []
    if not raw:
        raise ActionError(_("请至少设置一个阶段。"), field="stages")
    if len(raw) > MAX_STAGES:
        raise ActionError(_("阶段不能超过 {n} 个。").format(n=MAX_STAGES), field="stages")
    for n, row in enumerate(raw, start=1):
        name, start, end = (row.get(k) for k in ("name", "start", "end")) if isinstance(row, dict) else row
        name = clean_text(name, field="stages", label=_("第{n}阶段名称").format(n=n), max_length=50)
        start = parse_date(start, field="stages", label=_("“{name}”阶段开始日期").format(name=name))
        end = parse_date(end, field="stages", label=_("“{name}”阶段结束日期").format(name=name))
        if end < start:
            raise ActionError(_("“{name}”阶段的结束日期早于开始日期。").format(name=name), field="stages")
        if stages and start < stages[-1][2]:
            raise ActionError(
                _("阶段须按顺序排列：“{name}”阶段开始早于上一阶段结束。").format(name=name), field="stages"
            )
        stages.append((name, start, end))
    return stages


@transaction.atomic
def do_create_campaign(
    *,
    actor: Any,
    title: str,
    basis: str,
    stages: Sequence[Any],
    tasksets: Iterable[str],
    description: str = "",
) -> Campaign:
    """Define a campaign for the actor's county: its stages in order, and each township's
    工作台账 generated from the chosen task templates (due by the end of the first stage)."""
    if not is_county_lead(actor):
        raise NotAllowed(_("只有县级民政、组织部门或领导小组可以部署专项行动。"))
    county = tree.county_of(actor.org)
    title = clean_text(title, field="title", label=_("名称"), max_length=200)
    basis = clean_text(basis, field="basis", label=_("依据文件"), max_length=300)
    description = clean_text(description, field="description", label=_("工作要求"), max_length=4000, required=False)
    keys = list(dict.fromkeys(tasksets or []))
    if not keys:
        raise ActionError(_("请至少选择一个任务模板。"), field="tasksets")
    unknown = [k for k in keys if k not in BY_KEY]
    if unknown:
        raise ActionError(_("未知的任务模板：{k}").format(k="、".join(unknown)), field="tasksets")
    rows = _stages(stages)
    townships = townships_of(county)
    if not townships:
        raise ActionError(_("本县（区）还没有乡镇（街道），无法生成工作台账。"))
    campaign = Campaign.objects.create(
        region_code=county.code, county=county, title=title, basis=basis, description=description, created_by=actor
    )
    made = [
        Stage.objects.create(campaign=campaign, region_code=county.code, position=n, name=name, start=start, end=end)
        for n, (name, start, end) in enumerate(rows, start=1)
    ]
    first = made[0]
    LedgerItem.objects.bulk_create(
        LedgerItem(
            campaign=campaign,
            stage=first,
            township=town,
            region_code=town.code,
            group=BY_KEY[key].title,
            title=task,
            deadline=first.end,
        )
        for town in townships
        for key in keys
        for task in BY_KEY[key].tasks
    )
    audit.record(
        actor,
        "campaigns.campaign.create",
        campaign,
        after={"title": title, "stages": [r[0] for r in rows], "tasksets": keys, "townships": len(townships)},
    )
    return campaign


def do_start_campaign(campaign: Campaign, *, actor: Any) -> Campaign:
    """Start a drafted campaign: townships see it and keep their ledgers."""
    return CAMPAIGN.apply(campaign, "start", actor=actor)


def do_close_campaign(campaign: Campaign, *, actor: Any) -> Campaign:
    """Close a campaign whose stages are all closed."""
    return CAMPAIGN.apply(campaign, "close", actor=actor)


def do_close_stage(stage: Stage, *, actor: Any) -> Stage:
    """Close a stage: only the earliest open one, only when its ledger rows and 整改 items are done."""
    return STAGE.apply(stage, "close", actor=actor)


def _must_run(campaign: Campaign) -> None:
    if campaign.state != CampaignState.RUNNING:
        raise Conflict(_("专项行动当前状态为“{s}”，不能执行此操作。").format(s=campaign.get_state_display()))


def _last_day(campaign: Campaign) -> dt.date | None:
    last = campaign.stages.order_by("-position").first()
    return last.end if last is not None else None


@transaction.atomic
def do_add_item(
    campaign: Campaign, *, actor: Any, township: Org, stage: Stage, title: str, deadline: Any, owner: str = ""
) -> LedgerItem:
    """The county adds one task to a township's 工作台账, due within the campaign."""
    if not leads(campaign, actor):
        raise NotAllowed(_("只有县级民政、组织部门或领导小组可以下达台账任务。"))
    if campaign.state == CampaignState.CLOSED:
        raise Conflict(_("专项行动已结束，不能再添加任务。"))
    if township.kind != OrgKind.TOWNSHIP or township.parent_id != campaign.county_id:
        raise ActionError(_("请选择本县（区）的乡镇（街道）。"), field="township")
    if stage.campaign_id != campaign.pk or stage.state != StageState.OPEN:
        raise ActionError(_("请选择本专项行动未结束的阶段。"), field="stage")
    title = clean_text(title, field="title", label=_("任务"), max_length=200)
    owner = clean_text(owner, field="owner", label=_("责任人"), max_length=50, required=False)
    deadline = parse_date(deadline, field="deadline", label=_("完成时限"))
    if deadline < stage.start:
        raise ActionError(
            _("完成时限（{d}）早于“{name}”阶段的开始日期（{s}）。").format(d=deadline, name=stage.name, s=stage.start),
            field="deadline",
        )
    last = _last_day(campaign)
    if last is not None and deadline > last:
        raise ActionError(_("完成时限晚于专项行动的结束日期（{d}）。").format(d=last), field="deadline")
    item = LedgerItem.objects.create(
        campaign=campaign,
        stage=stage,
        township=township,
        region_code=township.code,
        title=title,
        owner=owner,
        deadline=deadline,
    )
    audit.record(actor, "campaigns.item.add", item, after={"title": title, "deadline": deadline, "stage": stage.name})
    return item


def do_update_item(
    item: LedgerItem, *, actor: Any, status: str, owner: str = "", note: str = "", files: Any = None
) -> LedgerItem:
    """The township keeps its ledger row: owner, status, progress note and evidence files."""
    if not keeps(item, actor):
        raise NotAllowed(_("只有本乡镇（街道）经办人可以维护本乡镇的工作台账。"))
    _must_run(item.campaign)
    if status not in ItemStatus.values:
        raise ActionError(_("请选择台账状态。"), field="status")
    owner = clean_text(owner, field="owner", label=_("责任人"), max_length=50, required=status != ItemStatus.TODO)
    note = clean_text(note, field="note", label=_("进展情况"), max_length=2000, required=status == ItemStatus.DONE)
    checked = check_evidence(files)
    with discard_on_error() as stored, transaction.atomic():
        locked = LedgerItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if locked.stage.state != StageState.OPEN:
            raise Conflict(_("“{name}”阶段已结束，台账不能再修改。").format(name=locked.stage.name))
        before = audit.snapshot(locked, ["status", "owner", "note"])
        locked.status, locked.owner, locked.note, locked.updated_by = status, owner, note, actor
        locked.save(update_fields=["status", "owner", "note", "updated_by", "updated_at"])
        for upload in checked:
            record = LedgerEvidence(item=locked, region_code=locked.region_code)
            stored.append(record.put(upload, uploaded_by=actor))
            record.save()
        audit.record(
            actor,
            "campaigns.item.update",
            locked,
            before=before,
            after={**audit.snapshot(locked, ["status", "owner", "note"]), "files": [c.name for c in checked]},
        )
    return locked


@transaction.atomic
def do_submit_report(campaign: Campaign, *, actor: Any, month: Any, text: str) -> MonthlyReport:
    """A township's monthly progress report (one per month), with a snapshot of its ledger rows."""
    if not is_township_officer(actor) or actor.org.parent_id != campaign.county_id:
        raise NotAllowed(_("只有本县（区）乡镇（街道）经办人可以报送月度进展。"))
    _must_run(campaign)
    first_day = parse_month(month)
    text = clean_text(text, field="text", label=_("进展情况"), max_length=4000)
    today = timezone.localdate()
    if first_day > today.replace(day=1):
        raise ActionError(_("不能报送未来月份的进展。"), field="month")
    start = campaign.stages.order_by("position").first()
    if start is not None and first_day < start.start.replace(day=1):
        raise ActionError(_("该月份早于专项行动开始时间。"), field="month")
    township = actor.org
    if MonthlyReport.objects.filter(campaign=campaign, township=township, month=first_day).exists():
        raise ActionError(_("{m:%Y年%m月}的进展已经报送过，每月只报送一次。").format(m=first_day), field="month")
    snapshot = [
        {"id": i.pk, "title": i.title, "status": i.status, "deadline": i.deadline.isoformat()}
        for i in campaign.items.filter(township=township).order_by("deadline", "id")
    ]
    report = MonthlyReport.objects.create(
        campaign=campaign,
        township=township,
        region_code=township.code,
        month=first_day,
        text=text,
        snapshot=snapshot,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    audit.record(
        actor, "campaigns.report.submit", report, after={"month": f"{first_day:%Y-%m}", "late": report.is_late}
    )
    return report


def stage_for(campaign: Campaign, deadline: dt.date) -> Stage:
    """The open stage whose dates hold a 整改 deadline (a stage can't close while it is open)."""
    open_stages = list(campaign.stages.filter(state=StageState.OPEN).order_by("position"))
    if not open_stages:
        raise ActionError(_("专项行动的阶段都已结束。"), field="deadline")
    if deadline < open_stages[0].start:
        raise ActionError(
            _("整改时限（{d}）早于当前“{name}”阶段的开始日期（{s}）。").format(
                d=deadline, name=open_stages[0].name, s=open_stages[0].start
            ),
            field="deadline",
        )
    for stage in open_stages:
        if deadline <= stage.end:
            return stage
    raise ActionError(_("整改时限晚于专项行动的结束日期（{d}）。").format(d=open_stages[-1].end), field="deadline")


@transaction.atomic
def do_record_inspection(
    campaign: Campaign,
    *,
    actor: Any,
    target: Org,
    date: Any,
    group: str,
    method: str,
    findings: str | Sequence[str],
    deadline: Any,
    summary: str = "",
) -> Inspection:
    """Record an inspection (明察暗访) of a township or community; each finding becomes a 整改
    item for the township, due by ``deadline``."""
    if not leads(campaign, actor):
        raise NotAllowed(_("只有县级民政、组织部门或领导小组（联合检查组）可以记录检查。"))
    _must_run(campaign)
    if target.kind == OrgKind.TOWNSHIP and target.parent_id == campaign.county_id:
        township = target
    elif (
        target.kind in GRASSROOTS_KINDS and target.parent is not None and target.parent.parent_id == campaign.county_id
    ):
        township = target.parent
    else:
        raise ActionError(_("检查对象须为本县（区）的乡镇（街道）或社区（村）。"), field="target")
    day = parse_date(date, field="date", label=_("检查日期"))
    if day > timezone.localdate():
        raise ActionError(_("检查日期不能晚于今天。"), field="date")
    group = clean_text(group, field="group", label=_("检查组"), max_length=100)
    if method not in InspectionMethod.values:
        raise ActionError(_("请选择检查方式。"), field="method")
    summary = clean_text(summary, field="summary", label=_("检查情况"), max_length=4000, required=False)
    lines = findings.splitlines() if isinstance(findings, str) else list(findings)
    problems = [clean_text(x, field="findings", label=_("发现问题"), max_length=500) for x in lines if str(x).strip()]
    if len(problems) > MAX_FINDINGS:
        raise ActionError(_("一次最多记录 {n} 个问题。").format(n=MAX_FINDINGS), field="findings")
    due = parse_date(deadline, field="deadline", label=_("整改时限")) if problems else None
    if due is not None and due < day:
        raise ActionError(_("整改时限早于检查日期。"), field="deadline")
    stage = stage_for(campaign, due) if due is not None else None
    inspection = Inspection.objects.create(
        campaign=campaign,
        target=target,
        township=township,
        region_code=target.code,
        date=day,
        group=group,
        method=method,
        summary=summary,
        created_by=actor,
    )
    for text in problems:
        assert due is not None and stage is not None
        Finding.objects.create(
            inspection=inspection,
            campaign=campaign,
            stage=stage,
            township=township,
            target=target,
            region_code=target.code,
            description=text,
            deadline=due,
        )
    audit.record(
        actor,
        "campaigns.inspection.record",
        inspection,
        after={"target": target.name, "method": method, "findings": problems, "deadline": due},
    )
    return inspection


def do_rectify_finding(finding: Finding, *, actor: Any, text: str, files: Any = None) -> Finding:
    """The township reports how it rectified a finding, with evidence, for the county to accept."""
    FINDING.check(finding, "rectify", actor=actor)
    text = clean_text(text, field="text", label=_("整改情况"), max_length=4000)
    checked = check_evidence(files)
    if not checked and not finding.files.exists():
        raise ActionError(_("请上传整改佐证材料（照片或文件）。"), field="evidence")
    with discard_on_error() as stored, transaction.atomic():
        moved = FINDING.apply(finding, "rectify", actor=actor, changes={"rectification": text})
        for upload in checked:
            record = FindingEvidence(finding=moved, region_code=moved.region_code)
            stored.append(record.put(upload, uploaded_by=actor))
            record.save()
    return moved


def do_accept_finding(finding: Finding, *, actor: Any) -> Finding:
    """The county accepts a rectification (验收通过)."""
    return FINDING.apply(finding, "accept", actor=actor)


def do_return_finding(finding: Finding, *, actor: Any, reason: str) -> Finding:
    """The county returns a rectification to be redone (退回), with the reason."""
    clean_text(reason, field="reason", label=_("退回理由"), max_length=500)
    return FINDING.apply(finding, "return", actor=actor, reason=reason)


@transaction.atomic
def escalate_overdue_finding(finding: Finding) -> Finding | None:
    """An open 整改 item past its deadline becomes a supervision case, once (the daily sweep)."""
    locked = Finding.objects.select_for_update(of=("self",)).filter(pk=finding.pk).first()
    if locked is None or locked.case_id is not None or locked.state != FindingState.OPEN:
        return None
    target = locked.target
    case = do_open_case(
        actor=None,
        source=CaseSource.CAMPAIGN_OVERDUE,
        region_code=locked.region_code,
        title=_("专项行动整改逾期：{t}").format(t=locked.description),
        description=_("{campaign}：{town}{target}未在 {d} 前完成整改。").format(
            campaign=locked.campaign.title,
            town=locked.township.name,
            target="" if target.pk == locked.township_id else target.name,
            d=locked.deadline,
        ),
        rule_ref=_("整改落实阶段：对检查评估发现的问题明确整改措施和时限，抓好落实"),
        community=target if target.kind in GRASSROOTS_KINDS else None,
        source_obj=locked,
    )
    locked.case_id = case.pk
    locked.save(update_fields=["case_id", "updated_at"])
    audit.record(
        None,
        "campaigns.finding.escalate",
        locked,
        org=locked.township,
        after={"case": case.pk, "deadline": locked.deadline},
    )
    return locked
