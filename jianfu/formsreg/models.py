"""The forms registry (表格报备): forms and their fields, the community's base data, submissions,
the township's annual schedule and the demands departments make."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _l

from jianfu.catalog.choices import PER_YEAR, FrequencyUnit
from jianfu.core.files import StoredFile
from jianfu.orgs.scoping import ScopedModel

from .choices import BasisLevel, DemandBreach, FieldType, FormState, Granularity, ScheduleState

MINUTES_PER_FIELD = Decimal(3)  # collecting and entering one indicator for one community, by hand
MINUTES_PER_CHECK = Decimal("0.5")  # checking a pre-filled indicator


class FormDef(ScopedModel):  # 报表（报备的表格）
    """A form a department (or township) wants communities to fill, registered with its fields.

    ``region_code`` is the owner's division (a county department's county code). A form resting
    on a list item is active at once; one without needs admission (一事一报: one application
    per form) and is active once that application is approved."""

    owner_org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_l("报备单位"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_l("报备号"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_l("年度"))
    title = models.CharField(_l("表格名称"), max_length=200)
    purpose = models.TextField(_l("用途说明"), blank=True)
    frequency_count = models.PositiveSmallIntegerField(_l("频次"), default=1)
    frequency_unit = models.CharField(
        _l("频次单位"), max_length=8, choices=FrequencyUnit.choices, default=FrequencyUnit.YEAR
    )
    due_dates = models.JSONField(_l("报送日期"), default=list, blank=True)  # ISO dates within ``year``
    basis = models.TextField(_l("法律政策依据"))
    basis_level = models.CharField(_l("依据层级"), max_length=10, choices=BasisLevel.choices)
    personal_basis = models.TextField(_l("收集个人信息的依据"), blank=True)
    list_item = models.ForeignKey(
        "catalog.ListItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_l("清单事项"),
    )
    application = models.OneToOneField(  # 一事一报: one application per form
        "admission.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_l("准入申请"),
    )
    state = models.CharField(_l("状态"), max_length=10, choices=FormState.choices, db_index=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["owner_org__code", "title", "id"]
        verbose_name = _l("报备表格")

    def __str__(self) -> str:
        return self.title

    @property
    def occurrences_per_year(self) -> int:
        return int(self.frequency_count * PER_YEAR[FrequencyUnit(self.frequency_unit)])

    @property
    def personal(self) -> bool:
        return bool(self.personal_basis.strip())


class FormField(ScopedModel):  # 指标
    """One field of a form. ``concept`` is what it measures across forms: a base-data key
    (``households``), the concept of a field it reuses, or its own ``f<id>``; pre-fill and
    duplicate counts key on it (一数一源)."""

    form = models.ForeignKey(FormDef, on_delete=models.CASCADE, related_name="fields")
    position = models.PositiveSmallIntegerField(_l("序号"))
    name = models.CharField(_l("指标名称"), max_length=100)
    type = models.CharField(_l("类型"), max_length=10, choices=FieldType.choices)
    unit = models.CharField(_l("单位"), max_length=20, blank=True)
    definition = models.CharField(_l("口径"), max_length=300, blank=True)
    granularity = models.CharField(_l("填报粒度"), max_length=10, choices=Granularity.choices)
    choices = models.JSONField(_l("选项"), default=list, blank=True)
    min_value = models.DecimalField(_l("最小值"), max_digits=14, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_l("最大值"), max_digits=14, decimal_places=2, null=True, blank=True)
    concept = models.CharField(max_length=40, db_index=True, blank=True)
    reuse_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["form_id", "position"]
        constraints = [models.UniqueConstraint(fields=["form", "position"], name="formsreg_field_position")]
        verbose_name = _l("指标")

    def __str__(self) -> str:
        return self.name


class FormLayout(ScopedModel, StoredFile):  # 部门表样
    """The department's own xlsx layout of a form; the filled form is exported into it."""

    form = models.OneToOneField(FormDef, on_delete=models.CASCADE, related_name="layout")
    upload_dir = "formsreg"


class BaseFact(ScopedModel):  # 社区基础信息（一项）
    """One figure of a community's base data, kept once, with its owning source and last update."""

    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=40)
    value = models.CharField(_l("数值"), max_length=200)
    source_org = models.ForeignKey(
        "orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_l("数据来源")
    )
    source_form = models.ForeignKey(FormDef, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_l("更新时间"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "key"], name="formsreg_one_fact_per_key")]
        verbose_name = _l("社区基础信息")


class Submission(ScopedModel):  # 填报
    """A community's filled form for one due date; ``values`` maps field id → value (aggregates)."""

    form = models.ForeignKey(FormDef, on_delete=models.PROTECT, related_name="submissions")
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_l("报送日期"))
    values = models.JSONField(default=dict)
    offered = models.JSONField(default=list)  # ids of fields the platform pre-filled
    prefilled = models.JSONField(default=list)  # ids of those the worker kept unchanged
    minutes = models.PositiveIntegerField(_l("用时（分钟）"), default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "community", "due_date"], name="formsreg_one_submission")
        ]
        verbose_name = _l("填报")


class Schedule(ScopedModel):  # 年度报表计划
    """A township's one schedule of every form its communities fill in a year."""

    township = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_l("年度"))
    state = models.CharField(_l("状态"), max_length=10, choices=ScheduleState.choices, default=ScheduleState.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="formsreg_one_schedule")]
        verbose_name = _l("年度报表计划")


class ScheduleEntry(ScopedModel):
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="entries")
    form = models.ForeignKey(FormDef, on_delete=models.PROTECT, related_name="+")
    due_dates = models.JSONField(default=list)

    class Meta:
        ordering = ["schedule_id", "form__title"]
        constraints = [models.UniqueConstraint(fields=["schedule", "form"], name="formsreg_once_per_schedule")]


class Demand(ScopedModel):  # 索表（部门要求社区填报）
    """A department asking a township's communities to fill a form by a date. A demand outside
    the township's published schedule, or beyond the form's frequency, is a breach."""

    form = models.ForeignKey(FormDef, on_delete=models.PROTECT, related_name="demands")
    township = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_l("报送日期"))
    demanded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    breach = models.CharField(_l("违规"), max_length=10, choices=DemandBreach.choices, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class FormCap(ScopedModel):  # 表格限额
    """How many forms of its own decision a level may add (seed 003: 3–5 per district and street),
    set per county; ``region_code`` is the county's."""

    level = models.CharField(max_length=10, choices=BasisLevel.choices)
    limit = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region_code", "level"], name="formsreg_one_cap")]
