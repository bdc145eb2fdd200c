"""Reads of notifications: a user sees only their own; a system administrator sees the deliveries
of their jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jianfu.orgs.permissions import is_sysadmin

from .models import Delivery, Notification


def notifications_for(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(user: Any) -> int:
    return notifications_for(user, unread_only=True).count()


def deliveries_for(user: Any, *, status: str = "") -> QuerySet[Delivery]:
    """Deliveries of notifications in the system administrator's jurisdiction (nobody else's)."""
    if not is_sysadmin(user):
        return Delivery.objects.none()
    qs = Delivery.objects.restrict(user).select_related("notification__user__org")
    return qs.filter(status=status) if status else qs
