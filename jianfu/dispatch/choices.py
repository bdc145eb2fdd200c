from django.db import models


class Verdict(models.TextChoices):
    """The gate's verdict on a task (派发审查结论)."""

    LISTED = "listed", "在清单内"
    ADMITTED = "admitted", "已准入"
    UNLISTED = "unlisted", "未准入"
    NEGATIVE = "negative", "负面清单"
    MISMATCH = "mismatch", "依据不符"
    REVIEW = "review", "待人工研判"


VERDICT_TONE = {
    Verdict.LISTED: "ok",
    Verdict.ADMITTED: "ok",
    Verdict.UNLISTED: "warn",
    Verdict.NEGATIVE: "bad",
    Verdict.MISMATCH: "bad",
    Verdict.REVIEW: "warn",
}
# Tasks the community may refuse with one click, the rule cited for it: no valid basis (未准入),
# forbidden work or a forbidden certificate (负面清单), a basis that does not fit the task (依据不符),
# and a task the gate could not place (待人工研判: no listed basis was established either).
ONE_CLICK_REFUSAL = (Verdict.UNLISTED, Verdict.NEGATIVE, Verdict.MISMATCH, Verdict.REVIEW)
# Verdicts a sender must confirm before sending.
NEEDS_CONFIRMATION = ONE_CLICK_REFUSAL


class TaskState(models.TextChoices):
    SENT = "sent", "待接收"
    ACCEPTED = "accepted", "已接收"
    REFUSED = "refused", "已拒收"
    COMPLETED = "completed", "已完成"
