"""Admission (准入): departments apply before pushing new work onto communities."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.catalog.workload import WorkloadFields
from jianfu.core.files import StoredFile, stored_file_path
from jianfu.orgs.choices import DeptKind, OrgKind
from jianfu.orgs.scoping import ScopedModel

from .choices import Affairs, AppKind, AppState, TargetScope, WindowState

if TYPE_CHECKING:
    from jianfu.orgs.models import Org


PLAN_NUMBERS = "admission.plan"  # core.numbering kind of the plan's 印发通知


def plan_issuer(window: PlanWindow) -> Org:
    """The office that issues the plan: the county's 领导小组, which adopts it; the county itself
    when it has none."""
    group = window.org.children.filter(kind=OrgKind.DEPARTMENT, dept_kind=DeptKind.LEADING_GROUP).first()
    return group or window.org


class PlanWindow(ScopedModel):
    """The county's yearly window for annual-plan applications (年度计划申报窗口).

    Opened and closed by the county's list owner; once closed, the approved annual applications
    are published as the 年度社区工作事项计划清单.
    """

    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("县（区）")
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    state = models.CharField(gettext_lazy("状态"), max_length=12, choices=WindowState.choices, default=WindowState.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The 发文字号 of the plan's publication notice (core.numbering, per issuing office and year).
    doc_year = models.PositiveSmallIntegerField(gettext_lazy("发文年度"), null=True, blank=True)
    doc_number = models.PositiveIntegerField(gettext_lazy("发文顺序号"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="admission_one_window_per_year")]
        verbose_name = "年度计划窗口"

    def __str__(self) -> str:
        return f"{self.org.name}{self.year}年度社区工作事项计划"


class Application(ScopedModel, WorkloadFields):  # 准入申请
    """A department's request to put a piece of work on communities. Its workload (roles,
    funding, frequency, minutes, community type) is the list item's (``WorkloadFields``).

    Party affairs get their first review (初审) from 组织部, government affairs from 民政局; the
    领导小组 then decides (审议). Approval adds the item to the next draft of the county's lists.
    """

    applicant_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("申请单位")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("经办人")
    )
    kind = models.CharField(gettext_lazy("申请类型"), max_length=10, choices=AppKind.choices, default=AppKind.ADHOC)
    plan_window = models.ForeignKey(
        PlanWindow, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    affairs = models.CharField(
        gettext_lazy("事务类别"), max_length=12, choices=Affairs.choices, default=Affairs.GOVERNMENT
    )
    state = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=AppState.choices, default=AppState.DRAFT, db_index=True
    )

    title = models.CharField(gettext_lazy("事项名称"), max_length=200)
    description = models.TextField(gettext_lazy("事项内容"))
    basis = models.TextField(gettext_lazy("法律政策依据"))
    category = models.CharField(gettext_lazy("清单类别"), max_length=16)
    target_scope = models.CharField(
        gettext_lazy("涉及社区"), max_length=12, choices=TargetScope.choices, default=TargetScope.ALL
    )
    target_townships = models.JSONField(gettext_lazy("指定乡镇"), default=list, blank=True)  # org codes
    affected_count = models.PositiveIntegerField(gettext_lazy("涉及社区数"), default=0)
    start_date = models.DateField(gettext_lazy("开始日期"))
    end_date = models.DateField(gettext_lazy("结束日期"))

    # Pre-check findings (自动预审), stored on submission: [{rule, severity, message, item_code, …}].
    findings = models.JSONField(gettext_lazy("预审结果"), default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_date = models.DateField(gettext_lazy("审查期限"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(gettext_lazy("审查意见"), blank=True)
    list_item_code = models.CharField(gettext_lazy("清单编号"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = "准入申请"

    def __str__(self) -> str:
        return self.title

    @property
    def hours_total(self) -> Decimal:
        return (self.hours_per_community * self.affected_count).quantize(Decimal("0.1"))

    @property
    def item_code(self) -> str:
        """The list code this application gets when approved (cannot collide with hand-made codes)."""
        return f"ZR-{self.start_date.year}-{self.pk}"

    @property
    def category_label(self) -> str:
        from jianfu.catalog.choices import CATEGORY_SHORT, Category

        return (
            str(CATEGORY_SHORT.get(Category(self.category), self.category))
            if self.category in Category.values
            else self.category
        )

    @property
    def township_names(self) -> list[str]:
        from jianfu.orgs.models import Org

        return list(Org.objects.filter(code__in=self.target_townships or []).values_list("name", flat=True))

    @property
    def has_blocking_finding(self) -> bool:
        return any(f.get("severity") == "block" for f in self.findings or [])


def attachment_path(instance: Attachment, filename: str) -> str:
    """Referenced by migration 0001 only; files are placed by ``StoredFile.storage_dir`` now."""
    return stored_file_path(instance, filename)


class Attachment(ScopedModel, StoredFile):
    """A PDF or Word document attached to an application (材料), downloadable only by those who
    may see the application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")

    def storage_dir(self) -> str:
        return f"admission/{self.application.region_code}/{self.application_id}"

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "申请材料"
