"""Vocabulary of admission (准入) applications."""

from __future__ import annotations

from django.db import models

from jianfu.catalog.choices import Category


class AppKind(models.TextChoices):
    ANNUAL = "annual", "年度计划"
    ADHOC = "adhoc", "临时申请"


class Affairs(models.TextChoices):
    """Which office does the first review (初审): 组织部 for party affairs, 民政局 for government."""

    PARTY = "party", "党务工作（组织部初审）"
    GOVERNMENT = "government", "政务工作（民政局初审）"


class AppState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待初审"
    FIRST_PASSED = "first_passed", "待审议"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予准入"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATES = (AppState.SUBMITTED, AppState.FIRST_PASSED)
FINAL_STATES = (AppState.APPROVED, AppState.REJECTED, AppState.WITHDRAWN)


class TargetScope(models.TextChoices):
    ALL = "all", "全县所有社区和村"
    TOWNSHIPS = "townships", "指定乡镇（街道）"


# Categories an application may ask for (the negative list is never applied for).
APPLY_CATEGORIES = [(v, label) for v, label in Category.choices if v != Category.NEGATIVE]


class WindowState(models.TextChoices):
    OPEN = "open", "受理中"
    CLOSED = "closed", "已截止"
    PUBLISHED = "published", "计划已发布"


class Severity(models.TextChoices):
    BLOCK = "block", "不予受理"
    WARN = "warn", "需审核关注"
    INFO = "info", "提示"
