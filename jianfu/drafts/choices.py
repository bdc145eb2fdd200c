"""Vocabulary of the draft review (发文前审核)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("退回修改")
    PASSED = "passed", _("审核通过")
    CONDITIONAL = "conditional", _("附条件通过")
    ISSUED = "issued", _("已印发")
    WITHDRAWN = "withdrawn", _("已撤回")
    # An issued document that was never reviewed (found by the reviewers, or issued while the
    # review was pending or after a return), reported to supervision.
    UNREVIEWED = "unreviewed", _("未经审核印发")


# States in which the department may issue the document.
ISSUABLE = (DraftState.PASSED, DraftState.CONDITIONAL)
OPEN_STATES = (DraftState.SUBMITTED,)
STATE_TONE = {
    DraftState.SUBMITTED: "",
    DraftState.RETURNED: "warn",
    DraftState.PASSED: "ok",
    DraftState.CONDITIONAL: "ok",
    DraftState.ISSUED: "ok",
    DraftState.WITHDRAWN: "off",
    DraftState.UNREVIEWED: "bad",
}


class Decision(models.TextChoices):
    """What the reviewer decides on a submitted draft (审核意见)."""

    PASS = "pass", _("审核通过")
    PASS_CONDITIONS = "pass_conditions", _("附条件通过")
    RETURN = "return", _("退回修改")


class Source(models.TextChoices):
    PASTED = "pasted", _("粘贴正文")
    FILE = "file", _("上传文件")


VERDICT_TONE = {
    "listed": "ok", "admitted": "ok", "mismatch": "warn", "review": "warn", "unlisted": "warn", "negative": "bad",
}  # fmt: skip
