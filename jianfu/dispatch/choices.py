from django.db import models
from django.utils.translation import gettext_lazy


class Verdict(models.TextChoices):
    """The gate's verdict on a task (派发审查结论)."""

    LISTED = "listed", gettext_lazy("在清单内")
    ADMITTED = "admitted", gettext_lazy("已准入")
    UNLISTED = "unlisted", gettext_lazy("未准入")
    NEGATIVE = "negative", gettext_lazy("负面清单")
    MISMATCH = "mismatch", gettext_lazy("依据不符")
    REVIEW = "review", gettext_lazy("待人工研判")


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
    SENT = "sent", gettext_lazy("待接收")
    ACCEPTED = "accepted", gettext_lazy("已接收")
    REFUSED = "refused", gettext_lazy("已拒收")
    COMPLETED = "completed", gettext_lazy("已完成")
