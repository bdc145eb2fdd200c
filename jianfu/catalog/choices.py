"""Categories of the lists (清单) and the vocabulary of list items."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy


class Category(models.TextChoices):
    """The nine lists of DOMAIN.md ("The lists")."""

    DUTY = "duty", gettext_lazy("依法履行职责事项")
    ASSIST = "assist", gettext_lazy("依法协助政府工作事项")
    SERVICE = "service", gettext_lazy("公共服务事项")
    NEGATIVE = "negative", gettext_lazy("不应由社区组织承担的事项（负面清单）")
    CERTIFICATE = "certificate", gettext_lazy("证明事项")
    FORM = "form", gettext_lazy("填报表格")
    MECHANISM = "mechanism", gettext_lazy("工作机制与牌子")
    EVALUATION = "evaluation", gettext_lazy("考核评比/创建达标")
    SYSTEM = "system", gettext_lazy("信息系统/政务APP/工作群")
    # 印章使用范围 (seed 001: the county's list of what the community seal may be used for; no
    # certificate beyond it). Its own list, so the gate and the public page can cite it.
    SEAL = "seal", gettext_lazy("印章使用范围")


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
    Category.SEAL: "印章使用",
}


class CertKind(models.TextChoices):
    """For certificate items: may the community issue it, or must it never be demanded of it."""

    ALLOWED = "allowed", gettext_lazy("可出具的证明")
    FORBIDDEN = "forbidden", gettext_lazy("不得要求社区出具的证明")


class PlaqueKind(models.TextChoices):
    """For plaques (牌子, in 工作机制与牌子): may it hang, or must it come down (对口挂牌)."""

    ALLOWED = "allowed", gettext_lazy("允许悬挂")
    FORBIDDEN = "forbidden", gettext_lazy("不得悬挂")


class PlaquePosition(models.TextChoices):
    OUTSIDE = "outside", gettext_lazy("门口")
    INSIDE = "inside", gettext_lazy("室内")


class SourceLevel(models.TextChoices):
    """The level of the document an item comes from (its provenance)."""

    NATIONAL = "national", gettext_lazy("国家")
    PROVINCE = "province", gettext_lazy("省")
    CITY = "city", gettext_lazy("市")
    COUNTY = "county", gettext_lazy("县")


class Body(models.TextChoices):
    """Which grassroots body an item binds (seed 004: 党组织、居委会/村委会、服务站、集体经济组织)."""

    RESIDENTS = "residents", gettext_lazy("居委会")
    STATION = "station", gettext_lazy("服务站")
    PARTY = "party", gettext_lazy("党组织")
    VILLAGERS = "villagers", gettext_lazy("村委会")
    COLLECTIVE = "collective", gettext_lazy("集体经济组织")


class CommunityType(models.TextChoices):
    """The kinds of community a source document addresses (城市/农村/涉农社区)."""

    URBAN = "urban", gettext_lazy("城市社区")
    RURAL = "rural", gettext_lazy("农村社区")
    AGRI = "agri", gettext_lazy("涉农社区")


class CommunityRole(models.TextChoices):
    """The non-professional part a community does in 协助 work (seed 003 / DOMAIN.md)."""

    CONTACT = "contact", gettext_lazy("联系居民")
    HOME_VISIT = "home_visit", gettext_lazy("协助入户")
    MOBILISE = "mobilise", gettext_lazy("组织动员")
    PUBLICITY = "publicity", gettext_lazy("宣传教育")
    PERSUADE = "persuade", gettext_lazy("说服劝导")
    REPORT = "report", gettext_lazy("发现报告")


class FrequencyUnit(models.TextChoices):
    YEAR = "year", gettext_lazy("每年")
    QUARTER = "quarter", gettext_lazy("每季度")
    MONTH = "month", gettext_lazy("每月")
    WEEK = "week", gettext_lazy("每周")


PER_YEAR = {
    FrequencyUnit.YEAR: Decimal(1),
    FrequencyUnit.QUARTER: Decimal(4),
    FrequencyUnit.MONTH: Decimal(12),
    FrequencyUnit.WEEK: Decimal(52),
}


class AppliesTo(models.TextChoices):
    BOTH = "both", gettext_lazy("城市社区和村")
    URBAN = "urban", gettext_lazy("城市社区")
    VILLAGE = "village", gettext_lazy("村")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草稿")
    PUBLISHED = "published", gettext_lazy("已发布")


def carries_burden(category: str, cert_kind: str = "", plaque_kind: str = "") -> bool:
    """Whether an item is work the community carries: not the negative list, not a certificate it
    must refuse (不得要求社区出具), not a plaque that must not hang (不得悬挂)."""
    if category == Category.NEGATIVE:
        return False
    if category == Category.CERTIFICATE and cert_kind == CertKind.FORBIDDEN:
        return False
    return not (category == Category.MECHANISM and plaque_kind == PlaqueKind.FORBIDDEN)
