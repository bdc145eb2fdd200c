"""Writes to notifications: create (on behalf of other actions) and mark read."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, Conflict, NotAllowed, NotFound

from . import delivery
from .choices import Channel, DeliveryStatus, Kind
from .models import Delivery, Notification, Preference

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
    kind: str = Kind.OTHER,
) -> list[Notification]:
    """Tell each of ``users`` (one user or an iterable) about an event.

    Generic on purpose: any app may call it, normally through ``notify_on_commit`` so that nobody
    is told about a change that was rolled back. With ``dedupe_key``, a user already told about the
    same key is skipped (cron jobs may run twice). Not audited: it records no decision.

    ``kind`` (deadline, 督办单, refusal, review, other) decides, with each recipient's preferences,
    which channels beside the bell it also goes out by: those deliveries are written here, in the
    same transaction, and sent afterwards by ``jianfu notify-deliver``.
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
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
            kind=kind,
        )
        for u in recipients
    ]
    notes = Notification.objects.bulk_create(rows)
    delivery.queue(notes)
    return notes


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


@transaction.atomic
def do_set_preferences(*, actor: Any, kinds: list[str], channels: list[str]) -> Preference:
    """Choose which kinds of notification also reach the actor outside the app, and how (their
    own settings only). Unknown kinds or channels are refused; the bell keeps getting everything."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFound(_("未找到该用户。"))
    bad = [k for k in kinds if k not in Kind.values] + [c for c in channels if c not in Channel.values]
    if bad:
        raise ActionError(_("无效的通知类别或渠道。"), field="kinds")
    kinds = [k for k in Kind.values if k in kinds]
    channels = [c for c in Channel.values if c in channels]
    pref = Preference.objects.select_for_update().filter(user=actor).first()
    before = {"kinds": pref.kinds, "channels": pref.channels} if pref else None
    if pref is None:
        pref = Preference(user=actor)
    pref.kinds, pref.channels = kinds, channels
    pref.save()
    audit.record(actor, "notify.preference.set", None, before=before, after={"kinds": kinds, "channels": channels})
    return pref


@transaction.atomic
def do_retry_delivery(delivery_id: int, *, actor: Any) -> Delivery:
    """A system administrator sends a failed delivery again (after fixing an address or a robot):
    it goes back to the queue with a fresh set of attempts. Outside their jurisdiction: not found."""
    from jianfu.orgs.permissions import is_sysadmin

    if not is_sysadmin(actor):
        raise NotAllowed(_("仅系统管理员可以重发通知。"))
    # Locked so that a sweep running now cannot change it between the check and the update.
    row = Delivery.objects.restrict(actor).select_for_update().filter(pk=delivery_id).first()
    if row is None:
        raise NotFound(_("未找到该投递记录。"))
    if row.status != DeliveryStatus.FAILED:
        raise Conflict(_("只有发送失败的投递可以重发。"), state=row.status, state_label=row.get_status_display())
    before = {"status": row.status, "attempts": row.attempts, "last_error": row.last_error}
    row.status, row.attempts, row.next_attempt_at = DeliveryStatus.PENDING, 0, timezone.now()
    row.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit.record(actor, "notify.delivery.retry", row, before=before, after={"status": row.status})
    return row
