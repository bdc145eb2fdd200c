"""Core models: the one append-only audit log every action writes to."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit entries are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries are append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise PermissionError("audit entries are append-only")


class AuditEntry(models.Model):
    """One audited write (审计记录): who did what to which object, in which org, and when.

    Written only by actions through ``jianfu.core.audit.record``; never updated or deleted, and no
    page, admin or API route can change it. Workflow transitions are audit entries too (their
    ``before``/``after`` hold the state and ``reason`` the stated reason).
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(max_length=12, blank=True, db_index=True)
    event_type = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["actor", "-at"])]
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.event_type} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries are append-only")


class DocumentCounter(models.Model):
    """The last document number (文号) used per issuer, kind and year; the row is locked while the
    next number is taken (``core.numbering.next_number``), so numbers have no gaps or repeats."""

    issuer_code = models.CharField(gettext_lazy("发文单位代码"), max_length=12)
    kind = models.CharField(gettext_lazy("文书种类"), max_length=40)
    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    last = models.PositiveIntegerField(gettext_lazy("已用至"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer_code", "kind", "year"], name="core_document_counter_unique")
        ]
        verbose_name = "文号计数"

    def __str__(self) -> str:
        return f"{self.issuer_code} {self.kind} {self.year}: {self.last}"
