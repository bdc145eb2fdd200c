"""Vocabulary of admission (准入) applications."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.catalog.choices import Category


class AppKind(models.TextChoices):
    ANNUAL = "annual", gettext_lazy("年度计划")
    ADHOC = "adhoc", gettext_lazy("临时申请")


class Affairs(models.TextChoices):
    """Which office does the first review (初审): 组织部 for party affairs, 民政局 for government."""

    PARTY = "party", gettext_lazy("党务工作（组织部初审）")
    GOVERNMENT = "government", gettext_lazy("政务工作（民政局初审）")


class AppState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草稿")
    SUBMITTED = "submitted", gettext_lazy("待初审")
    FIRST_PASSED = "first_passed", gettext_lazy("待审议")
    RETURNED = "returned", gettext_lazy("退回修改")
    APPROVED = "approved", gettext_lazy("已批准")
    REJECTED = "rejected", gettext_lazy("不予准入")
    WITHDRAWN = "withdrawn", gettext_lazy("已撤回")


OPEN_STATES = (AppState.SUBMITTED, AppState.FIRST_PASSED)
FINAL_STATES = (AppState.APPROVED, AppState.REJECTED, AppState.WITHDRAWN)


class TargetScope(models.TextChoices):
    ALL = "all", gettext_lazy("全县所有社区和村")
    TOWNSHIPS = "townships", gettext_lazy("指定乡镇（街道）")


# Categories an application may ask for (the negative list is never applied for).
APPLY_CATEGORIES = [(v, label) for v, label in Category.choices if v != Category.NEGATIVE]


class WindowState(models.TextChoices):
    OPEN = "open", gettext_lazy("受理中")
    CLOSED = "closed", gettext_lazy("已截止")
    PUBLISHED = "published", gettext_lazy("计划已发布")


class Severity(models.TextChoices):
    BLOCK = "block", gettext_lazy("不予受理")
    WARN = "warn", gettext_lazy("需审核关注")
    INFO = "info", gettext_lazy("提示")
