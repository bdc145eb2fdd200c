"""Supervision (监督): cases from four channels, 督办单 with replies, 回头看 re-checks and 通报."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.core.crypto import EncryptedTextField
from jianfu.core.files import StoredFile
from jianfu.core.numbering import format_number
from jianfu.orgs.scoping import ScopedModel
from jianfu.orgs.tree import county_code

from .choices import CaseSource, CaseState, EvidenceKind, NoticeState, RecheckOutcome, ReplyDecision


class Case(ScopedModel):
    """A suspected violation of the burden-reduction rules (an unlisted task pushed down, a limit
    broken, a demanded certificate…), to be verified by the supervising office (民政局/组织部) and,
    if substantiated, answered by the responsible department through a 督办单.

    The reporter's identity (``reporter``, ``reporter_name``, ``reporter_contact``) is for the
    supervising office only: selectors and serialisers used by departments never include it.
    """

    source = models.CharField(gettext_lazy("来源"), max_length=20, choices=CaseSource.choices)
    state = models.CharField(gettext_lazy("状态"), max_length=20, choices=CaseState.choices, default=CaseState.RECEIVED)
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    description = models.TextField(gettext_lazy("情况描述"), blank=True)
    # The rule broken, for people ("负面清单 N-03 …" or "乡镇会议每月不超过 4 次").
    rule_ref = models.CharField(gettext_lazy("违反的规定"), max_length=300, blank=True)
    community = models.ForeignKey(
        "orgs.Org",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("涉及社区"),
    )
    department = models.ForeignKey(
        "orgs.Org",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("责任单位"),
    )
    # The object that gave rise to the case, e.g. ("dispatch.task", "42") or ("burden.breach", "7").
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A complainant's identity is personal data: encrypted at rest (core.crypto; JIANFU_FIELD_KEY).
    reporter_name = EncryptedTextField(gettext_lazy("举报人姓名"), blank=True)
    reporter_contact = EncryptedTextField(gettext_lazy("举报人联系方式"), blank=True)
    tracking_code = models.CharField(gettext_lazy("查询码"), max_length=32, blank=True, db_index=True)
    # The verdict of the verification (核查结论), with its reasons.
    finding = models.TextField(gettext_lazy("核查结论"), blank=True)
    substantiated_at = models.DateTimeField(gettext_lazy("查实时间"), null=True, blank=True)
    decided_at = models.DateTimeField(gettext_lazy("核查完成时间"), null=True, blank=True)
    closed_at = models.DateTimeField(gettext_lazy("办结时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(gettext_lazy("回头看重启次数"), default=0)
    # What makes findings "the same problem" for their source, e.g. a breach's rule and period
    # ("township_meetings|2026 年 3 月"). With the source and the responsible unit it names the one
    # open case a new finding joins (``actions.do_open_case``); empty: every finding its own case.
    group_key = models.CharField(max_length=120, blank=True, default="")
    # The decided case of the same group a new finding could not join: a closed case is never
    # reopened silently, the new one links back to it.
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("此前案件"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["department", "group_key"], name="supervision_case_group"),
        ]
        verbose_name = "监督案件"

    def __str__(self) -> str:
        return self.title

    @property
    def county_code(self) -> str:
        return county_code(self.region_code)


class CaseItem(ScopedModel):
    """One finding behind a grouped case (案件涉及事项): the community it concerns and the record
    that showed it (a breach), so the case of one over-limit meeting for 8 communities lists all 8."""

    # region_code (ScopedModel): the community's code
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items")
    community = models.ForeignKey(
        "orgs.Org",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("涉及社区"),
    )
    # The record that showed it, e.g. ("burden.breach", "7"): in one case only.
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(gettext_lazy("情况"), max_length=500, blank=True)
    occurred_on = models.DateField(gettext_lazy("日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=~models.Q(source_id=""),
                name="supervision_caseitem_source_unique",
            )
        ]
        verbose_name = "案件涉及事项"

    def __str__(self) -> str:
        return self.summary[:60]


class Evidence(ScopedModel, StoredFile):
    """A file attached to a report (举报材料) or to a department's reply (整改材料).

    Stored under MEDIA_ROOT with a random name (never the uploaded one) and served only through a
    view that checks who may see it. Report evidence carries no uploader: the case's reporter is
    the only link, and that is for the supervising office only.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    reply = models.ForeignKey("Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(gettext_lazy("类别"), max_length=10, choices=EvidenceKind.choices)

    upload_dir = "supervision"

    class Meta:
        ordering = ["id"]
        verbose_name = "证据材料"


# 督办单 numbers: one sequence per county and year (core.numbering), shared by its two offices.
ORDER_NUMBERS = "supervision.order"
# 通报 numbers: likewise one sequence per county and year, given when the notice is published.
NOTICE_NUMBERS = "supervision.notice"


class Order(ScopedModel):
    """A supervision order (督办单): an official document, numbered per county per year
    (〔2026〕12号), telling a department to rectify by a deadline."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="orders")
    county_code = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    number = models.PositiveIntegerField(gettext_lazy("编号"))
    issuing_office = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("督办单位")
    )
    department = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("被督办单位")
    )
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    facts = models.TextField(gettext_lazy("问题事实"))
    rule = models.CharField(gettext_lazy("违反的规定"), max_length=300)
    rectification = models.TextField(gettext_lazy("整改要求"))
    deadline = models.DateField(gettext_lazy("整改期限"))
    issued_at = models.DateTimeField(gettext_lazy("下发时间"))
    replied_at = models.DateTimeField(gettext_lazy("最近回复时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(gettext_lazy("验收时间"), null=True, blank=True)
    # Set by the escalation run once the deadline passed without a reply (逾期督办).
    escalated_at = models.DateTimeField(gettext_lazy("逾期升级时间"), null=True, blank=True)
    # Counted against the department: no reply by the deadline (kept even after a late reply).
    was_overdue = models.BooleanField(gettext_lazy("曾逾期"), default=False)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["county_code", "year", "number"], name="supervision_order_number_unique")
        ]
        verbose_name = "督办单"

    def __str__(self) -> str:
        return f"督办单{self.doc_no}"

    @property
    def doc_no(self) -> str:
        return format_number(self.year, self.number)

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None


class Reply(ScopedModel):
    """A department's answer to a 督办单: what it rectified (整改情况), with evidence; the
    supervising office accepts it or sends it back."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="replies")
    text = models.TextField(gettext_lazy("整改情况"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    decision = models.CharField(
        gettext_lazy("审核结果"),
        max_length=10,
        choices=ReplyDecision.choices,
        blank=True,
        default=ReplyDecision.PENDING,
    )
    decision_reason = models.TextField(gettext_lazy("审核意见"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "整改回复"

    def __str__(self) -> str:
        return f"整改回复 #{self.pk}"


class Recheck(ScopedModel):
    """A 回头看 re-check scheduled on a closed case; a failed one reopens the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rechecks")
    due_date = models.DateField(gettext_lazy("回头看日期"))
    note = models.CharField(gettext_lazy("回头看要点"), max_length=300, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scheduled_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(
        gettext_lazy("结果"), max_length=10, choices=RecheckOutcome.choices, blank=True, default=RecheckOutcome.PENDING
    )
    result_note = models.TextField(gettext_lazy("回头看情况"), blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = "回头看"

    def __str__(self) -> str:
        return f"回头看 {self.due_date}"


class Notice(ScopedModel):
    """A 通报 for a period: substantiated cases by department (counts, overdue, repeat offenders)
    and good examples. Its content is a snapshot taken when drafted and again when published;
    a published notice never changes and is shown on the county's public page."""

    county = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("县（区）")
    )
    office = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("通报单位")
    )
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    period_start = models.DateField(gettext_lazy("起始日期"))
    period_end = models.DateField(gettext_lazy("截止日期"))
    good_examples = models.TextField(gettext_lazy("典型经验"), blank=True)
    content = models.JSONField(gettext_lazy("内容"), default=dict)
    state = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=NoticeState.choices, default=NoticeState.DRAFT
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(gettext_lazy("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The document number (〔2026〕3号), given on publication from core.numbering; none for a draft.
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"), null=True, blank=True)
    number = models.PositiveIntegerField(gettext_lazy("编号"), null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "year", "number"], name="supervision_notice_number_unique")
        ]
        verbose_name = "通报"

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == NoticeState.PUBLISHED

    @property
    def doc_no(self) -> str:
        return format_number(self.year, self.number) if self.year and self.number else ""
