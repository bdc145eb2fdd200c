from django.db import models


class CaseSource(models.TextChoices):
    """Where a supervision case came from: the four intake channels (issue: supervision)."""

    REFUSAL = "refusal", "社区拒收未准入任务"
    BREACH = "breach", "超限额自动预警"
    WORKER_REPORT = "worker_report", "社区工作者反映"
    PUBLIC_REPORT = "public_report", "群众匿名举报"


class CaseState(models.TextChoices):
    RECEIVED = "received", "已受理"
    VERIFYING = "verifying", "核查中"
    SUBSTANTIATED = "substantiated", "查实"
    UNSUBSTANTIATED = "unsubstantiated", "不属实"
    ORDERED = "ordered", "已下发督办单"
    REPLIED = "replied", "部门已回复"
    CLOSED = "closed", "已办结"
