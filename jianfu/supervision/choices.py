"""Vocabulary of supervision (监督): where cases come from, their states, evidence and re-checks."""

from django.db import models
from django.utils.translation import gettext_lazy


class CaseSource(models.TextChoices):
    """Where a supervision case came from: the four intake channels (issue: supervision)."""

    REFUSAL = "refusal", gettext_lazy("社区拒收未准入任务")
    BREACH = "breach", gettext_lazy("超限额自动预警")
    WORKER_REPORT = "worker_report", gettext_lazy("社区工作者反映")
    PUBLIC_REPORT = "public_report", gettext_lazy("群众匿名举报")
    UNREVIEWED_DOC = "unreviewed_doc", gettext_lazy("未经审核印发涉及社区的文件")
    CAMPAIGN_OVERDUE = "campaign_overdue", gettext_lazy("专项行动整改逾期")
    # A department assessing or ranking communities on its own (seed 000; assess app's guard)
    ASSESSMENT = "assessment", gettext_lazy("部门违规考核社区")


# Sources whose reporter is a person whose identity must be protected (举报人保护).
REPORT_SOURCES = (CaseSource.WORKER_REPORT, CaseSource.PUBLIC_REPORT)


class CaseState(models.TextChoices):
    RECEIVED = "received", gettext_lazy("已受理")
    VERIFYING = "verifying", gettext_lazy("核查中")
    SUBSTANTIATED = "substantiated", gettext_lazy("查实")
    UNSUBSTANTIATED = "unsubstantiated", gettext_lazy("不属实")
    ORDERED = "ordered", gettext_lazy("已下发督办单")
    REPLIED = "replied", gettext_lazy("部门已回复")
    CLOSED = "closed", gettext_lazy("已办结")


# States in which a department has (or had) a 督办单 and may see the case.
DEPARTMENT_VISIBLE_STATES = (CaseState.ORDERED, CaseState.REPLIED, CaseState.CLOSED)
OPEN_STATES = (CaseState.RECEIVED, CaseState.VERIFYING, CaseState.SUBSTANTIATED, CaseState.ORDERED, CaseState.REPLIED)
STATE_TONE: dict[str, str] = {
    CaseState.RECEIVED: "warn",
    CaseState.VERIFYING: "warn",
    CaseState.SUBSTANTIATED: "bad",
    CaseState.UNSUBSTANTIATED: "off",
    CaseState.ORDERED: "bad",
    CaseState.REPLIED: "warn",
    CaseState.CLOSED: "ok",
}


class EvidenceKind(models.TextChoices):
    REPORT = "report", gettext_lazy("举报材料")
    REPLY = "reply", gettext_lazy("整改材料")


class ReplyDecision(models.TextChoices):
    PENDING = "", gettext_lazy("待审核")
    ACCEPTED = "accepted", gettext_lazy("验收通过")
    SENT_BACK = "sent_back", gettext_lazy("退回重新整改")


class RecheckOutcome(models.TextChoices):
    PENDING = "", gettext_lazy("待回头看")
    PASSED = "passed", gettext_lazy("整改巩固")
    FAILED = "failed", gettext_lazy("问题反弹，重新督办")


class NoticeState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草稿")
    PUBLISHED = "published", gettext_lazy("已发布")
