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


class ScoreSource(models.TextChoices):
    """Where a score came from: entered by the township, computed from the resident survey, or
    computed from platform data (events closed on time, tasks completed)."""

    MANUAL = "manual", gettext_lazy("人工评分")
    SURVEY = "survey", gettext_lazy("居民问卷")
    DATA = "data", gettext_lazy("平台数据")
    ASSESSOR = "assessor", gettext_lazy("第三方评估")


class AnswerStatus(models.TextChoices):
    """A survey answer is counted, or held out (flagged) until a township officer decides."""

    COUNTED = "counted", gettext_lazy("已计入")
    FLAGGED = "flagged", gettext_lazy("可疑待审")
    ACCEPTED = "accepted", gettext_lazy("审核计入")
    REJECTED = "rejected", gettext_lazy("审核剔除")


COUNTED_STATUSES = (AnswerStatus.COUNTED, AnswerStatus.ACCEPTED)
# The survey's questions: the seven community indicators (seed 003) and residents' satisfaction
# with the community workers (满意率). Each answer is 1–5; the three-level scale maps to 5/4/1.
SURVEY_KEYS: tuple[str, ...] = (*Satisfaction.values, WorkerRate.SATISFIED.value)
SURVEY_QUESTIONS: dict[str, Any] = {
    **dict(Satisfaction.choices),
    WorkerRate.SATISFIED.value: gettext_lazy("对社区工作者的满意度"),
}
LEVELS: dict[str, int] = {"满意": 5, "基本满意": 4, "不满意": 1}
LEVEL_CHOICES = [(5, gettext_lazy("满意")), (4, gettext_lazy("基本满意")), (1, gettext_lazy("不满意"))]
# Suspicious pattern: more than FLAG_AFTER answers from one address within FLAG_MINUTES.
FLAG_AFTER = 3
FLAG_MINUTES = 10
MAX_CODES_PER_BATCH = 500


class Method(models.TextChoices):
    """How a list-item indicator is scored: by the township (with evidence), or computed at
    "compute" time from data the platform holds."""

    MANUAL = "manual", gettext_lazy("乡镇评分")
    EVENTS_ON_TIME = "events_on_time", gettext_lazy("网格事件按时办结率")
    TASKS_COMPLETED = "tasks_completed", gettext_lazy("接收任务完成率")


class ObjectionState(models.TextChoices):
    PENDING = "pending", gettext_lazy("待乡镇决定")
    UPHELD = "upheld", gettext_lazy("异议成立，已改分")
    REJECTED = "rejected", gettext_lazy("异议不成立")
