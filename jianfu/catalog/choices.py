"""Categories of the lists (清单) and the vocabulary of list items."""

from __future__ import annotations

from decimal import Decimal

from django.db import models


class Category(models.TextChoices):
    """The nine lists of DOMAIN.md ("The lists")."""

    DUTY = "duty", "依法履行职责事项"
    ASSIST = "assist", "依法协助政府工作事项"
    SERVICE = "service", "公共服务事项"
    NEGATIVE = "negative", "不应由社区组织承担的事项（负面清单）"
    CERTIFICATE = "certificate", "证明事项"
    FORM = "form", "填报表格"
    MECHANISM = "mechanism", "工作机制与牌子"
    EVALUATION = "evaluation", "考核评比/创建达标"
    SYSTEM = "system", "信息系统/政务APP/工作群"


# Short names for tables and charts.
CATEGORY_SHORT = {
    Category.DUTY: "履职事项",
    Category.ASSIST: "协助事项",
    Category.SERVICE: "公共服务",
    Category.NEGATIVE: "负面清单",
    Category.CERTIFICATE: "证明事项",
    Category.FORM: "填报表格",
    Category.MECHANISM: "机制牌子",
    Category.EVALUATION: "考核评比",
    Category.SYSTEM: "系统APP群",
}


class CertKind(models.TextChoices):
    """For certificate items: may the community issue it, or must it never be demanded of it."""

    ALLOWED = "allowed", "可出具的证明"
    FORBIDDEN = "forbidden", "不得要求社区出具的证明"


class CommunityRole(models.TextChoices):
    """The non-professional part a community does in 协助 work (seed 003 / DOMAIN.md)."""

    CONTACT = "contact", "联系居民"
    HOME_VISIT = "home_visit", "协助入户"
    MOBILISE = "mobilise", "组织动员"
    PUBLICITY = "publicity", "宣传教育"
    PERSUADE = "persuade", "说服劝导"
    REPORT = "report", "发现报告"


class FrequencyUnit(models.TextChoices):
    YEAR = "year", "每年"
    QUARTER = "quarter", "每季度"
    MONTH = "month", "每月"
    WEEK = "week", "每周"


PER_YEAR = {
    FrequencyUnit.YEAR: Decimal(1),
    FrequencyUnit.QUARTER: Decimal(4),
    FrequencyUnit.MONTH: Decimal(12),
    FrequencyUnit.WEEK: Decimal(52),
}


class AppliesTo(models.TextChoices):
    BOTH = "both", "城市社区和村"
    URBAN = "urban", "城市社区"
    VILLAGE = "village", "村"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
