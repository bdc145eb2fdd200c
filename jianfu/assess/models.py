"""Assessment of communities (考核评价): one annual scheme per township, scores, two-way ratings.

Seeds 000 (篇一–六), 001, 002, 003, 004: the township is the only assessor of communities, once a
year; indicators come only from the lists; plaques are never a criterion; resident satisfaction
is the main criterion; results are published; communities rate the township and departments back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jianfu.core.files import StoredFile
from jianfu.orgs.scoping import ScopedModel

from .choices import (
    DEFAULT_SATISFACTION_FLOOR,
    KEY_LABELS,
    AnswerStatus,
    IndicatorKind,
    Method,
    ObjectionState,
    SchemeState,
    ScoreSource,
)


class Scheme(ScopedModel):  # 年度考核方案
    """A township's annual comprehensive assessment of its communities; region = the township."""

    township = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="assess_schemes")
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    title = models.CharField(gettext_lazy("名称"), max_length=200)
    satisfaction_floor = models.PositiveSmallIntegerField(
        gettext_lazy("居民满意度最低权重（%）"), default=DEFAULT_SATISFACTION_FLOOR
    )
    state = models.CharField(
        gettext_lazy("状态"), max_length=12, choices=SchemeState.choices, default=SchemeState.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    objection_deadline = models.DateField(gettext_lazy("异议截止日期"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "region_code"]
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="assess_one_scheme_per_year")]

    def __str__(self) -> str:
        return self.title


class Indicator(ScopedModel):  # 考核指标
    """One criterion of a scheme: a current list item, or a resident-satisfaction indicator."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=IndicatorKind.choices)
    item = models.ForeignKey("catalog.ListItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(gettext_lazy("满意度指标"), max_length=20, blank=True)
    title = models.CharField(gettext_lazy("指标名称"), max_length=200)
    weight = models.PositiveSmallIntegerField(gettext_lazy("权重（%）"))
    method = models.CharField(gettext_lazy("评分方式"), max_length=16, choices=Method.choices, default=Method.MANUAL)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_resident(self) -> bool:
        return self.kind != IndicatorKind.ITEM

    @property
    def key_label(self) -> str:
        return str(KEY_LABELS.get(self.key, ""))


class Score(ScopedModel):  # 评分
    """A community's score (0–100) on one indicator; region = the community."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="scores")
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(gettext_lazy("得分"), max_digits=5, decimal_places=1)
    note = models.CharField(gettext_lazy("说明"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        gettext_lazy("来源"), max_length=8, choices=ScoreSource.choices, default=ScoreSource.MANUAL
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "community"], name="assess_one_score")]


class Rating(ScopedModel):  # 履职履约双向评价
    """A community's rating of the township or a department that sent it work (seed 004);
    region = the rating community."""

    rater = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="assess_ratings")
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    score = models.PositiveSmallIntegerField(gettext_lazy("评分（1–5）"))
    funding_on_time = models.BooleanField(gettext_lazy("经费按时到位"), default=True)
    unlisted_work = models.BooleanField(gettext_lazy("有清单外派活"), default=False)
    comment = models.CharField(gettext_lazy("意见"), max_length=500, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "target__code"]
        constraints = [models.UniqueConstraint(fields=["rater", "target", "year"], name="assess_one_rating")]


class SurveyBatch(ScopedModel):  # 问卷码批次
    """One printed sheet of one-time survey codes for a community in a round; region = the
    community. Only the codes' hashes are kept: the plain codes exist only in the printed PDF."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="survey_batches")
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    size = models.PositiveIntegerField(gettext_lazy("份数"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]


class SurveyCode(ScopedModel):  # 一次性问卷码
    """A one-time code, stored as its SHA-256 hash; ``used`` once an answer came with it."""

    batch = models.ForeignKey(SurveyBatch, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)


class SurveyAnswer(ScopedModel):  # 居民满意度问卷答卷
    """One resident's answers (1–5 per question); region = the community. No personal data: the
    code is not linked (only its batch, for response rates) and the client address is kept only
    as a salted hash, to spot many answers from one address within minutes."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="survey_answers")
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(SurveyBatch, on_delete=models.CASCADE, related_name="answers")
    home_visits = models.PositiveSmallIntegerField()
    consultation = models.PositiveSmallIntegerField()
    services = models.PositiveSmallIntegerField()
    social_orgs = models.PositiveSmallIntegerField()
    public_welfare = models.PositiveSmallIntegerField()
    problems = models.PositiveSmallIntegerField()
    covenant = models.PositiveSmallIntegerField()
    satisfied = models.PositiveSmallIntegerField()
    client_hash = models.CharField(max_length=64, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.COUNTED, db_index=True
    )
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]


class DeptAssessAttempt(ScopedModel):  # 部门单独考核社区（违规）
    """A department's attempt to assess or rank communities on its own (seed 000: only the
    township assesses) — a breach, one row per department and year, each with a supervision case;
    region = the department."""

    department = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    attempts = models.PositiveIntegerField(gettext_lazy("次数"), default=1)
    last_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    last_at = models.DateTimeField(default=timezone.now)
    case_id = models.BigIntegerField(gettext_lazy("监督案件"), null=True, blank=True)

    class Meta:
        ordering = ["-last_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="assess_one_dept_attempt")]


class Objection(ScopedModel):  # 考核异议
    """A community's one objection to its draft scores, with reasons, before the deadline; the
    township upholds it (the score is changed) or rejects it (with a reason); region = the
    community."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="objections")
    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(gettext_lazy("异议理由"))
    state = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=ObjectionState.choices, default=ObjectionState.PENDING
    )
    decision = models.CharField(gettext_lazy("决定理由"), max_length=500, blank=True)
    old_value = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    new_value = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "community"], name="assess_one_objection")]


class Visit(ScopedModel):  # 入户走访记录
    """A community worker's household visit (seed 003: 见面率、交流率、问题解决率), logged on the
    phone. The household is a label (e.g. "3栋2单元401"), never a name or an ID number; region =
    the community."""

    community = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    household = models.CharField(gettext_lazy("住户（门牌）"), max_length=60)
    visited_on = models.DateField(gettext_lazy("走访日期"))
    met = models.BooleanField(gettext_lazy("见到住户"), default=True)
    topic = models.CharField(gettext_lazy("交流事项"), max_length=200, blank=True)
    has_problem = models.BooleanField(gettext_lazy("反映了问题"), default=False)
    resolved = models.BooleanField(gettext_lazy("问题已解决"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["worker", "visited_on"])]


class SchemeAssessor(ScopedModel):  # 第三方评估人
    """A user the township appoints to score its assessor indicators with evidence (third-party
    evaluation, seed 003): an assignment on the scheme, not a new role; region = the township."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="assessors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["appointed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "user"], name="assess_one_assessor")]


class ScoreEvidence(ScopedModel, StoredFile):  # 评估证据材料
    """A file a third-party evaluator attaches to a score as its evidence (photos, minutes, a
    report). Seen only by the township that owns the scheme and the community scored; region =
    the community."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="+")

    upload_dir = "assess"

    class Meta:
        ordering = ["id"]
        verbose_name = "评估证据材料"
