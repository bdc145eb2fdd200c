"""Choice labels of assessment (考核评价)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy


class SchemeState(models.TextChoices):
    """Where an annual scheme stands: drafted, being scored, results published."""

    DRAFT = "draft", gettext_lazy("草稿")
    SCORING = "scoring", gettext_lazy("评分中")
    PUBLISHED = "published", gettext_lazy("已公布")


class IndicatorKind(models.TextChoices):
    ITEM = "item", gettext_lazy("清单事项")
    SATISFACTION = "satisfaction", gettext_lazy("居民满意度")
    WORKER = "worker", gettext_lazy("社区工作者（居民评价）")


class Satisfaction(models.TextChoices):
    """The resident-satisfaction indicators (seed 003): the main criterion of the assessment."""

    HOME_VISITS = "home_visits", gettext_lazy("入户走访")
    CONSULTATION = "consultation", gettext_lazy("民主协商")
    SERVICES = "services", gettext_lazy("便民利民服务")
    SOCIAL_ORGS = "social_orgs", gettext_lazy("发展社区社会组织")
    PUBLIC_WELFARE = "public_welfare", gettext_lazy("公益活动")
    PROBLEMS = "problems", gettext_lazy("协调解决居民问题")
    COVENANT = "covenant", gettext_lazy("居民公约落实")


class WorkerRate(models.TextChoices):
    """Residents' view of community workers (seed 003): 见面率、交流率、问题解决率、满意率."""

    MEETING = "meeting", gettext_lazy("见面率")
    TALKING = "talking", gettext_lazy("交流率")
    SOLVED = "solved", gettext_lazy("问题解决率")
    SATISFIED = "satisfied", gettext_lazy("满意率")


RESIDENT_KINDS = (IndicatorKind.SATISFACTION, IndicatorKind.WORKER)
KEY_LABELS: dict[str, Any] = {**dict(Satisfaction.choices), **dict(WorkerRate.choices)}
DEFAULT_SATISFACTION_FLOOR = 50
