"""Vocabulary of special campaigns (专项行动): states, ledger statuses, inspection methods."""

from django.db import models
from django.utils.translation import gettext_lazy


class CampaignState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草拟")
    RUNNING = "running", gettext_lazy("进行中")
    CLOSED = "closed", gettext_lazy("已结束")


class StageState(models.TextChoices):
    OPEN = "open", gettext_lazy("未结束")
    CLOSED = "closed", gettext_lazy("已结束")


class ItemStatus(models.TextChoices):
    """Status of one row of a township's 工作台账."""

    TODO = "todo", gettext_lazy("未开始")
    DOING = "doing", gettext_lazy("推进中")
    DONE = "done", gettext_lazy("已完成")


class FindingState(models.TextChoices):
    """A 整改 item: open (to fix, or returned), rectification reported, accepted by the county."""

    OPEN = "open", gettext_lazy("待整改")
    SUBMITTED = "submitted", gettext_lazy("已报整改")
    ACCEPTED = "accepted", gettext_lazy("已验收")


class InspectionMethod(models.TextChoices):
    """明察 (announced) or 暗访 (unannounced, 四不两直)."""

    OPEN = "open", gettext_lazy("明察")
    COVERT = "covert", gettext_lazy("暗访")


# The stages every plan of seed 000 runs, in order (实施 → 检查评估 → 整改落实 → 持续巩固).
DEFAULT_STAGES = ("实施", "检查评估", "整改落实", "持续巩固")
# A monthly report is due by this day of the following month; later ones are shown as late.
REPORT_DUE_DAY = 5
