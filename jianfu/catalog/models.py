"""The lists (清单): numbered, immutable published versions of a jurisdiction's items, and a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel, ScopedQuerySet

from .choices import (
    Body,
    Category,
    CommunityType,
    PlaqueKind,
    PlaquePosition,
    SourceLevel,
    VersionStatus,
    carries_burden,
)
from .workload import WorkloadFields

if TYPE_CHECKING:
    from jianfu.orgs.models import Org

# The fields that make up an item's content (copied into a new draft, compared by the diff).
ITEM_FIELDS = [
    "code",
    "title",
    "category",
    "cert_kind",
    "basis",
    "department",
    "scope",
    "process",
    "community_roles",
    "funding_amount",
    "funding_source",
    "frequency_count",
    "frequency_unit",
    "minutes_per_occurrence",
    "applies_to",
    "review_date",
    "statutory",
    "issuer",
    "doc_number",
    "issued_on",
    "source_level",
    "batch",
    "adopted_from",
    "bodies",
    "community_types",
    "conditions",
    "plaque_kind",
    "plaque_position",
    "plaque_quota",
    "source_ref",
]
# Where an item comes from (出处): shown together on the item page and the public page.
PROVENANCE_FIELDS = ["issuer", "doc_number", "issued_on", "source_level", "batch", "adopted_from"]


class PublishedVersionError(PermissionError):
    """Raised when code tries to change a published (immutable) version or its items."""


PUBLICATION_NUMBERS = "catalog.publication"  # core.numbering kind of the 印发通知


def publisher_of(version: ListVersion) -> Org:
    """The office that issues a version's publication notice: the publishing officer's org, or
    the jurisdiction itself when none is known."""
    user = version.published_by
    return user.org if user is not None and user.org is not None else version.org


class ListVersion(ScopedModel):
    """One version of a jurisdiction's lists (清单版本).

    A jurisdiction (usually a county; a township or city may keep its own) edits one draft at a
    time; publishing gives the draft the next number and an effective date and freezes it. Earlier
    versions stay readable, so any two can be compared.
    """

    org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="list_versions", verbose_name=gettext_lazy("辖区")
    )
    number = models.PositiveIntegerField(gettext_lazy("版本号"), null=True, blank=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    note = models.TextField(gettext_lazy("说明"), blank=True)
    effective_date = models.DateField(gettext_lazy("生效日期"), null=True, blank=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(gettext_lazy("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The 2–3-year full re-examination of the lists (全面复核, seed 002): a version published as
    # the outcome of one restarts the review clock.
    full_review = models.BooleanField(gettext_lazy("全面复核"), default=False)
    # The 发文字号 of its publication notice (印发通知), from core.numbering per publishing office
    # and year; none for a draft or a version published before notices were numbered.
    doc_year = models.PositiveSmallIntegerField(gettext_lazy("发文年度"), null=True, blank=True)
    doc_number = models.PositiveIntegerField(gettext_lazy("发文顺序号"), null=True, blank=True)

    class Meta:
        ordering = ["org", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], name="catalog_version_number_unique"),
            models.UniqueConstraint(
                fields=["org"], condition=Q(status=VersionStatus.DRAFT), name="catalog_one_draft_per_org"
            ),
        ]
        verbose_name = "清单版本"

    def __str__(self) -> str:
        return f"{self.title}（{f'第 {self.number} 版' if self.number else '草稿'}）"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and self.pk:
            stored = ListVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == VersionStatus.PUBLISHED:
                raise PublishedVersionError("a published list version cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_published:
            raise PublishedVersionError("a published list version cannot be deleted")
        return super().delete(*args, **kwargs)


class ListItemQuerySet(ScopedQuerySet):
    """Bulk writes refuse to touch items of a published version, as ``save``/``delete`` do."""

    def _guard(self) -> None:
        if self.filter(version__status=VersionStatus.PUBLISHED).exists():
            raise PublishedVersionError("items of a published list version cannot change")

    def update(self, **kwargs: Any) -> int:
        self._guard()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._guard()
        return super().delete()


ListItemManager = models.Manager.from_queryset(ListItemQuerySet)


class ListItem(ScopedModel, WorkloadFields):
    """One item of a list (清单事项), as it stands in one version.

    Items are identified across versions by ``code``; a diff pairs items by code. Every item carries
    its Standard Cost Model estimate (``WorkloadFields``: minutes per occurrence × occurrences per
    year), its provenance as a real published list states it (issuing bodies, 文号, date, level,
    batch, the higher-level list it adopts), the bodies it binds and its conditions and exceptions.
    """

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(gettext_lazy("编号"), max_length=32)
    title = models.CharField(gettext_lazy("事项名称"), max_length=200)
    category = models.CharField(gettext_lazy("类别"), max_length=16, choices=Category.choices, db_index=True)
    # cert_kind (证明类型) is declared with the workload (WorkloadFields), shared with applications.
    basis = models.TextField(gettext_lazy("制度依据"), blank=True)
    department = models.ForeignKey(
        "orgs.Org",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("责任部门"),
    )
    scope = models.TextField(gettext_lazy("职责范围"), blank=True)
    process = models.TextField(gettext_lazy("运行流程"), blank=True)
    review_date = models.DateField(gettext_lazy("复核日期"), null=True, blank=True)
    # 法定事项: a duty (履职 or 协助) the law itself gives the community, e.g. 城市居民委员会组织法
    # 第三条; it needs no department and no funding (费随事转 is for work a department transfers).
    statutory = models.BooleanField(gettext_lazy("法定事项"), default=False)
    # Provenance (出处) as the source document states it.
    issuer = models.CharField(gettext_lazy("发文机关"), max_length=200, blank=True)
    doc_number = models.CharField(gettext_lazy("文号"), max_length=64, blank=True)
    issued_on = models.DateField(gettext_lazy("发文日期"), null=True, blank=True)
    source_level = models.CharField(gettext_lazy("层级"), max_length=12, choices=SourceLevel.choices, blank=True)
    batch = models.CharField(gettext_lazy("批次"), max_length=64, blank=True)
    adopted_from = models.CharField(gettext_lazy("承接的上级清单"), max_length=300, blank=True)
    # Which bodies it binds (Body) and which kinds of community (CommunityType); empty = not stated.
    bodies = models.JSONField(gettext_lazy("约束主体"), default=list, blank=True)
    community_types = models.JSONField(gettext_lazy("社区类别"), default=list, blank=True)
    conditions = models.TextField(gettext_lazy("适用条件与例外"), blank=True)  # e.g. 「未经县委统一部署不得…」
    # Plaques (牌子) in 工作机制与牌子: allowed or forbidden, where, how many.
    plaque_kind = models.CharField(gettext_lazy("牌子类型"), max_length=12, choices=PlaqueKind.choices, blank=True)
    plaque_position = models.CharField(
        gettext_lazy("悬挂位置"), max_length=12, choices=PlaquePosition.choices, blank=True
    )
    plaque_quota = models.PositiveSmallIntegerField(gettext_lazy("限挂数量"), null=True, blank=True)
    # Where the item came from, e.g. "admission:12" for an approved admission application.
    source_ref = models.CharField(gettext_lazy("来源"), max_length=64, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    objects: ClassVar[ListItemManager] = ListItemManager()

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="catalog_item_code_unique")]
        indexes = [models.Index(fields=["version", "category"])]
        verbose_name = "清单事项"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def carries_burden(self) -> bool:
        """Work the community actually does (not the negative list, not a certificate it must
        refuse, not a plaque that must come down)."""
        return carries_burden(self.category, self.cert_kind, self.plaque_kind)

    @property
    def bodies_display(self) -> str:
        labels = dict(Body.choices)
        return "、".join(str(labels.get(b, b)) for b in self.bodies or [])

    @property
    def community_types_display(self) -> str:
        labels = dict(CommunityType.choices)
        return "、".join(str(labels.get(t, t)) for t in self.community_types or [])

    @property
    def has_provenance(self) -> bool:
        return any(getattr(self, f) for f in PROVENANCE_FIELDS)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if ListVersion.objects.filter(pk=self.version_id, status=VersionStatus.PUBLISHED).exists():
            raise PublishedVersionError("items of a published list version cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if ListVersion.objects.filter(pk=self.version_id, status=VersionStatus.PUBLISHED).exists():
            raise PublishedVersionError("items of a published list version cannot be deleted")
        return super().delete(*args, **kwargs)


class Citation(ScopedModel):
    """A policy document a rule of the platform rests on (政策依据), as a county cites it.

    Pages cite rules by the document's title, number and section (「《…实施方案》（汉政办发〔2016〕88号）
    三、（二）」), never by an internal reference. The platform ships a default for each rule
    (``citations.DEFAULTS``); a county's own row (``region_code`` = the county) replaces it for
    every community below it, so a county cites the documents it actually issued.
    """

    key = models.CharField(gettext_lazy("规则"), max_length=40)
    title = models.CharField(gettext_lazy("文件名称"), max_length=200)
    doc_number = models.CharField(gettext_lazy("发文字号"), max_length=60, blank=True)
    issuer = models.CharField(gettext_lazy("发文机关"), max_length=100, blank=True)
    section = models.CharField(gettext_lazy("条款/章节"), max_length=60, blank=True)
    excerpt = models.CharField(gettext_lazy("条文要点"), max_length=300)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["region_code", "key"]
        constraints = [models.UniqueConstraint(fields=["region_code", "key"], name="catalog_citation_unique")]
        verbose_name = "政策依据"

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"
