"""The synonym/alias lexicon (同义词库) of a jurisdiction, edited by its list owners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel

from .text import split_terms


class GroupKind(models.TextChoices):
    WORK = "work", gettext_lazy("工作事项")  # the gate, admission pre-check, draft review
    FIELD = "field", gettext_lazy("表格指标")  # the forms registry's field matcher (一表通)


class SynonymGroup(ScopedModel):
    """One group of words that mean the same thing: a standard term and its aliases.

    ``region_code`` is the county (list owner) whose lexicon it belongs to. ``kind`` says what the
    words name: work (the gate folds a kind of work into its category) or a form's indicator
    (field groups never fold: 临时救助人次 is not 社会救助人次). A county without work rows uses the
    shipped defaults (``defaults.DEFAULT_GROUPS``); its first edit copies them in, after which its
    rows are its lexicon. Field groups add to the base data the forms registry ships.
    """

    kind = models.CharField(gettext_lazy("类别"), max_length=8, choices=GroupKind.choices, default=GroupKind.WORK)
    term = models.CharField(gettext_lazy("标准词"), max_length=32)
    aliases = models.TextField(
        gettext_lazy("同义词/别称"), help_text=gettext_lazy("用顿号、逗号或空格分隔，如：违章建筑、违法建设、违建")
    )
    note = models.CharField(gettext_lazy("说明/出处"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["region_code", "kind", "term"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "kind", "term"], name="matching_group_kind_term_unique")
        ]
        verbose_name = "同义词组"

    def __str__(self) -> str:
        return f"{self.term}：{self.aliases}"

    @property
    def alias_list(self) -> list[str]:
        return split_terms(self.aliases)


class IndexSnapshot(models.Model):
    """A published version's gate index (派发审查索引) as built under one lexicon, kept so that a
    server process loads it instead of building it while a user waits. Built after a version is
    published and after its county's lexicon changes (``index.prebuild``); only this app writes it,
    as a pickle of its own data."""

    version = models.ForeignKey("catalog.ListVersion", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)  # lexicon stamp @ publication time
    data = models.BinaryField()
    built_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="matching_snapshot_unique")]
        verbose_name = "比对索引快照"

    def __str__(self) -> str:
        return f"{self.version_id}:{self.key}"
