"""Vocabulary of supervision (监督): where cases come from, their states, evidence and re-checks."""

from django.db import models


class CaseSource(models.TextChoices):
    """Where a supervision case came from: the four intake channels (issue: supervision)."""

    REFUSAL = "refusal", "社区拒收未准入任务"
    BREACH = "breach", "超限额自动预警"
    WORKER_REPORT = "worker_report", "社区工作者反映"
    PUBLIC_REPORT = "public_report", "群众匿名举报"
    UNREVIEWED_DOC = "unreviewed_doc", "未经审核印发涉及社区的文件"


# Sources whose reporter is a person whose identity must be protected (举报人保护).
REPORT_SOURCES = (CaseSource.WORKER_REPORT, CaseSource.PUBLIC_REPORT)


class CaseState(models.TextChoices):
    RECEIVED = "received", "已受理"
    VERIFYING = "verifying", "核查中"
    SUBSTANTIATED = "substantiated", "查实"
    UNSUBSTANTIATED = "unsubstantiated", "不属实"
    ORDERED = "ordered", "已下发督办单"
    REPLIED = "replied", "部门已回复"
    CLOSED = "closed", "已办结"


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
    REPORT = "report", "举报材料"
    REPLY = "reply", "整改材料"


class ReplyDecision(models.TextChoices):
    PENDING = "", "待审核"
    ACCEPTED = "accepted", "验收通过"
    SENT_BACK = "sent_back", "退回重新整改"


class RecheckOutcome(models.TextChoices):
    PENDING = "", "待回头看"
    PASSED = "passed", "整改巩固"
    FAILED = "failed", "问题反弹，重新督办"


class NoticeState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
