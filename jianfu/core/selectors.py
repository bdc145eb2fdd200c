"""Reads of the audit log shared by every app."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry


def object_history(obj: models.Model) -> QuerySet[AuditEntry]:
    """The audit entries about one object, oldest first (its history: who did what, when, why).

    The caller has already fetched ``obj`` through its own selector, so the user may see it.
    """
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("at", "id")


def audit_trail_of(user: Any) -> QuerySet[AuditEntry]:
    """What this user did: their own audit entries, newest first."""
    if not getattr(user, "is_authenticated", False):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(actor=user).select_related("org")
