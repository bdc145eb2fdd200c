from django.db import models
from django.utils.translation import gettext_lazy


class ProjectState(models.TextChoices):
    """The stages of a 民生微实事 project (seed 004: 征集 → 评议 → 确定 → 实施 → 验收)."""

    PROPOSED = "proposed", gettext_lazy("征集")
    DELIBERATING = "deliberating", gettext_lazy("评议")
    APPROVED = "approved", gettext_lazy("确定")
    IMPLEMENTING = "implementing", gettext_lazy("实施")
    ACCEPTING = "accepting", gettext_lazy("验收")
    ARCHIVED = "archived", gettext_lazy("归档")
    REJECTED = "rejected", gettext_lazy("未采纳")
    WITHDRAWN = "withdrawn", gettext_lazy("已撤回")


# The stages in order, for boards and numbers (the two refusals last).
STAGES = [s for s in ProjectState]
FUNDED = (ProjectState.APPROVED, ProjectState.IMPLEMENTING, ProjectState.ACCEPTING, ProjectState.ARCHIVED)


class Source(models.TextChoices):
    RESIDENT = "resident", gettext_lazy("居民提出")
    MEETING = "meeting", gettext_lazy("议事会/居民会议")


class RoundKind(models.TextChoices):
    SELECT = "select", gettext_lazy("项目评议投票")
    ACCEPT = "accept", gettext_lazy("验收投票")


class VoteMode(models.TextChoices):
    APPROVAL = "approval", gettext_lazy("赞成投票（可选多项）")
    KNAPSACK = "knapsack", gettext_lazy("限额投票（所选项目总额不超过本轮预算）")


class RoundState(models.TextChoices):
    OPEN = "open", gettext_lazy("投票中")
    CLOSED = "closed", gettext_lazy("已计票")
