"""Resident projects (民生微实事, seed 004: "群众点菜、党委实施"): proposals, vote rounds with
one-time household codes, the township's annual envelope, milestones and spending."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.core.files import StoredFile
from jianfu.orgs.scoping import ScopedModel

from .choices import ProjectState, RoundKind, RoundState, Source, VoteMode


class Envelope(ScopedModel):
    """A township's annual funding envelope for resident projects (年度民生微实事资金额度).
    The approved budgets of its projects in a year never add up to more."""

    # region_code (ScopedModel): the township's
    township = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(gettext_lazy("年度"))
    amount = models.DecimalField(gettext_lazy("年度额度（元）"), max_digits=12, decimal_places=2)
    funding_source = models.CharField(gettext_lazy("资金来源"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "region_code"]
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="projects_envelope_once")]
        verbose_name = "年度资金额度"

    def __str__(self) -> str:
        return f"{self.year} {self.amount}"


class Project(ScopedModel):
    """A small livelihood project (民生微实事项目) of one community, through its stages."""

    # region_code (ScopedModel): the community's
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(gettext_lazy("年度"), db_index=True)
    title = models.CharField(gettext_lazy("项目名称"), max_length=100)
    description = models.TextField(gettext_lazy("项目内容"))
    estimated_cost = models.DecimalField(gettext_lazy("估算金额（元）"), max_digits=12, decimal_places=2)
    # Never shown on a public page or to anyone outside the community's own staff and township.
    contact = models.CharField(gettext_lazy("联系方式"), max_length=100, blank=True)
    source = models.CharField(gettext_lazy("来源"), max_length=10, choices=Source.choices)
    state = models.CharField(
        gettext_lazy("阶段"), max_length=15, choices=ProjectState.choices, default=ProjectState.PROPOSED, db_index=True
    )
    meeting_record = models.TextField(gettext_lazy("评议会议记录"), blank=True)
    budget = models.DecimalField(gettext_lazy("批准预算（元）"), null=True, blank=True, max_digits=12, decimal_places=2)
    funding_source = models.CharField(gettext_lazy("资金来源"), max_length=200, blank=True)
    supplier = models.CharField(gettext_lazy("实施单位"), max_length=200, blank=True)
    spent = models.DecimalField(gettext_lazy("已支出（元）"), default=0, max_digits=12, decimal_places=2)
    votes = models.PositiveIntegerField(gettext_lazy("评议得票"), null=True, blank=True)
    accept_yes = models.PositiveIntegerField(gettext_lazy("验收赞成"), null=True, blank=True)
    accept_no = models.PositiveIntegerField(gettext_lazy("验收反对"), null=True, blank=True)
    satisfaction = models.DecimalField(
        gettext_lazy("满意度（满分5）"), null=True, blank=True, max_digits=3, decimal_places=2
    )
    reason = models.TextField(gettext_lazy("未采纳/撤回理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region_code", "state"])]
        verbose_name = "民生微实事项目"

    def __str__(self) -> str:
        return self.title


class Milestone(ScopedModel):
    """A public milestone of a project being delivered (实施进度), always with photo evidence."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(gettext_lazy("进度节点"), max_length=100)
    note = models.TextField(gettext_lazy("说明"), blank=True)
    happened_on = models.DateField(gettext_lazy("日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
        verbose_name = "实施进度"


class MilestonePhoto(ScopedModel, StoredFile):
    """A photo of a milestone (现场照片), public with its project."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="photos")

    upload_dir = "projects"

    class Meta:
        ordering = ["id"]
        verbose_name = "进度照片"


class Spending(ScopedModel):
    """One spending line of a project (支出明细); the lines never exceed the approved budget."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="spendings")
    amount = models.DecimalField(gettext_lazy("金额（元）"), max_digits=12, decimal_places=2)
    note = models.CharField(gettext_lazy("用途"), max_length=200)
    spent_on = models.DateField(gettext_lazy("日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "id"]
        verbose_name = "支出明细"


class VoteRound(ScopedModel):
    """A vote round of one community (投票轮次): residents choose among projects under
    deliberation (评议), or accept one delivered project (验收). One vote per household code."""

    # region_code (ScopedModel): the community's
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(gettext_lazy("类型"), max_length=10, choices=RoundKind.choices)
    mode = models.CharField(
        gettext_lazy("投票方式"), max_length=10, choices=VoteMode.choices, default=VoteMode.APPROVAL
    )
    title = models.CharField(gettext_lazy("名称"), max_length=100)
    budget = models.DecimalField(gettext_lazy("本轮预算（元）"), null=True, blank=True, max_digits=12, decimal_places=2)
    projects = models.ManyToManyField(Project, related_name="rounds")
    state = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN, db_index=True
    )
    codes_issued = models.PositiveIntegerField(gettext_lazy("已发投票码"), default=0)
    ballots = models.PositiveIntegerField(gettext_lazy("已投票户数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "投票轮次"

    def __str__(self) -> str:
        return self.title


class VoteCode(ScopedModel):
    """A one-time household code (一户一码) of a round. Only its keyed hash is stored; the code
    itself exists on the printed sheet the community hands out."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "投票码"


class Ballot(ScopedModel):
    """One household's ballot (选票). Not linked to its code, so a vote cannot be traced back to
    the household that printed sheet went to."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="ballot_set")
    accept = models.BooleanField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "选票"


class Pick(models.Model):
    """One project picked on a selection ballot (the rows a tally counts)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="picks")
    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["round", "project"])]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.project_id}"


class Tally(models.Model):
    """A round's counted result for one project (计票结果)."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="tallies")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tallies")
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-votes", "project_id"]
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="projects_tally_once")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.votes}"
