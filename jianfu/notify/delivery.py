"""Notifications going out: which deliveries a new notification gets (``queue``) and the sweep that
sends them, retrying with backoff (``deliver_due``, run by ``jianfu notify-deliver``).

Nothing is sent inside a request: ``do_notify`` writes the notification and its pending deliveries
in the same transaction, and the sweep sends them afterwards, so a slow or dead mail server never
holds up the person whose decision caused the message.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import channels
from .choices import DEFAULT_CHANNELS, DEFAULT_KINDS, DeliveryStatus
from .models import Delivery, Notification, Preference

log = logging.getLogger(__name__)

# How long a sweep holds the rows it is sending, so that an overlapping sweep leaves them alone.
LEASE = dt.timedelta(minutes=5)
MAX_BACKOFF = dt.timedelta(hours=6)


def choices_of(user: Any) -> tuple[list[str], list[str]]:
    """The kinds and channels ``user`` chose (the defaults before they chose)."""
    pref = Preference.objects.filter(user=user).first()
    return (pref.kinds, pref.channels) if pref else (list(DEFAULT_KINDS), list(DEFAULT_CHANNELS))


def queue(notes: Sequence[Notification]) -> list[Delivery]:
    """Pending deliveries for new notifications: each channel the recipient chose for the kind,
    where the deployment and the recipient's account make it reachable."""
    available = channels.configured()
    if not notes or not available:
        return []
    prefs = {p.user_id: p for p in Preference.objects.filter(user__in=[n.user_id for n in notes])}
    rows: list[Delivery] = []
    # One post per group robot for the whole batch (every note of one do_notify says the same):
    # the first recipient's delivery carries it and names everyone it is for.
    robot_rows: dict[tuple[str, str], Delivery] = {}
    robots: dict[tuple[int | None, str], dict[str, str] | None] = {}  # one tree walk per org

    def robot_of(user: Any, channel: str) -> dict[str, str] | None:
        key = (user.org_id, channel)
        if key not in robots:
            robots[key] = channels.robot_for(user, channel)
        return robots[key]

    for note in notes:
        pref = prefs.get(note.user_id)
        kinds, chosen = (pref.kinds, pref.channels) if pref else (DEFAULT_KINDS, DEFAULT_CHANNELS)
        if note.kind not in kinds:
            continue
        for channel in chosen:
            if channel not in available:
                continue
            robot = robot_of(note.user, channel) if channel in channels.ROBOTS else None
            if robot is None and (channel in channels.ROBOTS or not channels.reachable(note.user, channel)):
                continue
            name = note.user.get_full_name()
            if robot is not None and (channel, robot["webhook"]) in robot_rows:
                lead = robot_rows[(channel, robot["webhook"])]
                lead.addressees = f"{lead.addressees}、{name}"[:500]
                continue
            row = Delivery(notification=note, channel=channel, region_code=note.region_code, addressees=name)
            if robot is not None:
                robot_rows[(channel, robot["webhook"])] = row
            rows.append(row)
    return Delivery.objects.bulk_create(rows)


@dataclass
class SweepCounts:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def backoff(attempts: int) -> dt.timedelta:
    """Wait before try ``attempts + 1``: RETRY_SECONDS, doubled after each failure, at most 6 h."""
    return min(dt.timedelta(seconds=settings.NOTIFY_RETRY_SECONDS * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _claim(now: dt.datetime, limit: int) -> list[int]:
    with transaction.atomic():
        # Rows another sweep holds are skipped (PostgreSQL); SQLite has one writer anyway.
        due = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        ids = list(due)
        Delivery.objects.filter(pk__in=ids).update(next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    return ids


def _personal_and_disabled(delivery: Delivery) -> bool:
    # A disabled account is told nothing more (a group robot's post is for the others too).
    return delivery.channel not in channels.ROBOTS and not delivery.notification.user.is_active


def _send(delivery: Delivery) -> None:
    if _personal_and_disabled(delivery):
        raise channels.DeliveryError("账号已停用，不再发送")
    channels.SENDERS[delivery.channel](delivery)


def _attempt(delivery: Delivery, now: dt.datetime, counts: SweepCounts) -> None:
    try:
        _send(delivery)
    except Exception as exc:  # any failure of one delivery is logged on it; the sweep goes on
        if not isinstance(exc, channels.DeliveryError):
            log.exception("notify: delivery %s by %s failed", delivery.pk, delivery.channel)
        error = str(exc) or exc.__class__.__name__
        log.warning(
            "notify: delivery %s by %s, attempt %s: %s", delivery.pk, delivery.channel, delivery.attempts, error
        )
        if _personal_and_disabled(delivery) or delivery.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            status, counts.failed = DeliveryStatus.FAILED, counts.failed + 1
        else:
            status, counts.retrying = DeliveryStatus.PENDING, counts.retrying + 1
        Delivery.objects.filter(pk=delivery.pk).update(
            status=status, last_error=error[:500], next_attempt_at=now + backoff(delivery.attempts)
        )
        return
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    counts.sent += 1


def deliver_due(now: dt.datetime | None = None, *, limit: int = 500) -> SweepCounts:
    """Send every pending delivery whose time has come; failures wait longer each time."""
    now = now or timezone.now()
    counts = SweepCounts()
    ids = _claim(now, limit)
    batch = Delivery.objects.filter(pk__in=ids).select_related("notification__user__org").order_by("id")
    for delivery in batch:
        _attempt(delivery, now, counts)
    return counts
