from django.db import models


class Verdict(models.TextChoices):
    """The gate's verdict on a task (派发审查结论)."""

    LISTED = "listed", "在清单内"
    ADMITTED = "admitted", "已准入"
    UNLISTED = "unlisted", "未准入"
    NEGATIVE = "negative", "负面清单"


VERDICT_TONE = {Verdict.LISTED: "ok", Verdict.ADMITTED: "ok", Verdict.UNLISTED: "warn", Verdict.NEGATIVE: "bad"}
# Tasks the community may refuse with one click, the rule cited for it.
ONE_CLICK_REFUSAL = (Verdict.UNLISTED, Verdict.NEGATIVE)


class TaskState(models.TextChoices):
    SENT = "sent", "待接收"
    ACCEPTED = "accepted", "已接收"
    REFUSED = "refused", "已拒收"
    COMPLETED = "completed", "已完成"
