"""Drafts under review (发文前审核): the document a department means to issue, its flagged clauses,
the reviewers' opinions (审核意见书) and the uploaded file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.admission.choices import Affairs
from jianfu.core.files import StoredFile
from jianfu.core.numbering import format_number
from jianfu.orgs.scoping import ScopedModel

from .choices import STATE_TONE, Decision, DraftState, Source


class Draft(ScopedModel):  # 发文草稿
    """A department's (or township's) draft document that touches communities, submitted for review
    before it is issued (seed 003: 发文起草单位事先须报…审核). Holds the text as scanned; the clauses
    that put work on communities are its ``clauses``."""

    # region_code (ScopedModel): the drafting org's
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("起草单位"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("文件标题"), max_length=200)
    affairs = models.CharField(_("事务类型"), max_length=12, choices=Affairs.choices)
    issue_date = models.DateField(_("拟印发日期"))
    source = models.CharField(_("正文来源"), max_length=8, choices=Source.choices, default=Source.PASTED)
    text = models.TextField(_("正文"))
    converted = models.BooleanField(_("已由繁体转换"), default=False)
    state = models.CharField(
        _("状态"), max_length=12, choices=DraftState.choices, default=DraftState.SUBMITTED, db_index=True
    )
    version = models.PositiveIntegerField(_("提交次数"), default=1)
    clause_count = models.PositiveIntegerField(_("条款数"), default=0)
    flagged_count = models.PositiveIntegerField(_("涉社区负担条款数"), default=0)
    total_minutes = models.PositiveIntegerField(_("预计负担（分钟/年）"), default=0)
    communities = models.PositiveIntegerField(_("涉及社区数"), default=0)
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    doc_number = models.CharField(_("发文字号"), max_length=60, blank=True)
    case_id = models.BigIntegerField(_("监督案件"), null=True, blank=True)
    report_reason = models.TextField(_("报送监督说明"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("发文草稿")

    def __str__(self) -> str:
        return self.title

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 1)

    @property
    def tone(self) -> str:
        return STATE_TONE.get(DraftState(self.state), "") if self.state in DraftState.values else ""


class DraftClause(ScopedModel):  # 涉社区负担条款
    """One clause of a draft that puts work on communities, with the scan's finding: the kind of
    burden, the gate's verdict, the rule, the estimate and the suggested fix. A reviewer may mark it
    as not a burden (误报) with a note."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="clauses")
    index = models.PositiveIntegerField(_("条款序号"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(_("条款"))
    kind = models.CharField(_("负担类型"), max_length=20)
    kind_label = models.CharField(_("负担类型"), max_length=40)
    kinds = models.JSONField(default=list, blank=True)
    subject = models.CharField(_("义务主体"), max_length=40, blank=True)
    verdict = models.CharField(_("审查结论"), max_length=12)
    verdict_label = models.CharField(_("审查结论"), max_length=20)
    basis = models.CharField(_("依据"), max_length=400, blank=True)
    item_code = models.CharField(_("清单事项"), max_length=60, blank=True)
    rule = models.CharField(_("规则"), max_length=200, blank=True)
    fix = models.TextField(_("修改建议"), blank=True)
    severity = models.CharField(_("严重程度"), max_length=8, default="warn")
    citation = models.CharField(_("引用"), max_length=400, blank=True)
    frequency = models.CharField(_("频次"), max_length=20, blank=True)
    occurrences = models.PositiveIntegerField(_("次/年"), default=0)
    minutes = models.PositiveIntegerField(_("分钟/次"), default=0)
    communities = models.PositiveIntegerField(_("涉及社区数"), default=0)
    total_minutes = models.PositiveIntegerField(_("合计分钟/年"), default=0)
    dismissed = models.BooleanField(_("审核认定不构成负担"), default=False)
    note = models.CharField(_("审核说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["draft", "index"]
        verbose_name = _("涉社区负担条款")

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 1)


class Opinion(ScopedModel):  # 审核意见书
    """The reviewers' written decision on one submission of a draft, numbered per reviewing office
    and year through ``core.numbering`` (kind ``drafts.opinion``)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="opinions")
    decision = models.CharField(_("审核结论"), max_length=16, choices=Decision.choices)
    text = models.TextField(_("审核意见"), blank=True)
    conditions = models.TextField(_("通过条件"), blank=True)
    version = models.PositiveIntegerField(_("审核的提交次数"), default=1)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    flagged = models.JSONField(_("审核时的条款结论"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审核意见书")

    def __str__(self) -> str:
        return self.number_label

    @property
    def number_label(self) -> str:
        return format_number(self.year, self.number)


class DraftFile(ScopedModel, StoredFile):  # 文稿原件
    """The uploaded draft (.docx, .pdf or .txt) as received, downloadable by those who may see the draft."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-version", "-id"]
        verbose_name = _("文稿原件")

    def storage_dir(self) -> str:
        return f"drafts/{self.draft.region_code}/{self.draft_id}"
