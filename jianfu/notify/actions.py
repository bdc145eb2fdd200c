"""Writes to notifications: create (on behalf of other actions) and mark read."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import NotFound

from .models import Notification

log = logging.getLogger(__name__)


def _recipients(users: Any) -> list[Any]:
    if users is None:
        return []
    if hasattr(users, "pk"):
        users = [users]
    seen: dict[int, Any] = {}
    for user in users:
        if user is not None and getattr(user, "is_active", True) and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


@transaction.atomic
def do_notify(
    users: Any,
    *,
    title: str,
    body: str = "",
    url: str = "",
    region_code: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Tell each of ``users`` (one user or an iterable) about an event.

    Generic on purpose: any app may call it, normally through ``notify_on_commit`` so that nobody
    is told about a change that was rolled back. With ``dedupe_key``, a user already told about the
    same key is skipped (cron jobs may run twice). Not audited: it records no decision.
    """
    recipients = _recipients(users)
    if dedupe_key:
        told = set(
            Notification.objects.filter(user__in=recipients, dedupe_key=dedupe_key).values_list("user_id", flat=True)
        )
        recipients = [u for u in recipients if u.pk not in told]
    rows = [
        Notification(
            user=u,
            region_code=region_code or getattr(u, "region_code", "") or "",
            title=title[:200],
            body=body,
            url=url[:300],
            dedupe_key=dedupe_key[:120],
        )
        for u in recipients
    ]
    return Notification.objects.bulk_create(rows)


def notify_on_commit(users: Iterable[Any] | Any, **kwargs: Any) -> None:
    """Queue ``do_notify`` for when the current transaction commits (now, outside one).

    A notification that fails is logged, never raised: the decision it reports has already been
    committed and must not turn into an error page for the person who made it.
    """
    recipients = _recipients(users)
    if not recipients:
        return

    def send() -> None:
        try:
            do_notify(recipients, **kwargs)
        except Exception:  # logged with its traceback; the committed decision stands
            log.exception("notify: could not send %r", kwargs.get("title", ""))

    transaction.on_commit(send)


@transaction.atomic
def do_mark_read(notification_id: int | None, *, actor: Any) -> int:
    """Mark one of the actor's notifications read (or all of them when ``notification_id`` is
    None); returns how many changed. Another user's notification is not found."""
    qs = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_id is not None:
        if not Notification.objects.filter(user=actor, pk=notification_id).exists():
            raise NotFound(_("未找到该通知。"))
        qs = qs.filter(pk=notification_id)
    changed = qs.update(read_at=timezone.now())
    if changed and notification_id is None:
        audit.record(actor, "notify.notification.read_all", None, after={"count": changed})
    return changed
