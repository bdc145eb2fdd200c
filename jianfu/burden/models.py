"""The burden ledger (负担台账): what lands on each community, the limits, breaches and rollups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel

from .choices import Kind, Listed, RuleCode, SourceLevel


class Event(ScopedModel):
    """A meeting or inspection (会议/检查) recorded once by its convener for all communities
    concerned; each attendee community gets one ledger entry pointing back here."""

    # region_code (ScopedModel): the convener's division
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=Kind.choices)
    convener = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("召集单位")
    )
    title = models.CharField(gettext_lazy("名称"), max_length=200)
    occurred_on = models.DateField(gettext_lazy("日期"))
    minutes = models.PositiveIntegerField(gettext_lazy("用时（分钟）"))
    # Why the convener went on although the pre-check warned of a limit (empty if none was broken).
    override_reason = models.TextField(gettext_lazy("超限理由"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = "会议/检查"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"


class LedgerEntry(ScopedModel):
    """One thing that landed on one community (负担台账条目): a task, meeting, inspection, form,
    ledger (台账), certificate, plaque, app/group or assessment, with the org that caused it and
    the minutes it took (Standard Cost Model: minutes per occurrence; one row per occurrence)."""

    # The community's code; redeclared without its own index: burden_entry_region_date serves it.
    region_code = models.CharField(max_length=12)
    community = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("社区/村")
    )
    source_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("来源单位")
    )
    source_level = models.CharField(gettext_lazy("来源层级"), max_length=16, choices=SourceLevel.choices)
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=Kind.choices)
    occurred_on = models.DateField(gettext_lazy("日期"))
    minutes = models.PositiveIntegerField(gettext_lazy("用时（分钟）"))
    listed = models.BooleanField(gettext_lazy("清单内"), null=True)
    list_item = models.ForeignKey(
        "catalog.ListItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("清单事项"),
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    # The object that caused it elsewhere, e.g. ("dispatch.task", "42").
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    cert_type = models.CharField(gettext_lazy("证明类型"), max_length=100, blank=True)
    is_veto = models.BooleanField(gettext_lazy("一票否决"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(gettext_lazy("说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["region_code", "occurred_on"], name="burden_entry_region_date"),
            models.Index(fields=["community", "kind", "occurred_on"], name="burden_entry_comm_kind"),
            models.Index(fields=["source_type", "source_id"], name="burden_entry_source"),
        ]
        verbose_name = "负担台账条目"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()} {self.note or ''}".strip()

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


class Rollup(ScopedModel):
    """Monthly pre-aggregate of the ledger (region_code, month, kind, source_org, listed → count,
    minutes). Every action that adds or corrects an entry updates it in the same transaction;
    ``manage.py rebuild_burden_rollups`` rebuilds it from the ledger. Dashboards read this table."""

    # The ledger is rolled up at three depths: community (12 digits), township (9) and county (6),
    # so a county dashboard reads township rows and a province dashboard reads county rows.
    depth = models.PositiveSmallIntegerField()
    # The community's code cut to ``depth`` digits, served by burden_rollup_depth_region.
    region_code = models.CharField(max_length=12)
    month = models.DateField()  # first day of the month
    kind = models.CharField(max_length=16, choices=Kind.choices)
    source_org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    source_level = models.CharField(max_length=16, choices=SourceLevel.choices)
    listed = models.PositiveSmallIntegerField(choices=Listed.choices)
    count = models.IntegerField(default=0)
    minutes = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "month", "kind", "source_org", "listed"], name="burden_rollup_key"
            )
        ]
        indexes = [models.Index(fields=["depth", "region_code", "month"], name="burden_rollup_depth_region")]
        verbose_name = "负担月度汇总"

    def __str__(self) -> str:
        return f"{self.region_code} {self.month:%Y-%m} {self.kind}: {self.count}"


class LimitRule(ScopedModel):
    """A limit on what may land on communities (限额规则). Rows with an empty ``region_code`` are
    the platform defaults (DOMAIN.md); a jurisdiction's own row (its region prefix) overrides them
    for every community below it and may only be stricter."""

    region_code = models.CharField(max_length=12, blank=True, db_index=True)  # blank: the defaults
    org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(gettext_lazy("规则"), max_length=32, choices=RuleCode.choices)
    limit = models.PositiveIntegerField(gettext_lazy("上限"), null=True, blank=True)
    is_active = models.BooleanField(gettext_lazy("启用"), default=True)
    basis = models.CharField(gettext_lazy("依据"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region_code", "code"]
        constraints = [models.UniqueConstraint(fields=["region_code", "code"], name="burden_rule_unique")]
        verbose_name = "限额规则"

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        label = str(RuleCode(self.code).label)
        return label.replace("N", str(self.limit)) if self.limit is not None else label


class Breach(ScopedModel):
    """A limit broken (超限违规记录), citing the rule and the ledger entries that broke it; each one
    is handed to supervision as a case."""

    # region_code (ScopedModel): the community's code
    rule = models.ForeignKey(LimitRule, on_delete=models.PROTECT, related_name="breaches")
    rule_code = models.CharField(max_length=32, choices=RuleCode.choices, db_index=True)
    community = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("社区/村")
    )
    department = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("责任单位")
    )
    occurred_on = models.DateField(gettext_lazy("日期"))
    period = models.CharField(gettext_lazy("统计期"), max_length=20, blank=True)
    count = models.PositiveIntegerField(gettext_lazy("期内次数"), default=1)
    limit = models.PositiveIntegerField(gettext_lazy("上限"), null=True, blank=True)
    description = models.TextField(gettext_lazy("情况"), blank=True)
    reason = models.TextField(gettext_lazy("召集方说明的理由"), blank=True)
    entries = models.ManyToManyField(LedgerEntry, related_name="breaches")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="breaches")
    case = models.ForeignKey("supervision.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = "超限记录"

    def __str__(self) -> str:
        return f"{self.community} · {self.rule.title}"
