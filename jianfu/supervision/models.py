"""Supervision cases (监督案件): every suspected violation, from whichever channel, in one queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import CaseSource, CaseState


class Case(models.Model):
    """A suspected violation of the burden-reduction rules (an unlisted task pushed down, a limit
    broken, a demanded certificate…), to be verified by the supervising office (民政局/组织部) and,
    if substantiated, answered by the responsible department through a 督办单.

    The reporter's identity (``reporter``, ``reporter_contact``) is for the supervising office only:
    selectors and serialisers used by departments never include it.
    """

    region_code = models.CharField(max_length=12, db_index=True)
    source = models.CharField("来源", max_length=20, choices=CaseSource.choices)
    state = models.CharField("状态", max_length=20, choices=CaseState.choices, default=CaseState.RECEIVED)
    title = models.CharField("标题", max_length=200)
    description = models.TextField("情况描述", blank=True)
    # The rule broken, for people ("负面清单 N-03 …" or "乡镇会议每月不超过 4 次").
    rule_ref = models.CharField("违反的规定", max_length=300, blank=True)
    community = models.ForeignKey(
        "orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="涉及社区"
    )
    department = models.ForeignKey(
        "orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位"
    )
    # The object that gave rise to the case, e.g. ("dispatch.task", "42") or ("burden.breach", "7").
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reporter_contact = models.CharField("举报人联系方式", max_length=100, blank=True)
    tracking_code = models.CharField("查询码", max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]
        verbose_name = "监督案件"

    def __str__(self) -> str:
        return self.title
