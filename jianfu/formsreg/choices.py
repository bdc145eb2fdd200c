"""Vocabulary of the forms registry (表格报备, 一表通)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class FieldType(models.TextChoices):
    """What a field (指标) holds."""

    INTEGER = "integer", gettext_lazy("整数")
    DECIMAL = "decimal", gettext_lazy("数值")
    TEXT = "text", gettext_lazy("文本")
    DATE = "date", gettext_lazy("日期")
    CHOICE = "choice", gettext_lazy("选项")
    BOOL = "bool", gettext_lazy("是/否")


NUMERIC_TYPES = (FieldType.INTEGER, FieldType.DECIMAL)


class Granularity(models.TextChoices):
    """What one value of the field stands for: the community as a whole (an aggregate), or one
    household / one person (personal data, allowed only when the form's basis says so)."""

    COMMUNITY = "community", gettext_lazy("社区汇总")
    HOUSEHOLD = "household", gettext_lazy("按户")
    PERSON = "person", gettext_lazy("按人")


PERSONAL = (Granularity.HOUSEHOLD, Granularity.PERSON)


class FormState(models.TextChoices):
    ACTIVE = "active", gettext_lazy("已报备")
    PENDING = "pending", gettext_lazy("待准入")
    MERGED = "merged", gettext_lazy("已合并")
    WITHDRAWN = "withdrawn", gettext_lazy("已停用")


RETIRED = (FormState.MERGED, FormState.WITHDRAWN)


class BasisLevel(models.TextChoices):
    """Which level's decision the form rests on. Forms a county or township adds by its own
    decision count against that level's cap (seed 003: districts and streets keep 3–5 forms)."""

    NATIONAL = "national", gettext_lazy("国家")
    PROVINCE = "province", gettext_lazy("省")
    CITY = "city", gettext_lazy("市")
    COUNTY = "county", gettext_lazy("县（区）")
    TOWNSHIP = "township", gettext_lazy("乡镇（街道）")


CAPPED_LEVELS = (BasisLevel.COUNTY, BasisLevel.TOWNSHIP)
DEFAULT_CAP = 5  # seed 003: 3–5 forms per district and per street; a county may set 0–20


class ScheduleState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("编制中")
    PUBLISHED = "published", gettext_lazy("已发布")


class DemandBreach(models.TextChoices):
    """Why a demand for a form is a breach (违规索表)."""

    NONE = "", gettext_lazy("无")
    OUTSIDE_SCHEDULE = "outside", gettext_lazy("年度计划外索表")
    OVER_FREQUENCY = "frequency", gettext_lazy("超出报备频次")
    NOT_ACTIVE = "inactive", gettext_lazy("表格未报备或未准入")
