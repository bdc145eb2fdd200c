"""Special campaigns (专项行动): stages, each township's 工作台账, monthly reports, inspections
(明察暗访) and the 整改 items they find (seed 000, every plan's 实施步骤)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.core.files import StoredFile
from jianfu.orgs.scoping import ScopedModel

from .choices import REPORT_DUE_DAY, CampaignState, FindingState, InspectionMethod, ItemStatus, StageState


def report_due(month: dt.date) -> dt.date:
    """The day a month's report is due: the REPORT_DUE_DAY of the following month."""
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt.replace(day=REPORT_DUE_DAY)


class Campaign(ScopedModel):
    """One special campaign (专项行动) defined by a county's 民政/组织; region_code is the county's."""

    county = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("县（区）")
    )
    title = models.CharField(gettext_lazy("名称"), max_length=200)
    basis = models.CharField(gettext_lazy("依据文件"), max_length=300)
    description = models.TextField(gettext_lazy("工作要求"), blank=True)
    state = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "专项行动"

    def __str__(self) -> str:
        return self.title

    def current_stage(self) -> Stage | None:
        return self.stages.filter(state=StageState.OPEN).order_by("position").first()


class Stage(ScopedModel):
    """A stage of a campaign (阶段: 实施, 检查评估, 整改落实, 持续巩固), closed in order."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(gettext_lazy("顺序"))
    name = models.CharField(gettext_lazy("阶段"), max_length=50)
    start = models.DateField(gettext_lazy("开始日期"))
    end = models.DateField(gettext_lazy("结束日期"))
    state = models.CharField(gettext_lazy("状态"), max_length=10, choices=StageState.choices, default=StageState.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [models.UniqueConstraint(fields=["campaign", "position"], name="campaign_stage_position")]
        verbose_name = "专项行动阶段"

    def __str__(self) -> str:
        return self.name


class LedgerItem(ScopedModel):
    """One row of a township's 工作台账 (task, owner, deadline, status); region_code: the township's."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="items")
    township = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("乡镇")
    )
    group = models.CharField(gettext_lazy("任务类别"), max_length=50, blank=True)
    title = models.CharField(gettext_lazy("任务"), max_length=200)
    owner = models.CharField(gettext_lazy("责任人"), max_length=50, blank=True)
    deadline = models.DateField(gettext_lazy("完成时限"))
    status = models.CharField(gettext_lazy("状态"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.TODO)
    note = models.TextField(gettext_lazy("进展情况"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["township__code", "deadline", "id"]
        indexes = [models.Index(fields=["campaign", "status"])]
        verbose_name = "工作台账事项"

    def __str__(self) -> str:
        return self.title


class LedgerEvidence(ScopedModel, StoredFile):
    """A file proving a ledger row's progress (佐证材料)."""

    item = models.ForeignKey(LedgerItem, on_delete=models.CASCADE, related_name="files")

    upload_dir: ClassVar[str] = "campaigns/ledger"

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "台账佐证材料"


class MonthlyReport(ScopedModel):
    """A township's monthly progress report (月度进展报告): text and a snapshot of its ledger."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    township = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("乡镇")
    )
    month = models.DateField(gettext_lazy("月份"))  # the first day of the month reported on
    text = models.TextField(gettext_lazy("进展情况"))
    snapshot = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(gettext_lazy("报送时间"))

    class Meta:
        ordering = ["-month", "township__code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "township", "month"], name="campaign_report_per_month")
        ]
        verbose_name = "月度进展报告"

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def due(self) -> dt.date:
        return report_due(self.month)

    @property
    def is_late(self) -> bool:
        from django.utils import timezone

        return timezone.localdate(self.submitted_at) > self.due


class Inspection(ScopedModel):
    """An inspection (明察暗访) by a county or joint group of a township or community;
    region_code: the inspected org's."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="inspections")
    target = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("检查对象")
    )
    township = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("乡镇")
    )
    date = models.DateField(gettext_lazy("检查日期"))
    group = models.CharField(gettext_lazy("检查组"), max_length=100)
    method = models.CharField(gettext_lazy("方式"), max_length=10, choices=InspectionMethod.choices)
    summary = models.TextField(gettext_lazy("检查情况"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "检查评估"

    def __str__(self) -> str:
        return f"{self.group} {self.date}"


class Finding(ScopedModel):
    """A problem an inspection found, to be rectified (整改事项) by the township by a deadline;
    region_code: the inspected org's."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="findings")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="findings")
    township = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("乡镇")
    )
    target = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("检查对象")
    )
    description = models.CharField(gettext_lazy("发现问题"), max_length=500)
    deadline = models.DateField(gettext_lazy("整改时限"))
    state = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=FindingState.choices, default=FindingState.OPEN, db_index=True
    )
    rectification = models.TextField(gettext_lazy("整改情况"), blank=True)
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rectified_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    returns = models.PositiveSmallIntegerField(gettext_lazy("退回次数"), default=0)
    case_id = models.BigIntegerField(gettext_lazy("监督案件"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "整改事项"

    def __str__(self) -> str:
        return self.description


class FindingEvidence(ScopedModel, StoredFile):
    """A file proving a rectification (整改佐证材料)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="files")

    upload_dir: ClassVar[str] = "campaigns/findings"

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "整改佐证材料"
