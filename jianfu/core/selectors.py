"""Reads of the audit log shared by every app."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry


def object_history(obj: models.Model) -> QuerySet[AuditEntry]:
    """The audit entries about one object, oldest first (its history: who did what, when, why).

    The caller has already fetched ``obj`` through its own selector, so the user may see it.
    """
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("at", "id")
