"""Vocabulary of grid events (网格事件): where an event comes from, how urgent it is, its states."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class Source(models.TextChoices):
    GRID = "grid", gettext_lazy("网格员上报")
    RESIDENT = "resident", gettext_lazy("居民反映")
    HOTLINE = "hotline", gettext_lazy("12345热线")


class Urgency(models.TextChoices):
    """The four answer times of 接诉即办 (defaults 2 h / 24 h / 7 d / 15 d, see deadlines.py)."""

    EMERGENCY = "emergency", gettext_lazy("紧急")
    URGENT = "urgent", gettext_lazy("加急")
    NORMAL = "normal", gettext_lazy("一般")
    LOW = "low", gettext_lazy("非紧急")


class State(models.TextChoices):
    REPORTED = "reported", gettext_lazy("待社区处置")
    TOWNSHIP = "township", gettext_lazy("待乡镇处置")
    DISPATCHED = "dispatched", gettext_lazy("待部门签收")
    ACCEPTED = "accepted", gettext_lazy("部门办理中")
    HANDLED = "handled", gettext_lazy("待核查")
    REWORK = "rework", gettext_lazy("核查未通过，重办中")
    CLOSED = "closed", gettext_lazy("已办结")


OPEN_STATES = (State.REPORTED, State.TOWNSHIP, State.DISPATCHED, State.ACCEPTED, State.HANDLED, State.REWORK)
# States in which the holder still owes an answer (the clock runs; 待核查 waits on the verifier).
PENDING_STATES = (State.REPORTED, State.TOWNSHIP, State.DISPATCHED, State.ACCEPTED, State.REWORK)
STATE_TONE = {
    State.REPORTED: "warn",
    State.TOWNSHIP: "warn",
    State.DISPATCHED: "warn",
    State.ACCEPTED: "warn",
    State.HANDLED: "info",
    State.REWORK: "bad",
    State.CLOSED: "ok",
}


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", gettext_lazy("满意")
    BASIC = "basic", gettext_lazy("基本满意")
    UNSATISFIED = "unsatisfied", gettext_lazy("不满意")


SATISFIED_VALUES = (Satisfaction.SATISFIED, Satisfaction.BASIC)


class PhotoKind(models.TextChoices):
    REPORT = "report", gettext_lazy("上报照片")
    HANDLING = "handling", gettext_lazy("办理材料")
    JOIN = "join", gettext_lazy("补充照片")


# Rejections by the verifier after which the handling unit is put under supervision (限期督办).
MAX_REJECTIONS = 3
